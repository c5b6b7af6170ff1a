import type { Db } from './connection.ts';

const runners = new WeakMap<Db, (work: () => unknown) => unknown>();

/**
 * Runs `work` in one transaction: committed when it returns, rolled back when it throws; nested
 * calls become savepoints (better-sqlite3's semantics). The wrapper is built once per connection:
 * `db.transaction(fn)` builds four wrapper functions on every call, a tenth of a save's cost.
 */
export function transaction<T>(db: Db, work: () => T): T {
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((inner: () => unknown) => inner());
    runners.set(db, run);
  }
  return run(work) as T;
}
