// `npm run cli -- import`: files and folders into a project, with a progress bar and a summary.
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Db } from '../db/connection.ts';
import { AppError } from '../http/errors.ts';
import { firstUtf8Fault, firstUtf8FaultInFile } from '../text/utf8.ts';
import { importerFor } from '../text/importers.ts';
import type { ImportFileResult } from '../../shared/schemas/documents.ts';
import { WORKER_MIN_BYTES, importFile, importJsonlFile } from './files.ts';
import { system } from '../policy.ts';
import { startBulkWrites } from '../db/bulkWrites.ts';

/**
 * Every importable file under the given paths (folders are walked; hidden entries are skipped);
 * `unreadable`: paths that are missing, a broken link or a loop of links, each reported while the
 * others import.
 */
export function collectFiles(paths: readonly string[]): { files: string[]; ignored: string[]; unreadable: { path: string; message: string }[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  const unreadable: { path: string; message: string }[] = [];
  const walked = new Set<string>();
  const visit = (path: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      unreadable.push({
        path,
        message: code === 'ENOENT' ? 'no such file or folder (or a link to nothing)' : code === 'ELOOP' ? 'a loop of links' : 'cannot be read',
      });
      return;
    }
    if (stat.isDirectory()) {
      // A folder reached again through a link (`up -> ..`) is walked once, not until the path is too long.
      const real = realpathSync(path);
      if (walked.has(real)) return;
      walked.add(real);
      for (const entry of readdirSync(path).sort()) if (!entry.startsWith('.')) visit(join(path, entry));
    } else if (importerFor(path)) files.push(path);
    else ignored.push(path);
  };
  for (const path of paths) visit(path);
  return { files, ignored, unreadable };
}

/** A file that is not UTF-8 would be decoded with U+FFFD in place of its faults: refused whole instead (issue 12, item 5). */
class NotUtf8Error extends Error {
  constructor(fileName: string, byte: number) {
    super(`${fileName} is not UTF-8 text (byte ${byte} starts no character): save it as UTF-8 and import it again; nothing of it was imported.`);
  }
}

/** A whole (non-JSONL) file's text, refused when it is not UTF-8. */
function readUtf8File(path: string, fileName: string): string {
  const bytes = readFileSync(path);
  const fault = firstUtf8Fault(bytes);
  if (fault >= 0) throw new NotUtf8Error(fileName, fault);
  return bytes.toString('utf8');
}

/** Refuses a file that is not UTF-8 before a JSONL import writes any batch of it. */
async function assertUtf8File(path: string, fileName: string): Promise<void> {
  const fault = await firstUtf8FaultInFile(path);
  if (fault >= 0) throw new NotUtf8Error(fileName, fault);
}

export interface ImportSummary {
  files: number;
  imported: number;
  sentences: number;
  duplicates: number;
  failures: { file: string; line: number | null; message: string }[];
}

/** Imports the files one by one; a bad file or line is reported and the others go on. */
export async function importPaths(db: Db, projectId: number, paths: readonly string[], showProgress: boolean): Promise<ImportSummary> {
  const { files, ignored, unreadable } = collectFiles(paths);
  const summary: ImportSummary = { files: files.length, imported: 0, sentences: 0, duplicates: 0, failures: [] };
  for (const file of ignored) summary.failures.push({ file, line: null, message: 'unsupported file type (use .txt, .md, .jsonl, .html)' });
  for (const { path, message } of unreadable) summary.failures.push({ file: path, line: null, message });

  const sizes = files.map((file) => statSync(file).size);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {percentage}% | {done}/{count} files | {file}', hideCursor: true, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  if (showProgress) bar.start(Math.max(total, 1), 0, { done: 0, count: files.length, file: '' });

  let before = 0;
  // The files one by one; many megabytes of them under the settings of a long run of writes (db/bulkWrites.ts).
  const stopBulkWrites = total >= WORKER_MIN_BYTES ? startBulkWrites(db) : async () => {};
  try {
    for (const [i, file] of files.entries()) {
      const name = basename(file);
      if (showProgress) bar.update(before, { done: i, file: name });
      try {
        let result: ImportFileResult;
        if (importerFor(file) === 'jsonl') {
          await assertUtf8File(file, name);
          result = await importJsonlFile(db, projectId, file, name, (bytes) => showProgress && bar.update(before + bytes));
        } else result = await importFile(db, system('cli'), projectId, { fileName: name, content: readUtf8File(file, name) });
        summary.imported += result.imported.length;
        summary.sentences += result.imported.reduce((sum, doc) => sum + doc.sentences, 0);
        summary.duplicates += result.duplicates.length;
        for (const error of result.errors) summary.failures.push({ file, line: error.line, message: error.message });
      } catch (error) {
        const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
        summary.failures.push({ file, line: null, message });
      }
      before += sizes[i] ?? 0;
    }
  } finally {
    await stopBulkWrites();
  }
  if (showProgress) {
    bar.update(Math.max(total, 1), { done: files.length, file: '' });
    bar.stop();
  }
  return summary;
}

export function formatSummary(summary: ImportSummary): string {
  const lines = [
    `Imported ${summary.imported} document(s) with ${summary.sentences} sentences from ${summary.files} file(s); ` +
      `${summary.duplicates} duplicate(s) skipped; ${summary.failures.length} failure(s).`,
  ];
  for (const failure of summary.failures) {
    // Importers' messages already name the file (and line); others get it prefixed.
    lines.push(`  ✗ ${failure.message.startsWith(basename(failure.file)) ? failure.message : `${failure.file}: ${failure.message}`}`);
  }
  return lines.join('\n');
}
