// JSONL lines to prepared documents (prepare.ts) for the streaming import (files.ts): on this
// thread, or on worker threads (prepareWorker.ts) so that parsing, segmenting, flagging and
// detecting the language of the next batches run on other cores while this thread writes. Both
// sides are CPU work of about the same size, so this thread also prepares a batch itself whenever
// it would otherwise wait for one no worker has taken yet: while the workers start (~0.7 s, tsx
// loads there) and whenever they fall behind. Batches come back in the order they were given.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../threads.ts';
import { parseJsonlLine } from '../text/importers.ts';
import { prepareDocument, type PreparedLine } from './prepare.ts';
import { decodeBatch, type EncodedBatch } from './preparedBatch.ts';

/** A numbered, non-blank line of a JSONL file. */
export interface RawLine {
  line: number;
  raw: string;
}

/** Parses and prepares lines in order; the work of every preparer. */
export function prepareLines(lines: readonly RawLine[], fileName: string): PreparedLine[] {
  return lines.map(({ line, raw }): PreparedLine => {
    const entry = parseJsonlLine(raw, line, fileName);
    return entry.document ? { line, prepared: prepareDocument(entry.document) } : { line, error: entry.error ?? `line ${line}: invalid` };
  });
}

/** A batch given to a preparer: awaiting `take()` gives its lines prepared. */
export interface PendingBatch {
  take(): Promise<PreparedLine[]>;
}

export interface LinePreparer {
  /** Queues a batch; take the batches in the order they were given. */
  prepare(lines: RawLine[]): PendingBatch;
  close(): Promise<void>;
}

/** Prepares on this thread, when a batch is taken. */
export function inlinePreparer(fileName: string): LinePreparer {
  return {
    prepare: (lines) => ({ take: () => Promise.resolve().then(() => prepareLines(lines, fileName)) }),
    close: () => Promise.resolve(),
  };
}

/** A batch for a worker. */
export interface PrepareJob {
  id: number;
  fileName: string;
  lines: RawLine[];
}

/** A worker's answer: `ready` once it has loaded, then one per job. */
export type PrepareJobResult = { ready: true; id?: undefined } | { ready?: undefined; id: number; batch?: EncodedBatch; error?: string };

/** Worker threads for an import: the cores but the one this thread writes on, at least one, at most three. */
export function preparerWorkers(): number {
  return Math.min(3, Math.max(1, availableParallelism() - 1));
}

/**
 * Batches to give a preparer ahead of the one being taken: `inFlight` for each of the `workers`
 * worker threads, and one for this thread to help with.
 */
export const batchesAhead = (workers: number, inFlight: number) => inFlight * workers + 1;

interface Job {
  id: number;
  lines: RawLine[];
  /** Set once a worker has it (or this thread took it): it can no longer be taken back. */
  sent: boolean;
  /** Set once its lines (or its error) are here. */
  done: boolean;
  result: Promise<PreparedLine[]>;
  resolve(lines: PreparedLine[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  jobs: Map<number, Job>;
}

/**
 * Prepares on `workers` worker threads, each holding up to `inFlight` batches at once (the next is
 * there when it finishes one, without waiting for this thread), this thread helping (see the head
 * of this file); `helpOnThisThread: false` leaves every batch to the workers (tests of the
 * workers' results).
 */
export function workerPreparer(
  fileName: string,
  { workers = preparerWorkers(), inFlight, helpOnThisThread = true }: { workers?: number; inFlight: number; helpOnThisThread?: boolean },
): LinePreparer {
  const queue: Job[] = [];
  let failure: Error | undefined;
  let nextId = 1;
  const slots: Slot[] = Array.from({ length: workers }, () => {
    const slot: Slot = { worker: startModuleWorker(new URL('./prepareWorker.ts', import.meta.url)), ready: false, jobs: new Map() };
    slot.worker.on('message', (result: PrepareJobResult) => {
      if (result.ready) slot.ready = true;
      else {
        const job = slot.jobs.get(result.id);
        slot.jobs.delete(result.id);
        if (result.batch) job?.resolve(decodeBatch(result.batch));
        else job?.reject(new Error(result.error ?? 'the import worker failed'));
      }
      pump();
    });
    const fail = (error: Error) => {
      failure ??= error;
      for (const job of slot.jobs.values()) job.reject(failure);
      slot.jobs.clear();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`The import worker exited (code ${code}).`)));
    return slot;
  });

  /** Gives queued jobs, oldest first, to the ready workers holding the fewest. */
  function pump(): void {
    while (queue.length > 0 && !failure) {
      let best: Slot | undefined;
      for (const slot of slots) if (slot.ready && slot.jobs.size < inFlight && (!best || slot.jobs.size < best.jobs.size)) best = slot;
      if (!best) return;
      const job = queue.shift()!;
      job.sent = true;
      best.jobs.set(job.id, job);
      best.worker.postMessage({ id: job.id, fileName, lines: job.lines } satisfies PrepareJob);
    }
  }

  /** Prepares the oldest batch no worker has yet, here and now. */
  function prepareNextHere(): void {
    const job = queue.shift()!;
    job.sent = true;
    try {
      job.resolve(prepareLines(job.lines, fileName));
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async function take(job: Job): Promise<PreparedLine[]> {
    if (failure && !job.sent) throw failure;
    // Waiting for `job` would leave this thread idle: it prepares the oldest batch no worker has
    // (`job` itself while the workers start), then looks again; the workers' answers come in
    // between (a message is read only when this thread yields).
    while (helpOnThisThread && !job.done && queue.length > 0 && !failure) {
      prepareNextHere();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return job.result;
  }

  return {
    prepare(lines) {
      let settle!: Pick<Job, 'resolve' | 'reject'>;
      const result = new Promise<PreparedLine[]>((resolve, reject) => (settle = { resolve, reject }));
      // A batch nobody takes (a write failed before it) must not become an unhandled rejection.
      result.catch(() => {});
      const job: Job = {
        id: nextId++,
        lines,
        sent: false,
        done: false,
        result,
        resolve: (prepared) => {
          job.done = true;
          settle.resolve(prepared);
        },
        reject: (error) => {
          job.done = true;
          settle.reject(error);
        },
      };
      queue.push(job);
      pump();
      return { take: () => take(job) };
    },
    async close() {
      failure ??= new Error('The import worker was closed.');
      for (const job of queue.splice(0)) job.reject(failure);
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
