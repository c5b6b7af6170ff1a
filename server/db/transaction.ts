import type { Db } from './connection.ts';

type Runner = (work: () => unknown) => unknown;
type Mode = 'immediate' | 'deferred';
const runners: Record<Mode, WeakMap<Db, Runner>> = { immediate: new WeakMap(), deferred: new WeakMap() };

/** The connection's transaction wrapper of one mode, built on first use. */
function runner(db: Db, mode: Mode): Runner {
  let run = runners[mode].get(db);
  if (!run) {
    run = db.transaction((inner: () => unknown) => inner())[mode];
    runners[mode].set(db, run);
  }
  return run;
}

/** `work` in a transaction of the mode; what it returns. */
function run<T>(db: Db, mode: Mode, work: () => T): T {
  // The wrapper returns what `work` returns; better-sqlite3 types a wrapper by the one function it
  // was built with, and one wrapper serves every `T`, so the type is restated here, once.
  return runner(db, mode)(work) as T;
}

/**
 * Runs `work` in one write transaction: committed when it returns, rolled back when it throws;
 * nested calls become savepoints (better-sqlite3's semantics).
 *
 * BEGIN IMMEDIATE takes the write lock first. A deferred transaction that reads and then writes
 * must upgrade its read lock, and SQLite refuses an upgrade at once (SQLITE_BUSY, no busy timeout,
 * to avoid deadlock) while another connection writes or checkpoints: under load that turned one
 * save in a hundred into a 500. Taking the lock at BEGIN waits the busy timeout instead.
 *
 * The wrapper is built once per connection: `db.transaction(fn)` builds four wrapper functions on
 * every call, a tenth of a save's cost.
 */
export function transaction<T>(db: Db, work: () => T): T {
  return run(db, 'immediate', work);
}

/**
 * Runs reads that must see one snapshot (a queue computed from several queries) without taking the
 * write lock: in WAL mode they go ahead while another process writes. `work` must not write.
 */
export function readTransaction<T>(db: Db, work: () => T): T {
  return run(db, 'deferred', work);
}
