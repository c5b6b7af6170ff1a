// The worker thread's side of the streaming JSONL import (preparer.ts starts it): says it is
// ready once loaded, then parses and prepares each batch of lines it is sent, in order, and
// answers with the batch (its sentences in a transferred buffer: preparedBatch.ts).
import { parentPort } from 'node:worker_threads';
import { prepareLines, type PrepareJob, type PrepareJobResult } from './preparer.ts';
import { encodeBatch } from './preparedBatch.ts';

const port = parentPort;
if (!port) throw new Error('prepareWorker.ts runs only as a worker thread (see preparer.ts).');

port.on('message', (job: PrepareJob) => {
  let result: PrepareJobResult;
  try {
    const batch = encodeBatch(prepareLines(job.lines, job.fileName));
    result = { id: job.id, batch };
    port.postMessage(result, [batch.spans.buffer]);
  } catch (error) {
    result = { id: job.id, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(result);
  }
});
port.postMessage({ ready: true } satisfies PrepareJobResult);
