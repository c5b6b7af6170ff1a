// A PostgreSQL process's write threads (labelWrites.ts says why): worker threads, each with its own
// connection, that run the label writes. A write goes to the thread with the fewest writes waiting,
// so the threads' transactions run side by side. Two writes of one label that meet are kept apart as
// two processes' are: by the label's version (a stale baseVersion is a 409) and SERIALIZABLE.
import type { Worker } from 'node:worker_threads';
import { AppError } from './http/errors.ts';
import { PostgresError } from './db/postgres.ts';
import { startModuleWorker } from './threads.ts';
import type { LabelWriteName, LabelWriter } from './labelWrites.ts';
import type { User } from '../shared/schemas/users.ts';

export interface WriteRequest {
  id: number;
  name: LabelWriteName;
  user: User;
  args: unknown[];
}

/** Sent once the writes in flight are answered: the thread closes its connection and ends. */
export interface StopRequest {
  stop: true;
}

/** A thrown error as it crosses threads: an error the client sees, a driver's refusal, or a fault. */
export type ThreadError =
  | { kind: 'app'; code: AppError['code']; message: string; details: AppError['details'] }
  | { kind: 'postgres'; message: string; code: string; constraint?: string }
  | { kind: 'fault'; message: string; stack?: string };

/** A thread's answer to a request, or 'ready' once its connection is open, or why it could not open it. */
export type WriteAnswer = { id: number; value: unknown } | { id: number; error: ThreadError } | { ready: true } | { failed: string };

export function toThreadError(error: unknown): ThreadError {
  if (error instanceof AppError) return { kind: 'app', code: error.code, message: error.message, details: error.details };
  if (error instanceof PostgresError) return { kind: 'postgres', message: error.message, code: error.code, constraint: error.constraint };
  if (error instanceof Error) return { kind: 'fault', message: error.message, stack: error.stack };
  return { kind: 'fault', message: String(error) };
}

/** The error again, as the thread threw it: the error handler answers it as if it were thrown here. */
function fromThreadError(error: ThreadError): Error {
  if (error.kind === 'app') return new AppError(error.code, error.message, error.details);
  if (error.kind === 'postgres') return new PostgresError(error.message, error.code, error.constraint);
  const fault = new Error(error.message);
  if (error.stack) fault.stack = error.stack;
  return fault;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

/**
 * How long a write thread that stopped waits before it starts again: 1 s, doubled after each start
 * that failed, up to 30 s (a database that is down is not asked in a loop, and every start loads
 * tsx and a copy of the addon again).
 */
const RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 30_000;
/** How long a stopping thread may take to close its connection before it is terminated (main.ts exits after 3 s). */
const STOP_TIMEOUT_MS = 2000;

/** A 503 that says when to come back (the error handler puts it in Retry-After). */
const busy = (message: string) => new AppError('busy', message, { retryAfterSeconds: 1 });

/**
 * One write thread. When it stops unexpectedly, its writes in flight answer 503, and so does every
 * write sent to it until a new thread has its connection open.
 */
class WriteThread {
  private worker!: Worker;
  private isReady = false;
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight = new Set<Promise<never>>();
  private stopping = false;
  private restartDelay = RESTART_DELAY_MS;

  constructor(
    private readonly location: string,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  /** Starts the thread; resolves once its connection is open. */
  start(): Promise<void> {
    const worker = startModuleWorker(new URL('./labelWriteThread.ts', import.meta.url), { data: { location: this.location } });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      worker.on('message', (answer: WriteAnswer) => {
        if ('ready' in answer) {
          this.isReady = true;
          this.restartDelay = RESTART_DELAY_MS;
          return resolve();
        }
        if ('failed' in answer) return reject(new Error(answer.failed));
        const waiting = this.pending.get(answer.id);
        this.pending.delete(answer.id);
        if ('error' in answer) waiting?.reject(fromThreadError(answer.error));
        else waiting?.resolve(answer.value as never);
      });
      worker.on('error', (error) => {
        this.log('A write thread failed', error);
        reject(error);
      });
      worker.on('exit', (code) => {
        reject(new Error(`A write thread exited (code ${code}) before its connection opened.`));
        if (worker !== this.worker) return;
        this.isReady = false;
        // Whether a write in flight went through is unknown to this thread, as after a lost
        // connection: busy, try again. (Also while stopping: nothing else would answer them.)
        for (const { reject: fail } of this.pending.values()) fail(busy('The server lost a write in progress; load the sentence again and retry.'));
        this.pending.clear();
        if (this.stopping) return;
        const delay = this.restartDelay;
        this.restartDelay = Math.min(2 * delay, MAX_RESTART_DELAY_MS);
        this.log(`A write thread stopped (exit code ${code}); starting another in ${delay / 1000} s.`);
        setTimeout(() => this.stopping || this.start().catch((error: unknown) => this.log('A write thread could not start again', error)), delay).unref();
      });
    });
  }

  /** Whether it has its connection open and takes writes. */
  get ready(): boolean {
    return this.isReady;
  }

  /** Writes sent and not yet answered. */
  get waiting(): number {
    return this.inFlight.size;
  }

  send(request: WriteRequest): Promise<never> {
    if (!this.isReady) return Promise.reject(busy('The server is reconnecting to the database; retry in a moment.'));
    const answer = new Promise<never>((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
    this.inFlight.add(answer);
    const settled = () => this.inFlight.delete(answer);
    answer.then(settled, settled);
    return answer;
  }

  /** Waits for the writes in flight to be answered, then has the thread close its connection and end. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    const worker = this.worker;
    if (worker.threadId < 0) return; // ended already
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ stop: true } satisfies StopRequest);
    const late = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await ended;
    clearTimeout(late);
  }
}

/**
 * Starts `count` write threads on the PostgreSQL database at `location` and resolves once every one
 * has its connection open (a database it cannot reach fails here, before the server listens).
 */
export async function startLabelWriteThreads(
  location: string,
  count: number,
  log: (message: string, error?: unknown) => void = console.error,
): Promise<LabelWriter> {
  const threads = Array.from({ length: count }, () => new WriteThread(location, log));
  try {
    await Promise.all(threads.map((thread) => thread.start()));
  } catch (error) {
    // None is used then (main.ts runs saves on the process's own connection): stop them all, and
    // keep the ones that failed from starting again.
    await Promise.all(threads.map((thread) => thread.stop()));
    throw error;
  }
  let nextId = 1;
  let turn = 0;
  let closed = false;
  return {
    run(name, user, ...args) {
      if (closed) return Promise.reject(busy('The server is shutting down; retry in a moment.'));
      // The least busy thread; on a tie, the next in turn. (Choosing by user id looked natural, but a
      // few busy users could then share one thread while another idles.)
      let chosen = threads[turn++ % count]!;
      for (const thread of threads) if (thread.ready && (!chosen.ready || thread.waiting < chosen.waiting)) chosen = thread;
      return chosen.send({ id: nextId++, name, user, args });
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((thread) => thread.stop()));
    },
  };
}
