// Files to documents: picks the importer by extension and imports what it yields, reporting every
// file or line that cannot be imported without stopping the others. Shared by the API and the CLI.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db } from '../db/connection.ts';
import { AppError, validationError } from '../http/errors.ts';
import { may, projectFor, system, type Principal } from '../policy.ts';
import { fromJsonl, fromJsonlLines, fromMarkdown, fromPlainText, importerFor, type JsonlResult } from '../text/importers.ts';
import { HtmlConversionError, htmlConverter } from '../text/htmlConverter.ts';
import type { ImportDocument, ImportFileResult, ImportResult } from '../../shared/schemas/documents.ts';
import { importDocuments } from './service.ts';

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

/** How many JSONL documents go into one transaction: big enough to be fast, small enough to bound memory. */
export const JSONL_BATCH = 500;

/**
 * Streams a JSONL file from disk in bounded memory, importing each batch of documents in its own
 * transaction; `onProgress` gets the bytes read so far.
 */
export async function importJsonlFile(
  db: Db,
  projectId: number,
  path: string,
  fileName: string,
  onProgress: (bytesRead: number) => void = () => {},
): Promise<ImportFileResult> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const result: ImportFileResult = { fileName, format: 'jsonl', imported: [], duplicates: [], errors: [] };
  let batch: ImportDocument[] = [];
  let offset = 0;
  const flush = () => {
    if (batch.length === 0) return;
    merge(result, importDocuments(db, system('cli'), projectId, batch), offset);
    offset += batch.length;
    batch = [];
    onProgress(stream.bytesRead);
  };
  for await (const entry of fromJsonlLines(lines, fileName)) {
    collect(entry, batch, result.errors);
    if (batch.length >= JSONL_BATCH) flush();
  }
  flush();
  onProgress(stream.bytesRead);
  return result;
}
