// The database a Parley process works on: SQLite (a file, the embedded default) or PostgreSQL (a
// `postgres://` URL, for teams). Both engines sit behind this one synchronous interface: a
// repository prepares a statement and runs it; a service runs its transaction as a synchronous
// function. Synchronous on both (docs/decisions/007-postgresql.md): a process runs one
// transaction at a time and nothing can interleave inside it; processes scale out instead.
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';

export type Dialect = 'sqlite' | 'postgres';

/** How a statement returns its rows: objects by column name, arrays in SELECT order, or the first column's value. */
export type RowMode = 'rows' | 'tuples' | 'values';

/**
 * `immediate`: a write transaction; `deferred`: reads that must see one snapshot; `batch`: a batch
 * job's long write transaction (import-annotations, copy-db), which also holds the tables labels
 * are saved into against other writers until it commits. SQLite's one write lock (BEGIN IMMEDIATE)
 * does that for every write; on PostgreSQL a long SERIALIZABLE batch would otherwise lose the
 * conflict to every save that commits while it runs, and a steady stream of saves could starve it.
 */
export type TransactionMode = 'immediate' | 'deferred' | 'batch';

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
}

/** A prepared statement; `?` placeholders bound positionally. */
export interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  run(...params: unknown[]): RunResult;
}

export interface Db {
  readonly dialect: Dialect;
  /** Where the data lives, for messages and for other processes (a file path or a URL without its password). */
  readonly location: string;
  /** False once closed (timers that outlive their database stop on it). */
  readonly open: boolean;
  /**
   * How many transactions or savepoints this connection has rolled back. A cache keyed by a
   * version the database counts (the actor registry's) adds it to its key: a rolled-back write
   * takes its version number back, and the next write would give the same number to other rows.
   */
  readonly rollbacks: number;
  /** A statement prepared once per connection and reused (callers go through `server/db/statements.ts`). */
  prepare(text: string, mode?: RowMode): Statement;
  /**
   * Runs a write for its effect only: nothing comes back. SQLite runs it at once. Inside a
   * PostgreSQL transaction it goes out with the transaction's next statement or its COMMIT, saving
   * the round trip; an error it raises is thrown there, still inside the transaction (callers go
   * through `deferred` in `server/db/statements.ts`).
   */
  runDeferred(statement: Statement, params: unknown[]): void;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): void;
  /**
   * Runs `work` in a transaction: committed when it returns, rolled back when it throws; a nested
   * call is a savepoint. `work` must be synchronous and may run more than once (PostgreSQL retries
   * a transaction that lost a serialization conflict), so it must not have effects outside the database.
   */
  transaction<T>(mode: TransactionMode, work: () => T): T;
  close(): void;
}

export interface DbOptions {
  /** PARLEY_SYNC: `normal` survives process crashes, `full` also power loss (server/env.ts). SQLite only. */
  synchronous?: 'normal' | 'full';
  /** PostgreSQL: how many times a transaction that loses a serialization conflict is run in all (default 12). */
  conflictAttempts?: number;
}

/** `postgres://…` and `postgresql://…` are PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/** Opens the database at `location` with the settings every Parley connection needs. */
export function openDb(location: string, options: DbOptions = {}): Db {
  return isPostgresUrl(location) ? openPostgres(location, options.conflictAttempts) : openSqlite(location, options);
}
