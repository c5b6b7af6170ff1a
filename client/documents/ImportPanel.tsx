import { useRef, useState, type DragEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { IMPORT_EXTENSIONS, type ImportFileBody, type ImportFileResult } from '../../shared/schemas/documents.ts';
import { requestLimitsQuery } from '../session/queries.ts';
import { useImportFile } from './mutations.ts';

// A whole file goes in one request, which must fit the server's upload limit (PARLEY_UPLOAD_MB,
// learnt from the session); a larger one is refused here, before it is sent. JSONL is sent in
// chunks of whole lines of at most this many bytes (or the limit, when that is smaller).
const JSONL_CHUNK_BYTES = 1_000_000;

const encoder = new TextEncoder();
/** The size of a request body as the server's body parser counts it: UTF-8 bytes of its JSON. */
const bodyBytes = (body: ImportFileBody): number => encoder.encode(JSON.stringify(body)).length;
/** What one line adds to a chunk's body: its JSON-escaped UTF-8 bytes and the escaped line break. */
const lineBytes = (line: string): number => encoder.encode(JSON.stringify(line)).length - 2 + 2;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

function tooLarge(fileName: string, what: string, bytes: number, limit: number): string {
  return (
    `${fileName}${what} is too large to import in the browser: ${megabytes(bytes)} to send, and this server takes at most ` +
    `${megabytes(limit)} per upload (PARLEY_UPLOAD_MB). Import it with \`npm run cli -- import\`, or ask for a larger PARLEY_UPLOAD_MB.`
  );
}

interface FileRow {
  name: string;
  state: 'waiting' | 'importing' | 'done' | 'failed';
  progress: number;
  imported: number;
  duplicates: number;
  errors: string[];
}

/**
 * Splits JSONL text into chunks of whole lines whose request bodies stay within `budget` bytes,
 * remembering each chunk's first line number. A line that alone exceeds it is returned apart
 * (it cannot be sent); chunks of blank lines only are dropped, except a wholly blank file, which
 * the server reports as empty.
 */
function jsonlChunks(text: string, budget: number): { chunks: { content: string; firstLine: number }[]; oversized: { line: number; bytes: number }[] } {
  const lines = text.split('\n');
  const chunks: { content: string; firstLine: number }[] = [];
  const oversized: { line: number; bytes: number }[] = [];
  let current: string[] = [];
  let size = 0;
  let firstLine = 1;
  const flush = () => {
    if (current.length > 0 && (chunks.length === 0 || current.some((line) => line.trim() !== ''))) {
      chunks.push({ content: current.join('\n'), firstLine });
    }
    current = [];
    size = 0;
  };
  lines.forEach((line, index) => {
    const bytes = lineBytes(line);
    if (bytes > budget) {
      flush();
      oversized.push({ line: index + 1, bytes });
      firstLine = index + 2;
      return;
    }
    if (size + bytes > budget) {
      flush();
      firstLine = index + 1;
    }
    current.push(line);
    size += bytes;
  });
  flush();
  return { chunks, oversized };
}

/** Admin import: drop or pick many files; each shows its progress and outcome, and a bad one never stops the rest. */
export function ImportPanel({ projectId }: { projectId: number }) {
  const importFile = useImportFile(projectId);
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<FileRow[]>([]);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const update = (index: number, patch: Partial<FileRow>) => setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const importAll = async (files: File[]) => {
    const offset = rows.length;
    setRows((current) => [
      ...current,
      ...files.map((file): FileRow => ({ name: file.name, state: 'waiting', progress: 0, imported: 0, duplicates: 0, errors: [] })),
    ]);
    for (const [i, file] of files.entries()) {
      const index = offset + i;
      update(index, { state: 'importing' });
      const isJsonl = /\.(jsonl|ndjson)$/i.test(file.name);
      try {
        const { uploadBytes } = await queryClient.fetchQuery(requestLimitsQuery());
        const text = await file.text();
        if (!isJsonl) {
          const whole = bodyBytes({ fileName: file.name, content: text });
          if (whole > uploadBytes) throw new Error(tooLarge(file.name, '', whole, uploadBytes));
        }
        // What a chunk's body holds besides its lines (the largest line number has the most digits).
        const overhead = bodyBytes({ fileName: file.name, content: '', firstLine: Number.MAX_SAFE_INTEGER });
        const { chunks: parts, oversized } = isJsonl
          ? jsonlChunks(text, Math.min(JSONL_CHUNK_BYTES, uploadBytes) - overhead)
          : { chunks: [{ content: text, firstLine: 1 }], oversized: [] };
        let imported = 0;
        let duplicates = 0;
        const errors: string[] = oversized.map(({ line, bytes }) => tooLarge(file.name, ` line ${line}`, bytes + overhead, uploadBytes));
        for (const [n, part] of parts.entries()) {
          let result: ImportFileResult | null = null;
          try {
            result = await importFile.mutateAsync({ fileName: file.name, content: part.content, ...(isJsonl ? { firstLine: part.firstLine } : {}) });
          } catch (error) {
            // A JSONL chunk with no valid line is reported like its lines; a single file fails whole.
            if (!isJsonl) throw error;
            errors.push(errorMessage(error));
          }
          if (result) {
            imported += result.imported.length;
            duplicates += result.duplicates.length;
            errors.push(...result.errors.map((e) => e.message));
          }
          update(index, { progress: (n + 1) / parts.length, imported, duplicates, errors: [...errors] });
        }
        update(index, { state: imported > 0 || duplicates > 0 ? 'done' : 'failed', progress: 1, errors: [...errors] });
      } catch (error) {
        update(index, { state: 'failed', progress: 1, errors: [errorMessage(error)] });
      }
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importAll([...event.dataTransfer.files]);
  };

  return (
    <section className="import-panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Import documents</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop .txt, .md, .jsonl or .html files here, or</p>
        <label className="button">
          Choose files
          <input
            ref={inputRef}
            type="file"
            multiple
            accept={IMPORT_EXTENSIONS.join(',')}
            className="visually-hidden"
            onChange={(event) => {
              void importAll([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
        </label>
      </div>
      {rows.length > 0 && (
        <ul className="import-results" aria-label="Import results">
          {rows.map((row, index) => (
            <li key={index} className={`import-${row.state}`}>
              <strong>{row.name}</strong> {row.state === 'waiting' && <span>waiting</span>}
              {row.state === 'importing' && <progress max={1} value={row.progress} aria-label={`Importing ${row.name}`} />}
              {(row.state === 'done' || row.state === 'failed') && (
                <span>
                  {row.state === 'failed' && row.imported === 0 ? 'failed' : `imported ${row.imported}`}
                  {row.duplicates > 0 && `, skipped ${row.duplicates} duplicate${row.duplicates === 1 ? '' : 's'}`}
                  {row.errors.length > 0 && row.state === 'done' && `, ${row.errors.length} failed`}
                </span>
              )}
              {row.errors.length > 0 && (
                <ul className="import-errors">
                  {row.errors.slice(0, 20).map((message, i) => (
                    <li key={i}>{message}</li>
                  ))}
                  {row.errors.length > 20 && <li>… and {row.errors.length - 20} more</li>}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
