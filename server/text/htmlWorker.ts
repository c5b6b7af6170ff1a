// The worker thread's side of HTML conversion (server/text/htmlConverter.ts starts it): turns one
// page at a time into a document with Readability and linkedom. It runs here, not on the thread
// that answers requests, because a hostile page (20,000 unclosed <b>, a megabyte of nested <div>)
// keeps linkedom busy for minutes; the converter kills this thread when a page takes too long.
import { parentPort } from 'node:worker_threads';
import { fromHtml, type ImportedDocument } from './importers.ts';

/** A page to convert. */
export interface HtmlJob {
  id: number;
  fileName: string;
  html: string;
}

/** What the worker answers: the document, or why the page is not one (`too_deep`: it overflowed the stack). */
export type HtmlJobResult =
  { id: number; ok: true; document: ImportedDocument } | { id: number; ok: false; reason: 'no_article' | 'too_deep'; message: string };

/** Sent once, when the modules are loaded: the time limit of a page starts counting after this. */
export const READY = 'ready';

const port = parentPort;
if (!port) throw new Error('htmlWorker.ts runs only as a worker thread (see htmlConverter.ts).');

port.on('message', (job: HtmlJob) => {
  let result: HtmlJobResult;
  try {
    result = { id: job.id, ok: true, document: fromHtml(job.fileName, job.html) };
  } catch (error) {
    const tooDeep = error instanceof RangeError;
    result = {
      id: job.id,
      ok: false,
      reason: tooDeep ? 'too_deep' : 'no_article',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(result);
});
port.postMessage(READY);
