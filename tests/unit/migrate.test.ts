import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../server/db/connection.ts';
import { sqliteHandle } from '../../server/db/sqlite.ts';
import { migrate, MigrationError, MIGRATIONS_DIR } from '../../server/db/migrate.ts';
import { readEnv } from '../../server/env.ts';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-migrate-'));
  db = openDb(join(dir, 'test.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration runner', () => {
  it('applies numbered migrations once each, in order, and records them', () => {
    const migrations = join(dir, 'migrations');
    rmSync(migrations, { recursive: true, force: true });
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0002_more.sql'), 'ALTER TABLE t ADD COLUMN b TEXT;');
    writeFileSync(join(migrations, '0001_first.sql'), 'CREATE TABLE t (a INTEGER) STRICT;');
    expect(migrate(db, migrations).applied).toEqual(['0001_first.sql', '0002_more.sql']);
    expect(migrate(db, migrations).applied).toEqual([]);
    db.prepare("INSERT INTO t (a, b) VALUES (1, 'x')").run();
    const rows = db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, name: '0001_first.sql' },
      { id: 2, name: '0002_more.sql' },
    ]);
  });

  it('refuses to start when an applied migration was edited', () => {
    const migrations = join(dir, 'm');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_first.sql'), 'CREATE TABLE t (a INTEGER) STRICT;');
    migrate(db, migrations);
    appendFileSync(join(migrations, '0001_first.sql'), '\nCREATE TABLE u (a INTEGER);');
    expect(() => migrate(db, migrations)).toThrow(MigrationError);
    expect(() => migrate(db, migrations)).toThrow(/0001_first\.sql was edited after it was applied/);
  });

  it('refuses when an applied migration file is missing', () => {
    const migrations = join(dir, 'm');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_first.sql'), 'CREATE TABLE t (a INTEGER) STRICT;');
    migrate(db, migrations);
    unlinkSync(join(migrations, '0001_first.sql'));
    expect(() => migrate(db, migrations)).toThrow(/file is missing/);
  });

  it('rolls back a failing migration entirely', () => {
    const migrations = join(dir, 'm');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_bad.sql'), 'CREATE TABLE t (a INTEGER); INSERT INTO nowhere VALUES (1);');
    expect(() => migrate(db, migrations)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
  });

  it('applies Parley’s own migrations to a new database', () => {
    const { applied } = migrate(db);
    expect(applied[0]).toBe('0001_init.sql');
    expect(sqliteHandle(db)!.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqliteHandle(db)!.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('opens connections with the durability PARLEY_SYNC asks for', () => {
    expect(sqliteHandle(db)!.pragma('synchronous', { simple: true })).toBe(1); // NORMAL, the default
    const full = openDb(join(dir, 'full.db'), { synchronous: 'full' });
    expect(sqliteHandle(full)!.pragma('synchronous', { simple: true })).toBe(2); // FULL
    full.close();
    expect(readEnv({ PARLEY_SYNC: 'full' }).PARLEY_SYNC).toBe('full');
    expect(readEnv({}).PARLEY_SYNC).toBe('normal');
  });
});

describe('0004_document_astral', () => {
  it('marks documents imported before it by whether their text holds astral characters', () => {
    // The database as it stood after 0003: the shipped migrations up to it, then two documents.
    const before = join(dir, 'up-to-0003');
    mkdirSync(before);
    for (const name of readdirSync(MIGRATIONS_DIR).filter((file) => file < '0004')) copyFileSync(join(MIGRATIONS_DIR, name), join(before, name));
    migrate(db, before);
    db.prepare("INSERT INTO projects (id, name, stance_labels, created_at, updated_at) VALUES (1, 'p', '[{}]', 'now', 'now')").run();
    const insert = db.prepare(
      "INSERT INTO documents (project_id, title, text, text_length, text_sha256, segmenter, created_at) VALUES (1, ?, ?, ?, ?, 's', 'now')",
    );
    for (const [title, text] of [
      ['plain', 'Tehran condemned it. Café crème, naïve – “quoted”.'],
      ['emoji', 'A 😀 group condemned Israel.'],
      ['cjk', '𠮷野家 opened.'],
      ['nul then emoji', 'A\u0000 then 😀.'],
      ['nul only', 'A\u0000b and ü.'],
    ]) {
      insert.run(title, text, text!.length, title!.padEnd(64, '0'));
    }

    // 0004 runs first; later migrations follow it.
    expect(migrate(db).applied[0]).toBe('0004_document_astral.sql');
    expect(db.prepare('SELECT title, has_astral FROM documents ORDER BY id').all()).toEqual([
      { title: 'plain', has_astral: 0 },
      { title: 'emoji', has_astral: 1 },
      { title: 'cjk', has_astral: 1 },
      { title: 'nul then emoji', has_astral: 1 },
      { title: 'nul only', has_astral: 0 },
    ]);
  });
});
