// One write thread (labelWriteThreads.ts): its own PostgreSQL connection, and the label writes the
// process hands it, run one at a time in the order they came, each answered with its value or error.
import { parentPort, workerData } from 'node:worker_threads';
import { openDb, type Db } from './db/connection.ts';
import { labelWrites } from './labelWrites.ts';
import type { User } from '../shared/schemas/users.ts';
import { toThreadError, type StopRequest, type WriteAnswer, type WriteRequest } from './labelWriteThreads.ts';

const port = parentPort!;
const answer = (message: WriteAnswer) => port.postMessage(message);
const { location } = (workerData as { data: { location: string } }).data;

let db: Db;
try {
  db = openDb(location);
  answer({ ready: true });
} catch (error) {
  answer({ failed: `A write thread cannot open the database: ${error instanceof Error ? error.message : String(error)}` });
  process.exit(1);
}

port.on('message', async (request: WriteRequest | StopRequest) => {
  if ('stop' in request) {
    // The process answered every write it sent: close the connection, then end the thread.
    db.close();
    port.close();
    return;
  }
  const { id, name, user, args } = request;
  try {
    const write = labelWrites[name] as (db: Db, user: User, ...args: unknown[]) => unknown;
    answer({ id, value: await write(db, user, ...args) });
  } catch (error) {
    answer({ id, error: toThreadError(error) });
  }
});
