import { useRef, useState, type DragEvent } from 'react';
import { errorMessage } from '../api.ts';
import { IMPORT_EXTENSIONS, type ImportFileResult } from '../../shared/schemas/documents.ts';
import { useImportFile } from './mutations.ts';

// Whole files above this go through the CLI; JSONL is sent in chunks of whole lines of about this size.
const MAX_FILE_CHARS = 3_500_000;
const JSONL_CHUNK_CHARS = 1_000_000;

interface FileRow {
  name: string;
  state: 'waiting' | 'importing' | 'done' | 'failed';
  progress: number;
  imported: number;
  duplicates: number;
  errors: string[];
}

/** Splits JSONL text into chunks of whole lines, remembering each chunk's first line number. */
function jsonlChunks(text: string): { content: string; firstLine: number }[] {
  const lines = text.split('\n');
  const chunks: { content: string; firstLine: number }[] = [];
  let current: string[] = [];
  let size = 0;
  let firstLine = 1;
  lines.forEach((line, index) => {
    if (size + line.length > JSONL_CHUNK_CHARS && current.length > 0) {
      chunks.push({ content: current.join('\n'), firstLine });
      current = [];
      size = 0;
      firstLine = index + 1;
    }
    current.push(line);
    size += line.length + 1;
  });
  if (current.length > 0) chunks.push({ content: current.join('\n'), firstLine });
  return chunks;
}

/** Admin import: drop or pick many files; each shows its progress and outcome, and a bad one never stops the rest. */
export function ImportPanel({ projectId }: { projectId: number }) {
  const importFile = useImportFile(projectId);
  const [rows, setRows] = useState<FileRow[]>([]);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const update = (index: number, patch: Partial<FileRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

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
        const text = await file.text();
        if (!isJsonl && text.length > MAX_FILE_CHARS) {
          throw new Error(`${file.name} is too large to import in the browser; use \`npm run cli -- import\`.`);
        }
        const parts = isJsonl ? jsonlChunks(text) : [{ content: text, firstLine: 1 }];
        let imported = 0;
        let duplicates = 0;
        const errors: string[] = [];
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
        update(index, { state: imported > 0 || duplicates > 0 ? 'done' : 'failed', progress: 1 });
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
              <strong>{row.name}</strong>{' '}
              {row.state === 'waiting' && <span>waiting</span>}
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
