import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Dialect } from './connection.ts';
import type { SchemaMigrationRow } from './schema.ts';
import { sql, values } from './statements.ts';
import { transaction } from './transaction.ts';

/** The folders of numbered `.sql` migrations shipped with Parley, one per engine, with matching numbers and names. */
export const MIGRATIONS_DIRS: Record<Dialect, string> = {
  sqlite: fileURLToPath(new URL('../../migrations/sqlite/', import.meta.url)),
  postgres: fileURLToPath(new URL('../../migrations/postgres/', import.meta.url)),
};
/** SQLite's migrations (tests that rebuild an old schema copy from here). */
export const MIGRATIONS_DIR = MIGRATIONS_DIRS.sqlite;

/** The advisory lock key under which one process at a time migrates a PostgreSQL database. */
const MIGRATION_LOCK = 7_301_946;

const SCHEMA_MIGRATIONS: Record<Dialect, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    id BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  )`,
};

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

interface MigrationFile {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  return files.map((name) => {
    const match = FILE_NAME.exec(name);
    if (!match?.[1]) throw new MigrationError(`Migration file name ${name} must look like 0001_name.sql`);
    const sql = readFileSync(join(dir, name), 'utf8');
    return { id: Number(match[1]), name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/**
 * Applies every migration not yet recorded, each in its own transaction. Refuses to run when a
 * recorded migration was edited or removed: history is forward-only, a change needs a new file.
 * On PostgreSQL, processes that start together take turns (an advisory lock): the first applies
 * the migrations, the others find them recorded.
 */
export function migrate(db: Db, dir: string = MIGRATIONS_DIRS[db.dialect]): { applied: string[] } {
  if (db.dialect === 'sqlite') return migrateUnlocked(db, dir);
  // Waiting for another process's migrations is not a lock wait to give up on (lock_timeout applies to advisory locks too).
  db.exec(`SET lock_timeout TO 0; SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    return migrateUnlocked(db, dir, () => {
      if (!holdsMigrationLock(db)) {
        throw new MigrationError(
          'The connection to PostgreSQL was lost while migrating, and with it the turn to migrate: start Parley again to apply the rest.',
        );
      }
    });
  } finally {
    // A connection opened again holds no lock to give back (unlocking would only warn).
    if (holdsMigrationLock(db)) db.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    db.exec("SET lock_timeout TO '5s'");
  }
}

/**
 * Whether this connection holds the migrations' advisory lock (one bigint key: classid is its high
 * 32 bits, objid its low ones, objsubid 1). The lock belongs to a connection: one lost mid-migration
 * (and opened again by the transaction that found it lost, postgres.ts) no longer holds it, and
 * another process may be migrating now. Each migration's transaction checks first and stops the
 * start-up if so: the next start applies the rest, in turn.
 */
function holdsMigrationLock(db: Db): boolean {
  const held = values<[], number>(
    db,
    `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = ${MIGRATION_LOCK} AND objsubid = 1 AND pid = pg_backend_pid() AND granted`,
  ).get();
  return (held ?? 0) > 0;
}

function migrateUnlocked(db: Db, dir: string, beforeEach: () => void = () => {}): { applied: string[] } {
  db.exec(SCHEMA_MIGRATIONS[db.dialect]);
  const recorded = sql<[], Pick<SchemaMigrationRow, 'id' | 'name' | 'checksum'>>(db, 'SELECT id, name, checksum FROM schema_migrations ORDER BY id').all();
  const files = readMigrations(dir);
  const filesById = new Map(files.map((file) => [file.id, file]));

  for (const row of recorded) {
    const file = filesById.get(row.id);
    if (!file) {
      throw new MigrationError(`Migration ${row.name} was applied to this database but its file is missing.`);
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${file.name} was edited after it was applied (checksum differs). ` +
          'Migrations are forward-only: restore the file and add a new migration instead.',
      );
    }
  }

  const appliedIds = new Set(recorded.map((row) => row.id));
  const insert = sql<[number, string, string, string]>(db, 'INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const applied: string[] = [];
  for (const file of files) {
    if (appliedIds.has(file.id)) continue;
    transaction(db, () => {
      beforeEach();
      db.exec(file.sql);
      insert.run(file.id, file.name, file.checksum, new Date().toISOString());
    });
    applied.push(file.name);
  }
  return { applied };
}
