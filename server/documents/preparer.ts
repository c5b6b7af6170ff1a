// JSONL lines to prepared documents (prepare.ts) for the streaming import (files.ts): on this
// thread, or on a worker thread (prepareWorker.ts) so that parsing, segmenting, flagging and
// detecting the language of one batch run on the other core while this thread writes the last
// batch to the database. Importing 100,000 articles is CPU work on both sides, about half and
// half; starting the worker costs ~0.7 s (tsx loads there), so small files stay on this thread.
import { Worker } from 'node:worker_threads';
import { parseJsonlLine } from '../text/importers.ts';
import { prepareDocument, type PreparedDocument } from './prepare.ts';

/** A numbered, non-blank line of a JSONL file. */
export interface RawLine {
  line: number;
  raw: string;
}

/** A line's document, prepared, or what is wrong with the line. */
export type PreparedLine = { line: number; prepared: PreparedDocument; error?: undefined } | { line: number; prepared?: undefined; error: string };

/** Parses and prepares lines in order; the work of both preparers. */
export function prepareLines(lines: readonly RawLine[], fileName: string): PreparedLine[] {
  return lines.map(({ line, raw }): PreparedLine => {
    const entry = parseJsonlLine(raw, line, fileName);
    return entry.document ? { line, prepared: prepareDocument(entry.document) } : { line, error: entry.error ?? `line ${line}: invalid` };
  });
}

export interface LinePreparer {
  /** Resolves with the batch prepared; batches resolve in the order they were given. */
  prepare(lines: RawLine[]): Promise<PreparedLine[]>;
  close(): Promise<void>;
}

/** Prepares on this thread, when asked. */
export function inlinePreparer(fileName: string): LinePreparer {
  return {
    prepare: (lines) => Promise.resolve().then(() => prepareLines(lines, fileName)),
    close: () => Promise.resolve(),
  };
}

/** A batch for the worker. */
export interface PrepareJob {
  id: number;
  fileName: string;
  lines: RawLine[];
}

export interface PrepareJobResult {
  id: number;
  lines?: PreparedLine[];
  error?: string;
}

// A worker thread does not inherit tsx's loader: this bootstrap registers it there first (as htmlConverter.ts does).
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => tsx.register()).then(() => import(workerData.entry));
`;

/** Prepares on one worker thread; batches queue there, so it never waits for this thread between them. */
export function workerPreparer(fileName: string): LinePreparer {
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: new URL('./prepareWorker.ts', import.meta.url).href },
  });
  const pending = new Map<number, { resolve: (lines: PreparedLine[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };
  worker.on('message', (result: PrepareJobResult) => {
    const waiting = pending.get(result.id);
    pending.delete(result.id);
    if (result.lines) waiting?.resolve(result.lines);
    else waiting?.reject(new Error(result.error ?? 'the import worker failed'));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The import worker exited (code ${code}).`)));
  return {
    prepare(lines) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, fileName, lines } satisfies PrepareJob);
      });
    },
    async close() {
      failure ??= new Error('The import worker was closed.');
      await worker.terminate();
    },
  };
}
