// A fresh, migrated database for each test: a SQLite file in a temporary folder, or — in the
// `api-postgres` tier (PARLEY_TEST_ENGINE=postgres) — a new database on the throwaway PostgreSQL
// cluster named by PARLEY_TEST_POSTGRES (.ci/postgres.sh), copied from a migrated template.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../server/db/connection.ts';
import { migrate, MIGRATIONS_DIRS } from '../../server/db/migrate.ts';
import { values } from '../../server/db/statements.ts';

export interface TestDatabase {
  db: Db;
  /** Where it lives: a file path, or a PostgreSQL URL (what PARLEY_DB takes, for CLI runs). */
  location: string;
  /** Closes it and removes it. */
  drop: () => void;
}

/** The engine this test run uses. */
export const testEngine = process.env.PARLEY_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export function freshDatabase(): TestDatabase {
  return testEngine === 'postgres' ? freshPostgres() : freshSqlite();
}

function freshSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'parley-test-'));
  const location = join(dir, 'test.db');
  const db = openDb(location);
  migrate(db);
  return {
    db,
    location,
    drop: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let admin: Db | undefined;
let template: string | undefined;
let counter = 0;

function clusterUrl(): string {
  const url = process.env.PARLEY_TEST_POSTGRES;
  if (!url) throw new Error('PARLEY_TEST_ENGINE=postgres needs PARLEY_TEST_POSTGRES, the URL of a throwaway cluster (bash .ci/postgres.sh start DIR)');
  return url;
}

/** The cluster URL with another database name. */
export function databaseUrl(name: string): string {
  const url = new URL(clusterUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated template database, made once per migration set (workers take turns under an advisory lock). */
function migratedTemplate(db: Db): string {
  if (template) return template;
  const dir = MIGRATIONS_DIRS.postgres;
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  const name = `parley_template_${hash.digest('hex').slice(0, 12)}`;
  db.exec('SELECT pg_advisory_lock(4711)');
  try {
    if (values<[string], number>(db, 'SELECT count(*) FROM pg_database WHERE datname = ?').get(name) === 0) {
      // A template left half-built by an interrupted run is built again.
      db.exec(`DROP DATABASE IF EXISTS ${name}_building`);
      db.exec(`CREATE DATABASE ${name}_building`);
      const building = openDb(databaseUrl(`${name}_building`));
      migrate(building);
      building.close();
      db.exec(`ALTER DATABASE ${name}_building RENAME TO ${name}`);
    }
  } finally {
    db.exec('SELECT pg_advisory_unlock(4711)');
  }
  template = name;
  return name;
}

function freshPostgres(): TestDatabase {
  admin ??= openDb(clusterUrl());
  const from = migratedTemplate(admin);
  const name = `parley_test_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  admin.exec(`CREATE DATABASE ${name} TEMPLATE ${from}`);
  const location = databaseUrl(name);
  const db = openDb(location);
  return {
    db,
    location,
    drop: () => {
      db.close();
      admin?.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
