import { Worker } from 'node:worker_threads';
import type { Db } from './connection.ts';

export interface CheckpointOptions {
  /** How often the log is copied back into the database file. */
  intervalMs?: number;
  /** A log longer than this (4 KiB pages) that a passive checkpoint cannot finish is truncated. */
  truncateAfterPages?: number;
}

/**
 * Moves WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 log pages and fsyncs twice there: on a busy server that stalls one save in
 * a hundred for up to ~100 ms, blocking the event loop. Here a worker thread with its own
 * connection checkpoints every second instead, and the server's connection stops checkpointing;
 * if the worker fails, automatic checkpoints come back. Returns a function that stops the worker.
 */
export function startBackgroundCheckpoints(db: Db, file: string, options: CheckpointOptions = {}): () => Promise<void> {
  const worker = new Worker(new URL('./checkpointWorker.ts', import.meta.url), {
    workerData: { file, intervalMs: options.intervalMs ?? 1000, truncateAfterPages: options.truncateAfterPages ?? 10_000 },
  });
  let stopping = false;
  worker.on('error', (error) => console.error('Background checkpoints failed; SQLite checkpoints on commit again.', error));
  worker.on('exit', () => {
    if (!stopping && db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  db.pragma('wal_autocheckpoint = 0');
  return async () => {
    stopping = true;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('stop');
    await exited;
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
}
