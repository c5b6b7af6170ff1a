import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { ExportDocuments } from './ExportDocuments.tsx';
import { projectQueries } from '../projects/queries.ts';
import { exportQueries, exportQueryString, type ExportFilters } from './queries.ts';
import { readExportParams, statusOf, writeExportParams } from './exportParams.ts';

/** Reviewers and admins pick filters, see how many records and the first of them, then download the stream. */
export function ExportPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQueries.detail(projectId));
  // The filters live in the URL: a link (the documents list's "Export these documents", one sent
  // to a colleague) or a reload opens the same export. Each change replaces the entry (no history per key).
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readExportParams(searchParams), [searchParams]);
  const count = useQuery(exportQueries.count(projectId, filters));
  const preview = useQuery(exportQueries.preview(projectId, filters));
  const set = (patch: Partial<ExportFilters>) => setSearchParams((old) => writeExportParams({ ...readExportParams(old), ...patch }), { replace: true });
  // The two typed fields show what is typed at once: a URL change renders as a transition, too late
  // for a controlled input (keys typed fast would be lost). Nothing else writes them.
  const [split, setSplit] = useState(filters.split);
  const [seed, setSeed] = useState(filters.seed);
  const error = count.error ?? preview.error;
  const href = `/api/projects/${projectId}/export${exportQueryString(filters)}`;

  return (
    <main className="page export-page">
      <p>
        <Link to={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link>
      </p>
      <h1>Export</h1>
      <form className="export-filters" aria-label="Export filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>Labels</legend>
          <label>
            <input type="radio" name="gold" checked={filters.gold === 'include'} onChange={() => set({ gold: 'include' })} /> Annotations and gold
          </label>
          <label>
            <input type="radio" name="gold" checked={filters.gold === 'only'} onChange={() => set({ gold: 'only' })} /> Gold only
          </label>
          <label>
            Sentences to export
            <select value={filters.status} onChange={(e) => set({ status: statusOf(e.target.value) })}>
              <option value="labelled">Any label (claims, no claim or gold)</option>
              <option value="">Every sentence, labelled or not</option>
              <option value="claims">Has claims</option>
              <option value="no_claim">No claim</option>
              <option value="skipped">Skipped</option>
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>Shape</legend>
          <label>
            <input type="checkbox" checked={filters.flat} onChange={(e) => set({ flat: e.target.checked })} /> One claim per line
          </label>
          <label>
            <input type="checkbox" checked={filters.boilerplate} onChange={(e) => set({ boilerplate: e.target.checked })} /> Include boilerplate sentences
          </label>
          <label>
            <input type="checkbox" checked={filters.documentText} onChange={(e) => set({ documentText: e.target.checked })} /> Include each document's full text
          </label>
          <label>
            Train/dev/test split (%)
            <input
              value={split}
              placeholder="e.g. 80,10,10"
              onChange={(e) => {
                setSplit(e.target.value);
                set({ split: e.target.value });
              }}
            />
          </label>
          <label>
            Seed
            <input
              value={seed}
              inputMode="numeric"
              onChange={(e) => {
                setSeed(e.target.value);
                set({ seed: e.target.value });
              }}
            />
          </label>
        </fieldset>
        <ExportDocuments projectId={projectId} filters={filters} set={set} />
      </form>

      {error && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
      <p role="status" aria-live="polite">
        {count.data
          ? `${count.data.records.toLocaleString()} record${count.data.records === 1 ? '' : 's'} from ${count.data.sentences.toLocaleString()} sentence${count.data.sentences === 1 ? '' : 's'} in ${count.data.documents} document${count.data.documents === 1 ? '' : 's'}`
          : count.isPending
            ? 'Counting…'
            : ''}
      </p>
      <p>
        <a className="button" href={href} download>
          Download JSONL
        </a>{' '}
        <span className="muted small">
          Offsets are Unicode code points; the record's JSON Schema is at <a href="/api/schema/export-record.json">/api/schema/export-record.json</a>.
        </span>
      </p>
      <h2>First records</h2>
      {preview.data?.length === 0 && <p>No record matches these filters.</p>}
      {preview.data?.map((record, i) => (
        // Focusable: a long record scrolls, and keyboard users must be able to scroll it.
        <pre key={i} className="export-preview" aria-label={`Record ${i + 1}`} tabIndex={0}>
          {record}
        </pre>
      ))}
    </main>
  );
}
