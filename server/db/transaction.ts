import type { Db, TransactionMode } from './connection.ts';
import { isRandomIdClash } from './driverErrors.ts';

/** Runs of a transaction in all while it draws ids already taken (one draw clashes with a chance of rows / 2^48). */
const DRAWS = 3;

/** How deep each connection is in transactions this module opened (0 or absent: outside one). */
const depths = new WeakMap<Db, number>();

/**
 * Runs the transaction, and runs it again when it drew a random id another row already has (a
 * claim's: driverErrors.ts, RANDOM_ID_TABLES). Only the outermost transaction runs again: its work
 * starts over from the top, so state its body keeps in memory (an import's accounts made so far) is
 * built again with it; a nested call (a savepoint) lets the clash through to it. Nothing of the
 * failed run is kept, and the work draws new ids; it may run again anyway (PostgreSQL's retries),
 * so this adds no new condition.
 */
function drawingAgain<T>(db: Db, mode: TransactionMode, work: () => T): T {
  const depth = depths.get(db) ?? 0;
  const run = () => {
    depths.set(db, depth + 1);
    try {
      return db.transaction(mode, work);
    } finally {
      depths.set(db, depth);
    }
  };
  if (depth > 0) return run();
  for (let draw = 1; ; draw++) {
    try {
      return run();
    } catch (error) {
      if (draw >= DRAWS || !isRandomIdClash(error)) throw error;
    }
  }
}

/**
 * Runs `work` in one write transaction: committed when it returns, rolled back when it throws;
 * nested calls become savepoints. SQLite takes the write lock at BEGIN (IMMEDIATE); PostgreSQL runs
 * it SERIALIZABLE and runs `work` again when it loses a conflict with another process, so `work`
 * must be synchronous and touch nothing but the database.
 */
export function transaction<T>(db: Db, work: () => T): T {
  return drawingAgain(db, 'immediate', work);
}

/**
 * Runs reads that must see one snapshot (a queue computed from several queries) without taking the
 * write lock: they go ahead while another connection writes. `work` must not write.
 */
export function readTransaction<T>(db: Db, work: () => T): T {
  return db.transaction('deferred', work);
}

/**
 * Runs a batch job's write transaction (an import's batch, a database copy): like `transaction`,
 * and on PostgreSQL the tables labels are saved into (annotations, gold, pseudonyms) are held in
 * EXCLUSIVE mode from its start (readers go on, writers wait), as SQLite's write lock holds them.
 * Taken before the first query, the lock also makes the batch's snapshot include every save before
 * it, so a save that overlapped the batch is the one run again, never the batch.
 */
export function batchTransaction<T>(db: Db, work: () => T): T {
  return drawingAgain(db, 'batch', work);
}
