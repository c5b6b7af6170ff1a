// HTML pages become documents on a worker thread (server/text/htmlWorker.ts), never on the thread
// that answers requests: linkedom needs 44 s and then overflows its stack on 20,000 unclosed <b>,
// and minutes on a megabyte of nested <div>. A page gets a time limit and a size limit; a page over
// its time is stopped by killing the worker, and the next page gets a fresh one. One worker is
// reused for every page (starting one costs ~0.7 s: tsx and the parser load there first), and
// pages wait their turn: imports are admins' work, one page at a time is enough, and the other
// core stays free for requests.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../threads.ts';
import { AppError } from '../http/errors.ts';
import type { HtmlJob, HtmlJobResult, READY } from './htmlWorker.ts';
import type { ImportedDocument } from './importers.ts';

export interface HtmlConverterOptions {
  /** How long one page may take in the worker before it is stopped. */
  timeLimitMs?: number;
  /** The longest page accepted, in characters (the import API's own limit is 4,000,000). */
  maxChars?: number;
  /** The worker's heap limit: a page that needs more fails instead of taking the server's memory. */
  memoryMb?: number;
  /** Pages waiting for the worker beyond this are refused (503 busy). */
  maxWaiting?: number;
}

export const DEFAULT_HTML_LIMITS: Required<HtmlConverterOptions> = {
  timeLimitMs: 5_000,
  maxChars: 4_000_000,
  memoryMb: 512,
  maxWaiting: 50,
};

/** The page itself cannot be converted (too slow, too large, too deep, no article): the caller's 4xx, not a server fault. */
export class HtmlConversionError extends Error {}

interface Pending {
  job: HtmlJob;
  resolve: (document: ImportedDocument) => void;
  reject: (error: Error) => void;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} second${ms === 1000 ? '' : 's'}`;

/** Converts HTML pages to documents on one reused worker thread, one page at a time. */
export class HtmlConverter {
  private readonly limits: Required<HtmlConverterOptions>;
  private worker: Worker | undefined;
  private ready = false;
  private running: (Pending & { timer: NodeJS.Timeout }) | undefined;
  private readonly waiting: Pending[] = [];
  private nextId = 1;

  constructor(options: HtmlConverterOptions = {}) {
    this.limits = { ...DEFAULT_HTML_LIMITS, ...options };
  }

  /** The page's article as a document; rejects with HtmlConversionError when the page cannot be one. */
  convert(fileName: string, html: string): Promise<ImportedDocument> {
    if (html.length > this.limits.maxChars) {
      return Promise.reject(
        new HtmlConversionError(
          `${fileName}: the page is too large to convert (${html.length.toLocaleString('en')} characters; the limit is ${this.limits.maxChars.toLocaleString('en')}).`,
        ),
      );
    }
    if (this.waiting.length >= this.limits.maxWaiting) {
      return Promise.reject(
        new AppError('busy', `${this.waiting.length} HTML pages are already waiting to be converted; nothing was imported. Try again in a moment.`, {
          retryAfterSeconds: Math.ceil(this.limits.timeLimitMs / 1000),
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ job: { id: this.nextId++, fileName, html }, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts the worker ahead of the first page, so an admin's first HTML import does not wait the
   * ~2 s its start-up takes (tsx and the parser load on the worker's thread, not the server's).
   * An idle worker does not keep the process alive.
   */
  warm(): void {
    if (this.worker) return;
    this.start().unref();
  }

  /** Stops the worker; pages still waiting are refused. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    const closed = new Error('The HTML converter was closed.');
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.reject(closed);
      this.running = undefined;
    }
    for (const pending of this.waiting.splice(0)) pending.reject(closed);
    await worker?.terminate();
  }

  // Hands the next waiting page to the worker (starting one if needed). An idle worker does not keep
  // the process alive (the CLI exits when its imports are done); a busy one does.
  private pump(): void {
    if (this.running) return;
    if (this.waiting.length === 0) {
      this.worker?.unref();
      return;
    }
    const worker = this.worker ?? this.start();
    worker.ref();
    if (!this.ready) return; // the worker's ready message pumps again
    const next = this.waiting.shift()!;
    // The limit counts from here: start-up and time spent waiting behind other pages are not the page's fault.
    const timer = setTimeout(() => this.stopRunaway(), this.limits.timeLimitMs);
    this.running = { ...next, timer };
    worker.postMessage(next.job);
  }

  private start(): Worker {
    const worker = startModuleWorker(new URL('./htmlWorker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } });
    this.worker = worker;
    this.ready = false;
    worker.on('message', (message: typeof READY | HtmlJobResult) => {
      if (worker !== this.worker) return;
      if (message === 'ready') {
        this.ready = true;
        this.pump();
      } else this.finish(message);
    });
    // 'error' comes before 'exit' when the worker throws; whichever comes first retires it.
    worker.on('error', (error) => worker === this.worker && this.died(error));
    worker.on('exit', (code) => worker === this.worker && this.died(new Error(`The HTML conversion worker exited (code ${code}).`)));
    return worker;
  }

  private finish(result: HtmlJobResult): void {
    const running = this.running;
    if (!running || running.job.id !== result.id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    if (result.ok) running.resolve(result.document);
    else if (result.reason === 'too_deep') running.reject(new HtmlConversionError(`${running.job.fileName}: the page is nested too deeply to convert.`));
    else running.reject(new HtmlConversionError(result.message));
    this.pump();
  }

  // A page over its time limit: the only way to stop synchronous parsing is to kill the thread.
  private stopRunaway(): void {
    const running = this.running;
    const worker = this.worker;
    if (!running || !worker) return;
    this.running = undefined;
    this.worker = undefined;
    void worker.terminate();
    running.reject(
      new HtmlConversionError(
        `${running.job.fileName}: the page could not be converted within ${seconds(this.limits.timeLimitMs)} ` +
          '(it may be malformed, e.g. thousands of unclosed or deeply nested tags); nothing was imported.',
      ),
    );
    this.pump();
  }

  private died(error: Error): void {
    const wasReady = this.ready;
    this.worker = undefined;
    this.ready = false;
    const running = this.running;
    this.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      const outOfMemory = 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      running.reject(
        outOfMemory
          ? new HtmlConversionError(`${running.job.fileName}: the page needs more than ${this.limits.memoryMb} MB to convert; nothing was imported.`)
          : error,
      );
    }
    // A worker that could not even start would fail the same way again: refuse the waiting pages.
    if (!wasReady) for (const pending of this.waiting.splice(0)) pending.reject(error);
    this.pump();
  }
}

/** The process's converter, shared by the API and the CLI; its worker starts with the first page. */
export const htmlConverter = new HtmlConverter();
