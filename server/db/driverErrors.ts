import Database from 'better-sqlite3';

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
  if (!(error instanceof Database.SqliteError)) return undefined;
  const { code } = error;
  // Extended codes: SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, … are all "try again later".
  if (code.startsWith('SQLITE_BUSY')) return 'busy';
  if (!code.startsWith('SQLITE_CONSTRAINT')) return undefined;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'duplicate';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'dangling_reference';
  return 'rule_broken';
}
