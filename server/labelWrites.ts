// The label writes, and where a process runs them: on its own connection (SQLite; PostgreSQL with
// PARLEY_WRITE_THREADS=0), or on a PostgreSQL process's write threads (labelWriteThreads.ts), each
// a worker thread with a connection of its own.
//
// Why threads: the data layer is synchronous (docs/decisions/007-postgresql.md), so a process with
// one PostgreSQL connection serves nothing while a save waits on its round trips and on the server's
// work; a save is five or six of them. A write thread waits instead, while the process's thread
// goes on parsing, authorizing and answering, and the threads' transactions run side by side in
// PostgreSQL, as several processes' do (decision 009). These are the writes a team makes all day,
// one sentence each; everything else stays on the process's own connection.
import type { Db } from './db/connection.ts';
import type { User } from '../shared/schemas/users.ts';
import { deleteAnnotation, saveAnnotation } from './annotations/service.ts';
import { saveGold } from './review/service.ts';

/** What a write thread may run: services whose arguments and answers are plain data (structured-cloned). */
export const labelWrites = { saveAnnotation, deleteAnnotation, saveGold };

export type LabelWriteName = keyof typeof labelWrites;
type Write<N extends LabelWriteName> = (typeof labelWrites)[N];
/** A write's arguments after the database and the signed-in user (every label write is one user's). */
export type LabelWriteArgs<N extends LabelWriteName> = Write<N> extends (db: Db, user: User, ...args: infer A) => unknown ? A : never;
export type LabelWriteResult<N extends LabelWriteName> = Awaited<ReturnType<Write<N>>>;

/** Runs label writes; routes call it instead of the services, wherever the writes run. */
export interface LabelWriter {
  run<N extends LabelWriteName>(name: N, user: User, ...args: LabelWriteArgs<N>): Promise<LabelWriteResult<N>>;
  /** Waits for the writes in flight, then stops (a write after it is refused). */
  close(): Promise<void>;
}

/** Runs each write at once on `db`, in the calling thread. */
export function inlineLabelWriter(db: Db): LabelWriter {
  return {
    async run(name, user, ...args) {
      const write = labelWrites[name] as (db: Db, user: User, ...args: unknown[]) => unknown;
      return write(db, user, ...args) as never;
    },
    async close() {},
  };
}
