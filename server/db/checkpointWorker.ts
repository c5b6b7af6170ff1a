// The background checkpointer's thread (see checkpoint.ts): its own connection to the database
// copies the write-ahead log back into the database file, fsyncs included, off the request path.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';

const { file, intervalMs, truncateAfterPages } = z
  .object({ file: z.string(), intervalMs: z.number().int().positive(), truncateAfterPages: z.number().int().positive() })
  .parse(workerData);

const db = new Database(file);
db.pragma('busy_timeout = 5000');
const Result = z.array(z.object({ busy: z.number(), log: z.number(), checkpointed: z.number() }));

const timer = setInterval(() => {
  // PASSIVE never waits for readers or writers: it copies what it can and leaves the rest.
  const [result] = Result.parse(db.pragma('wal_checkpoint(PASSIVE)'));
  // A log that keeps growing (a writer that never pauses) is truncated, waiting briefly for the writer.
  if (result && result.log > truncateAfterPages && result.checkpointed < result.log) db.pragma('wal_checkpoint(TRUNCATE)');
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
