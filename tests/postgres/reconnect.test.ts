// A connection to PostgreSQL can be lost between two requests (the server restarted, an operator
// ended the backend): the next transaction learns of it from its own first messages. One whose
// COMMIT was not sent wrote nothing, so it runs again, once, on a new connection
// (server/db/postgres.ts, `retried`) instead of failing a user's request with a 503. A migration
// does not: the new connection does not hold the migrations' advisory lock.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { classifyDriverError } from '../../server/db/driverErrors.ts';
import { deferred, sql, values } from '../../server/db/statements.ts';
import { transaction } from '../../server/db/transaction.ts';
import { databaseUrl, freshDatabase, type TestDatabase } from '../support/databases.ts';

let database: TestDatabase;
let admin: Db;
let db: Db;

beforeEach(() => {
  database = freshDatabase();
  admin = database.db;
  db = openDb(database.location);
  db.exec('CREATE TABLE lost_and_found (note TEXT NOT NULL)');
});
afterEach(() => {
  db.close();
  database.drop();
});

const backendOf = (of: Db) => values<[], number>(of, 'SELECT pg_backend_pid()').get()!;
const terminate = (pid: number) => values<[number], number>(admin, 'SELECT CAST(pg_terminate_backend(?) AS INTEGER)').get(pid);
const notes = () => values<[], string>(admin, 'SELECT note FROM lost_and_found ORDER BY note').all();

describe('a lost PostgreSQL connection', () => {
  it('between two transactions: the next one runs on a new connection and writes once', () => {
    const before = backendOf(db);
    expect(terminate(before)).toBe(1);
    let runs = 0;
    transaction(db, () => {
      runs++;
      sql(db, 'INSERT INTO lost_and_found (note) VALUES (?)').run('after the restart');
    });
    // Found before it starts if the backend's goodbye has arrived (1 run), else by its first message (2).
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
    expect(notes()).toEqual(['after the restart']);
    expect(backendOf(db)).not.toBe(before);
  });

  it('inside a transaction, before its COMMIT: the whole transaction runs again and writes once', () => {
    let runs = 0;
    transaction(db, () => {
      runs++;
      sql(db, 'INSERT INTO lost_and_found (note) VALUES (?)').run(`run ${runs}`);
      // The first run loses its connection after writing: that write was never committed.
      if (runs === 1) expect(terminate(backendOf(db))).toBe(1);
      sql(db, 'INSERT INTO lost_and_found (note) VALUES (?)').run(`run ${runs}, second row`);
    });
    expect(runs).toBe(2);
    expect(notes()).toEqual(['run 2', 'run 2, second row']);
  });

  it('while idle, before a transaction whose every write is deferred: the loss is found before anything is sent', async () => {
    const before = backendOf(db);
    expect(terminate(before)).toBe(1);
    // The backend has gone (its goodbye is in the socket) before the next transaction starts.
    for (let tries = 0; tries < 100; tries++) {
      if (values<[number], number>(admin, 'SELECT count(*) FROM pg_stat_activity WHERE pid = ?').get(before) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Its entry goes before its socket closes (at the process's exit): a moment more for that.
    await new Promise((resolve) => setTimeout(resolve, 200));
    let runs = 0;
    // BEGIN, the INSERT and the COMMIT would travel in one pipeline: lost there, it could not run again.
    transaction(db, () => {
      runs++;
      deferred<[string]>(db, 'INSERT INTO lost_and_found (note) VALUES (?)')('deferred');
    });
    expect(runs).toBe(1);
    expect(notes()).toEqual(['deferred']);
  });

  it('during the COMMIT: the transaction does not run again (the COMMIT may have gone through), and the request is told to retry', () => {
    // A deferred constraint trigger runs inside the COMMIT: this one ends its own backend there.
    admin.exec(`
      CREATE FUNCTION end_own_backend() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;
      CREATE CONSTRAINT TRIGGER ends_at_commit AFTER INSERT ON lost_and_found
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION end_own_backend();`);
    let runs = 0;
    let failure: unknown;
    try {
      transaction(db, () => {
        runs++;
        sql(db, 'INSERT INTO lost_and_found (note) VALUES (?)').run('at the commit');
      });
    } catch (error) {
      failure = error;
    }
    expect(runs).toBe(1);
    expect(classifyDriverError(failure)).toBe('busy');
    // Here it did not go through (the backend ended before committing); the caller could not know.
    expect(notes()).toEqual([]);
  });

  it('twice in a row: the second loss fails the request, and nothing of it is written', () => {
    let runs = 0;
    expect(() =>
      transaction(db, () => {
        runs++;
        sql(db, 'INSERT INTO lost_and_found (note) VALUES (?)').run(`run ${runs}`);
        expect(terminate(backendOf(db))).toBe(1);
        sql(db, 'SELECT 1').get();
      }),
    ).toThrow();
    expect(runs).toBe(2);
    expect(notes()).toEqual([]);
    // The connection after that is opened again by the next transaction.
    transaction(db, () => sql(db, 'INSERT INTO lost_and_found (note) VALUES (?)').run('later'));
    expect(notes()).toEqual(['later']);
  });

  it('while migrating: the start stops (the new connection holds no turn to migrate), and the next start applies the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-migrations-'));
    const cluster = openDb(process.env.PARLEY_TEST_POSTGRES!);
    const name = `parley_reconnect_${process.pid}_${Date.now().toString(36)}`;
    cluster.exec(`CREATE DATABASE ${name}`);
    const empty = openDb(databaseUrl(name));
    const migrating = openDb(databaseUrl(name));
    try {
      // The first run of 0002 loses its connection (a sequence is not rolled back); a second run would not.
      empty.exec('CREATE SEQUENCE migration_runs');
      writeFileSync(join(dir, '0001_first.sql'), 'CREATE TABLE first_table (id BIGINT);');
      writeFileSync(
        join(dir, '0002_second.sql'),
        "CREATE TABLE second_table (id BIGINT); SELECT pg_terminate_backend(pg_backend_pid()) WHERE nextval('migration_runs') = 1;",
      );
      expect(() => migrate(migrating, dir)).toThrow(/lost while migrating/);
      const recorded = () => values<[], string>(empty, 'SELECT name FROM schema_migrations ORDER BY id').all();
      expect(recorded()).toEqual(['0001_first.sql']);
      expect(migrate(migrating, dir).applied).toEqual(['0002_second.sql']);
      expect(recorded()).toEqual(['0001_first.sql', '0002_second.sql']);
    } finally {
      migrating.close();
      empty.close();
      cluster.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      cluster.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
