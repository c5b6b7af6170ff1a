import Database from 'better-sqlite3';
import { PostgresError } from './postgres.ts';

/**
 * What a failed statement means for the request, from the driver's error code, decided here only:
 * - `busy`: the write waited the whole busy timeout for another connection's lock; nothing was
 *   written, and the same request works again later;
 * - `duplicate`: a UNIQUE or PRIMARY KEY constraint refused a second copy of something;
 * - `dangling_reference`: a FOREIGN KEY constraint: the row refers to something missing, or is
 *   still referred to;
 * - `rule_broken`: any other constraint (CHECK, NOT NULL, a trigger's RAISE).
 * Anything else (undefined) is not the request's fault.
 */
export type DriverFailure = 'busy' | 'duplicate' | 'dangling_reference' | 'rule_broken';

/** How a driver error classifies, or undefined when `error` is not one (or is a bug, not a refusal). */
export function classifyDriverError(error: unknown): DriverFailure | undefined {
  if (error instanceof PostgresError) return classifyPostgres(error.code);
  if (!(error instanceof Database.SqliteError)) return undefined;
  const { code } = error;
  // Extended codes: SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, … are all "try again later".
  if (code.startsWith('SQLITE_BUSY')) return 'busy';
  if (!code.startsWith('SQLITE_CONSTRAINT')) return undefined;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'duplicate';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'dangling_reference';
  return 'rule_broken';
}

// The server ended the connection: shut down or restarting (57P01-57P03), a session idle too long (57P05, 25P03).
const CONNECTION_ENDED = new Set(['57P01', '57P02', '57P03', '57P05', '25P03']);

/**
 * PostgreSQL's SQLSTATEs, mapped to what SQLite's codes mean: a lock wait past `lock_timeout`, a
 * conflict still lost after every retry, or a lost connection is `busy` (try again); class 23 is a
 * constraint; a trigger's RAISE EXCEPTION (P0001) is a rule, as SQLite's RAISE(ABORT) is.
 */
function classifyPostgres(code: string): DriverFailure | undefined {
  if (code === '55P03' || code === '40001' || code === '40P01' || code === '57014' || code.startsWith('08') || CONNECTION_ENDED.has(code)) return 'busy';
  if (code === '23505') return 'duplicate';
  if (code === '23503') return 'dangling_reference';
  if (code.startsWith('23') || code === 'P0001' || code === '22021') return 'rule_broken';
  return undefined;
}

/**
 * Tables whose ids Parley draws at random rather than counts (claims: server/claims/repo.ts says
 * why). A drawn id can repeat an existing one, rarely; the write then fails on the primary key.
 */
const RANDOM_ID_TABLES = ['claims', 'gold_claims'];

/**
 * Whether `error` is a drawn id that repeated an existing row's: the transaction that drew it runs
 * again with new draws (server/db/transaction.ts). Any other duplicate is the request's.
 */
export function isRandomIdClash(error: unknown): boolean {
  if (classifyDriverError(error) !== 'duplicate') return false;
  // PostgreSQL names the constraint (a primary key's default name); SQLite names the column.
  if (error instanceof PostgresError) return RANDOM_ID_TABLES.some((table) => error.constraint === `${table}_pkey`);
  return RANDOM_ID_TABLES.some((table) => (error as Error).message === `UNIQUE constraint failed: ${table}.id`);
}
