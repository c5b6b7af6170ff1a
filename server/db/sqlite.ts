// The SQLite engine over better-sqlite3: the embedded default, one file, zero set-up.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db, DbOptions, RowMode, Statement, TransactionMode } from './connection.ts';

type Runner = (work: () => unknown) => unknown;

export class SqliteDb implements Db {
  readonly dialect = 'sqlite';
  /** The driver's connection, for what only SQLite has (checkpoints, online backup, pragmas): `server/db` only. */
  readonly handle: Database.Database;
  private readonly statements: Record<RowMode, Map<string, Database.Statement>> = { rows: new Map(), tuples: new Map(), values: new Map() };
  private readonly runners: Record<TransactionMode, Runner>;

  constructor(
    readonly location: string,
    { synchronous = 'normal' }: DbOptions = {},
  ) {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    const db = new Database(location);
    // WAL lets readers (exports, agreement) run while annotators save. NORMAL is durable in WAL mode
    // against application crashes (what a SIGKILL is); FULL syncs the log on every commit.
    db.pragma('journal_mode = WAL');
    db.pragma(synchronous === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // lower() of every script, as PostgreSQL's and JavaScript's: SQLite's own lowers A-Z only, so
    // "россия" did not duplicate the actor "Россия" and a search for "росс" missed it, here alone.
    // (No index or CHECK uses lower(); the searches and the duplicate check that do read few rows.)
    db.function('lower', { deterministic: true }, lowerCase);
    this.handle = db;
    // The wrappers are built once: `db.transaction(fn)` builds four wrapper functions on every
    // call, a tenth of a save's cost. BEGIN IMMEDIATE takes the write lock first: a deferred
    // transaction that reads and then writes must upgrade its lock, and SQLite refuses an upgrade
    // at once (SQLITE_BUSY, no busy timeout) while another connection writes; under load that
    // turned one save in a hundred into an error. Taking the lock at BEGIN waits the timeout instead.
    const wrapper = db.transaction((inner: () => unknown) => inner());
    // A batch needs nothing more: the write lock already holds every table against other writers.
    this.runners = { immediate: wrapper.immediate, deferred: wrapper.deferred, batch: wrapper.immediate };
  }

  get open(): boolean {
    return this.handle.open;
  }

  prepare(text: string, mode: RowMode = 'rows'): Statement {
    const cache = this.statements[mode];
    let statement = cache.get(text);
    if (!statement) {
      statement = this.handle.prepare(text);
      if (mode === 'tuples') statement.raw(true);
      if (mode === 'values') statement.pluck(true);
      cache.set(text, statement);
    }
    return statement;
  }

  runDeferred(statement: Statement, params: unknown[]): void {
    statement.run(...params);
  }

  exec(script: string): void {
    this.handle.exec(script);
  }

  rollbacks = 0;

  transaction<T>(mode: TransactionMode, work: () => T): T {
    try {
      // The wrapper returns what `work` returns; one wrapper serves every `T`, so the type is restated here.
      return this.runners[mode](work) as T;
    } catch (error) {
      this.rollbacks++;
      throw error;
    }
  }

  close(): void {
    this.handle.close();
  }
}

export function openSqlite(file: string, options: DbOptions = {}): SqliteDb {
  return new SqliteDb(file, options);
}

/** SQLite's lower() on this connection: NULL stays NULL, other values are lowered as text. */
function lowerCase(value: unknown): string | null {
  return value === null ? null : String(value).toLowerCase();
}

/** The SQLite connection under `db`, or undefined on another engine: for what only SQLite has. */
export function sqliteHandle(db: Db): Database.Database | undefined {
  return db instanceof SqliteDb ? db.handle : undefined;
}
