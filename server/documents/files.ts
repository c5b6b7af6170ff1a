// Files to documents: picks the importer by extension and imports what it yields, reporting every
// file or line that cannot be imported without stopping the others. Shared by the API and the CLI.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db } from '../db/connection.ts';
import { AppError, validationError } from '../http/errors.ts';
import { may, projectFor, system, type Principal } from '../policy.ts';
import { fromJsonl, fromMarkdown, fromPlainText, importerFor, jsonlLines, type JsonlResult } from '../text/importers.ts';
import { HtmlConversionError, htmlConverter } from '../text/htmlConverter.ts';
import type { ImportDocument, ImportFileResult, ImportResult } from '../../shared/schemas/documents.ts';
import { importDocuments, storeDocuments } from './service.ts';
import type { PreparedDocument } from './prepare.ts';
import { batchesAhead, inlinePreparer, preparerWorkers, workerPreparer, type PendingBatch, type RawLine } from './preparer.ts';

type FileError = ImportFileResult['errors'][number];

function unsupported(fileName: string): never {
  throw validationError(`${fileName}: unsupported file type; Parley imports .txt, .md, .jsonl and .html files.`, [
    { path: 'fileName', message: 'unsupported file type' },
  ]);
}

function merge(into: ImportFileResult, result: ImportResult, offset: number): void {
  into.imported.push(...result.imported.map((entry) => ({ ...entry, index: entry.index + offset })));
  into.duplicates.push(...result.duplicates.map((entry) => ({ ...entry, index: entry.index + offset })));
}

/**
 * Converts one whole file (or a chunk of JSONL lines starting at `firstLine`) and imports it in one
 * transaction. HTML is converted on a worker thread with a time limit (server/text/htmlConverter.ts).
 */
export async function importFile(
  db: Db,
  who: Principal,
  projectId: number,
  file: { fileName: string; content: string; firstLine?: number },
): Promise<ImportFileResult> {
  // Permissions before any work: converting an upload costs time a stranger must not be able to spend.
  projectFor(db, who, projectId, may.importDocuments);
  const format = importerFor(file.fileName) ?? unsupported(file.fileName);
  const docs: ImportDocument[] = [];
  const errors: FileError[] = [];
  if (format === 'jsonl') {
    for (const entry of fromJsonl(file.content, file.fileName, file.firstLine)) collect(entry, docs, errors);
  } else {
    try {
      docs.push(
        format === 'html'
          ? await htmlConverter.convert(file.fileName, file.content)
          : (format === 'md' ? fromMarkdown : fromPlainText)(file.fileName, file.content),
      );
    } catch (error) {
      // The page's own problems are the caller's 400; a worker that fails to start or a full queue is not.
      if (error instanceof AppError || (format === 'html' && !(error instanceof HtmlConversionError))) throw error;
      errors.push({ line: null, message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (docs.length === 0) {
    const message = errors[0]?.message ?? `${file.fileName}: the file holds no document.`;
    throw validationError(
      message,
      errors.map((e) => ({ path: e.line === null ? 'content' : `line ${e.line}`, message: e.message })),
    );
  }
  const result: ImportFileResult = { fileName: file.fileName, format, imported: [], duplicates: [], errors };
  merge(result, importDocuments(db, who, projectId, docs), 0);
  return result;
}

function collect(entry: JsonlResult, docs: ImportDocument[], errors: FileError[]): void {
  if (entry.document) docs.push(entry.document);
  else errors.push({ line: entry.line, message: entry.error ?? `line ${entry.line}: invalid` });
}

/** How many JSONL lines (documents) are prepared as one batch: big enough to be fast, small enough to bound memory. */
export const JSONL_BATCH = 500;

/**
 * How many documents go into one write transaction of a streamed JSONL file: four prepared batches.
 * Each transaction has a cost of its own whatever its size (the title, hash and date index pages it
 * touches are written to the WAL again, the search index adds a segment, the commit): writing
 * 20,000 prepared articles took 2.3-2.6 s of CPU at 500 per transaction, 2.1-2.2 s at 2,000 and no
 * less at 4,000. More per transaction would also hold SQLite's write lock longer against the saves
 * of a server running beside the import (~0.3 s now, against their 5 s busy timeout).
 */
export const JSONL_WRITE_BATCH = 4 * JSONL_BATCH;

/**
 * Batches a preparer worker holds at once: the batches of one write transaction and one more. This
 * thread reads no line while it writes, so a worker's batches must last through a write: with two
 * each, the worker finished them early in every write of four and waited, idle half the import,
 * while this thread prepared the batches it lacked itself, on top of writing, which is the import's
 * bottleneck. Importing 100,000 articles took 14.3-15.9 s instead of 17.2-19.3 s on SQLite,
 * 26.0-28.8 s instead of 28.2 s on PostgreSQL. Memory stays bounded in documents: at most
 * batchesAhead (5 per worker and one) batches of 500 lines are held ahead of the one written.
 */
const BATCHES_IN_FLIGHT = JSONL_WRITE_BATCH / JSONL_BATCH + 1;

/** From this size on, a JSONL file's lines are prepared on worker threads (preparer.ts): about 3,000 news articles. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/**
 * Streams a JSONL file from disk in bounded memory, JSONL_WRITE_BATCH documents per transaction
 * (what was written before a failure stays); `onProgress` gets the bytes read so far. A large
 * file's lines are parsed and prepared on worker threads (`worker`, by default from
 * WORKER_MIN_BYTES on) while this thread writes and helps (preparer.ts); `worker: true` leaves every batch to them. The rows stored are
 * the same either way.
 */
export async function importJsonlFile(
  db: Db,
  projectId: number,
  path: string,
  fileName: string,
  onProgress: (bytesRead: number) => void = () => {},
  options: { worker?: boolean } = {},
): Promise<ImportFileResult> {
  const who = system('cli');
  projectFor(db, who, projectId, may.importDocuments);
  const useWorker = options.worker ?? statSync(path).size >= WORKER_MIN_BYTES;
  const workers = useWorker ? preparerWorkers() : 0;
  const preparer = useWorker
    ? workerPreparer(fileName, { workers, inFlight: BATCHES_IN_FLIGHT, helpOnThisThread: options.worker === undefined })
    : inlinePreparer(fileName);
  // Batches handed out ahead of the one being written: every worker has its next ones.
  const aheadLimit = useWorker ? batchesAhead(workers, BATCHES_IN_FLIGHT) : 1;
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const result: ImportFileResult = { fileName, format: 'jsonl', imported: [], duplicates: [], errors: [] };
  const ahead: PendingBatch[] = [];
  let batch: RawLine[] = [];
  let offset = 0;
  // Prepared documents not yet written: they are written JSONL_WRITE_BATCH at a time, and the rest at the end.
  let docs: PreparedDocument[] = [];
  const write = () => {
    if (docs.length > 0) merge(result, storeDocuments(db, who, projectId, docs), offset);
    offset += docs.length;
    docs = [];
    onProgress(stream.bytesRead);
  };
  // Takes the oldest prepared batch, writing once enough documents are in; its lines' errors go to the result in line order.
  const store = async () => {
    for (const entry of await ahead.shift()!.take()) {
      if (entry.prepared) docs.push(entry.prepared);
      else result.errors.push({ line: entry.line, message: entry.error });
    }
    if (docs.length >= JSONL_WRITE_BATCH) write();
  };
  const send = async () => {
    if (batch.length > 0) ahead.push(preparer.prepare(batch));
    batch = [];
    if (ahead.length > aheadLimit) await store();
  };
  try {
    for await (const entry of jsonlLines(lines, fileName)) {
      if (entry.raw === undefined) result.errors.push({ line: entry.line, message: entry.error });
      else batch.push(entry);
      if (batch.length >= JSONL_BATCH) await send();
    }
    await send();
    while (ahead.length > 0) await store();
    write();
  } finally {
    await preparer.close();
  }
  onProgress(stream.bytesRead);
  return result;
}
