import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { DocumentStatus, type DocumentSummary, type MyDocumentProgress } from '../../shared/schemas/documents.ts';
import { languageName, UNDETERMINED } from '../../shared/language.ts';
import { adminQueries } from '../admin/queries.ts';
import { ListCount, PagedTable, type Column } from '../ui/PagedTable.tsx';
import { FilterSelect, ListTools } from '../ui/ListTools.tsx';
import { useListParams } from '../ui/useListParams.ts';
import { queryString } from '../ui/listParams.ts';
import { DOCUMENT_LIST, documentQueries, useDocumentPages } from './queries.ts';

interface Props {
  projectId: number;
  /** Reviewers and admins also see overall and adjudicated progress, each document's status, and filter by them. */
  seesOthers: boolean;
}

export const STATUS_TEXT: Record<DocumentStatus, string> = {
  unassigned: 'Unassigned',
  in_progress: 'In progress',
  complete: 'Complete',
  adjudicated: 'Adjudicated',
};

const MINE_TEXT: Record<MyDocumentProgress, string> = { todo: 'Not started by me', started: 'Started by me', done: 'Done by me' };

const NOUN = { one: 'document', many: 'documents' };

const sentences = (n: number) => `${n.toLocaleString()} sentence${n === 1 ? '' : 's'}`;

/** A date as the reader's locale writes it (the day only). */
const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { timeZone: 'UTC' }) : '—');

function columns(projectId: number, seesOthers: boolean): Column<DocumentSummary, (typeof DOCUMENT_LIST.sorts)[number]>[] {
  return [
    {
      id: 'title',
      header: 'Document',
      sort: 'title',
      rowHeader: true,
      cell: (doc) => (
        <>
          {/* The title in its own language, so a screen reader reads it with the right voice. */}
          <Link to={`/projects/${projectId}/documents/${doc.id}`} lang={doc.language && doc.language !== UNDETERMINED ? doc.language : undefined}>
            {doc.title}
          </Link>
          <div className="muted small">
            {[doc.source, doc.language === null ? null : languageName(doc.language), sentences(doc.sentenceCount)].filter(Boolean).join(' · ')}
          </div>
        </>
      ),
    },
    { id: 'published', header: 'Published', sort: 'published', width: '7rem', className: 'small', cell: (doc) => day(doc.published) },
    { id: 'created', header: 'Imported', sort: 'created', width: '7rem', className: 'small', cell: (doc) => day(doc.createdAt) },
    {
      id: 'mine',
      header: 'Mine',
      // An annotator's progress sort is their own share; a reviewer's is the overall one (the server decides).
      ...(seesOthers ? {} : { sort: 'progress' as const }),
      width: '9rem',
      cell: (doc) => (
        <>
          <progress max={doc.progress.total} value={doc.progress.mine} aria-label={`My progress on ${doc.title}`} /> {doc.progress.mine}/{doc.progress.total}
        </>
      ),
    },
    ...(seesOthers
      ? [
          {
            id: 'overall',
            header: 'Overall',
            sort: 'progress' as const,
            width: '6rem',
            cell: (doc: DocumentSummary) => `${doc.progress.overall ?? '—'}/${doc.progress.total}`,
          },
          {
            id: 'adjudicated',
            header: 'Adjudicated',
            width: '7.5rem',
            cell: (doc: DocumentSummary) => `${doc.progress.adjudicated ?? '—'}/${doc.progress.total}`,
          },
          { id: 'status', header: 'Status', width: '7rem', cell: (doc: DocumentSummary) => (doc.status ? STATUS_TEXT[doc.status] : '—') },
        ]
      : []),
  ];
}

/** The view is one the export can select too (a search and a status; not who holds a document, nor import dates). */
const exportable = ({ q, filters }: { q: string; filters: { status?: string; assignee?: string; mine?: string; from?: string; to?: string } }) =>
  (q !== '' || filters.status !== undefined) && [filters.assignee, filters.mine, filters.from, filters.to].every((value) => value === undefined);

/**
 * The project's documents, a page at a time from the server: search by title or source, filter
 * (reviewers and admins by status and by who holds a document; an annotator by their own
 * progress), sort by a column header. The view lives in the URL, so a link shows the same rows.
 */
export function DocumentTable({ projectId, seesOthers }: Props) {
  const view = useListParams(DOCUMENT_LIST);
  const figures = useQuery(documentQueries.figures(projectId)).data;
  const list = useDocumentPages(projectId, view.query, { filtered: view.filtered, knownTotal: figures?.documents });
  const members = useQuery({ ...adminQueries.members(projectId), enabled: seesOthers });

  return (
    <section className="document-list" aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      <ListTools label="Find documents" searchLabel="Search titles and sources" view={view}>
        {seesOthers ? (
          <>
            <FilterSelect view={view} name="status" label="Status">
              <option value="">Any status</option>
              {DocumentStatus.options.map((status) => (
                <option key={status} value={status}>
                  {STATUS_TEXT[status]}
                  {figures?.byStatus ? ` (${(figures.byStatus[status] ?? 0).toLocaleString('en')})` : ''}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect view={view} name="assignee" label="Held by">
              <option value="">Anyone or no one</option>
              {members.data?.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.username}
                </option>
              ))}
            </FilterSelect>
          </>
        ) : (
          <FilterSelect view={view} name="mine" label="My progress">
            <option value="">Any</option>
            {Object.entries(MINE_TEXT).map(([mine, text]) => (
              <option key={mine} value={mine}>
                {text}
              </option>
            ))}
          </FilterSelect>
        )}
        <label>
          Imported from
          <input type="date" value={view.filters.from ?? ''} max={view.filters.to} onChange={(e) => view.setFilter('from', e.target.value || null)} />
        </label>
        <label>
          to
          <input type="date" value={view.filters.to ?? ''} min={view.filters.from} onChange={(e) => view.setFilter('to', e.target.value || null)} />
        </label>
      </ListTools>
      <div className="list-head">
        <ListCount list={list} noun={NOUN} filtered={view.filtered} />
        {seesOthers && exportable(view) && list.total !== null && list.total > 0 && (
          <Link to={`/projects/${projectId}/export${queryString({ q: view.q || undefined, documentStatus: view.filters.status })}`}>
            Export these documents
          </Link>
        )}
      </div>
      <PagedTable
        label="Documents"
        noun={NOUN}
        columns={columns(projectId, seesOthers)}
        list={list}
        view={view}
        rowKey={(doc) => doc.id}
        rowHeight={58}
        empty={<p>No documents yet.</p>}
        className="documents-table"
      />
    </section>
  );
}
