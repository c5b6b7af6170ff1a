// The worker thread's side of the streaming JSONL import (preparer.ts starts it): parses and
// prepares each batch of lines it is sent, in order, and answers with the batch.
import { parentPort } from 'node:worker_threads';
import { prepareLines, type PrepareJob, type PrepareJobResult } from './preparer.ts';

const port = parentPort;
if (!port) throw new Error('prepareWorker.ts runs only as a worker thread (see preparer.ts).');

port.on('message', (job: PrepareJob) => {
  let result: PrepareJobResult;
  try {
    result = { id: job.id, lines: prepareLines(job.lines, job.fileName) };
  } catch (error) {
    result = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(result);
});
