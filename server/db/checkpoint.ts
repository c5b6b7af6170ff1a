import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection.ts';
import { sqliteHandle } from './sqlite.ts';

export interface CheckpointOptions {
  /** How often the log is copied back into the database file (often: the less is left to copy while writers wait). */
  intervalMs?: number;
  /** A log longer than this (in 4 KiB pages) is restarted from its beginning. */
  restartAfterPages?: number;
}

// The worker's code is plain JavaScript: worker threads do not inherit tsx's TypeScript loader
// (a .ts worker file fails to load under `tsx server/main.ts`). It opens its own connection.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
// Short: a restart that cannot start at once is tried again at the next tick. It holds the write
// lock while it waits for readers, so it must not wait long for one in another process.
db.pragma('busy_timeout = 100');
let restartedAt = -1;
const timer = setInterval(() => {
  // PASSIVE never waits for readers or writers: it copies what it can and leaves the rest.
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  if (!result || result.log <= workerData.restartAfterPages || result.log === restartedAt) return;
  // A writer starts the log over only if it begins when every frame has been copied. Under steady
  // writes that moment never comes (commits land while the copy runs) and the log grows without
  // bound: 580 MB in 5 s of the API bench. RESTART waits for the current write, copies the last
  // frames and makes the next writer start at the beginning; writers wait for it, briefly. The file
  // keeps its size: TRUNCATE, which also shrinks it, kept writers waiting 20-150 ms. (The log's
  // length only changes with the next write: until then there is nothing to restart again.)
  try {
    const [restarted] = db.pragma('wal_checkpoint(RESTART)');
    if (restarted && restarted.busy === 0) restartedAt = restarted.log;
  } catch (error) {
    if (!String(error && error.code).startsWith('SQLITE_BUSY')) throw error;
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 log pages and fsyncs twice there: on a busy server that stalls one save in
 * a hundred for up to ~100 ms, blocking the event loop. Here a worker thread with its own
 * connection checkpoints every 250 ms instead, and the server's connection stops checkpointing;
 * only a restart of a long log (above) makes writers wait, briefly, and readers never wait. If the
 * worker fails, automatic checkpoints come back. Returns a function that stops the worker.
 * SQLite only: on another engine (or an in-memory database) there is nothing to start.
 */
export function startBackgroundCheckpoints(database: Db, options: CheckpointOptions = {}): () => Promise<void> {
  const db = sqliteHandle(database);
  const file = database.location;
  if (!db || file === ':memory:') return async () => {};
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      intervalMs: options.intervalMs ?? 250,
      restartAfterPages: options.restartAfterPages ?? 4_000,
    },
  });
  let stopping = false;
  worker.on('error', (error) => console.error('Background checkpoints failed; SQLite checkpoints on commit again.', error));
  worker.on('exit', () => {
    if (!stopping && db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  db.pragma('wal_autocheckpoint = 0');
  return async () => {
    if (worker.threadId === -1) return; // already exited
    stopping = true;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('stop');
    await exited;
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
}
