import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { ExportDocuments } from './ExportDocuments.tsx';
import { DocumentStatus } from '../../shared/schemas/documents.ts';
import { projectQueries } from '../projects/queries.ts';
import { exportQueries, exportQueryString, type ExportFilters } from './queries.ts';
import { ExportStatus } from '../../shared/schemas/export.ts';

/** The status filter a `<select>` value stands for: '' (every sentence) unless it names a status. */
function statusOf(value: string): ExportFilters['status'] {
  const status = ExportStatus.safeParse(value);
  return status.success ? status.data : '';
}

// Labelled sentences by default: a dataset is its labels, and the preview then opens on a labelled record.
const INITIAL: ExportFilters = {
  gold: 'include',
  flat: false,
  status: 'labelled',
  documents: [],
  q: '',
  documentStatus: '',
  boilerplate: true,
  documentText: false,
  split: '',
  seed: '42',
};

/** Reviewers and admins pick filters, see how many records and the first of them, then download the stream. */
export function ExportPage() {
  const projectId = Number(useParams().projectId);
  const project = useQuery(projectQueries.detail(projectId));
  // A link from the documents list (`?q=…&documentStatus=…`) opens on what that list showed.
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<ExportFilters>(() => ({
    ...INITIAL,
    q: (searchParams.get('q') ?? '').trim().slice(0, 200),
    documentStatus: DocumentStatus.safeParse(searchParams.get('documentStatus')).data ?? '',
  }));
  const count = useQuery(exportQueries.count(projectId, filters));
  const preview = useQuery(exportQueries.preview(projectId, filters));
  const set = (patch: Partial<ExportFilters>) => setFilters((current) => ({ ...current, ...patch }));
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
            <input value={filters.split} placeholder="e.g. 80,10,10" onChange={(e) => set({ split: e.target.value })} />
          </label>
          <label>
            Seed
            <input value={filters.seed} inputMode="numeric" onChange={(e) => set({ seed: e.target.value })} />
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
