import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DocumentPicker } from '../documents/DocumentPicker.tsx';
import { STATUS_TEXT } from '../documents/DocumentTable.tsx';
import { documentQueries } from '../documents/queries.ts';
import { PAGE_LIMIT_MAX } from '../../shared/schemas/paging.ts';
import type { ExportFilters } from './queries.ts';

type DocumentFilters = Pick<ExportFilters, 'documents' | 'q' | 'documentStatus'>;

interface Props {
  projectId: number;
  filters: DocumentFilters;
  set: (patch: Partial<DocumentFilters>) => void;
}

/**
 * Which documents to export: all of them, the ones picked by searching (removable chips), or every
 * document a search matches (the picker's first option) — never a checkbox per document. A search
 * and picked documents exclude each other, so what is exported is always plain.
 */
export function ExportDocuments({ projectId, filters, set }: Props) {
  // The picked documents' titles, for their chips (the filter itself holds ids): those picked here
  // are known; those the URL named when the page opened (a reload, a link) are asked for. Until they
  // come, or for a document that is gone, a chip says "Document 12".
  const [titles, setTitles] = useState<ReadonlyMap<number, string>>(new Map());
  const unknown = filters.documents.filter((id) => !titles.has(id)).slice(0, PAGE_LIMIT_MAX);
  const fetched = useQuery({ ...documentQueries.titles(projectId, unknown), placeholderData: keepPreviousData }).data;
  const [searchTotal, setSearchTotal] = useState<number | null>(null);
  const chosen = filters.documents.length > 0 ? filters.documents.length : filters.q || filters.documentStatus ? 'by search' : 'all';
  const title = (id: number) => titles.get(id) ?? fetched?.get(id) ?? `Document ${id}`;

  return (
    <fieldset className="export-documents">
      <legend>Documents ({chosen})</legend>
      <DocumentPicker
        projectId={projectId}
        label="Add a document"
        picked={new Set(filters.documents)}
        onPick={(doc) => {
          if (filters.documents.includes(doc.id)) return;
          setTitles((current) => new Map(current).set(doc.id, doc.title));
          set({ documents: [...filters.documents, doc.id], q: '', documentStatus: '' });
        }}
        onPickSearch={(q, total) => {
          setSearchTotal(total);
          set({ q, documents: [] });
        }}
      />
      {(filters.q || filters.documentStatus) && (
        <ul className="chips" aria-label="Documents to export">
          <li>
            <span>
              {[filters.q && `Matching “${filters.q}”`, filters.documentStatus && STATUS_TEXT[filters.documentStatus]].filter(Boolean).join(', ')}
              {searchTotal !== null && filters.q && !filters.documentStatus ? ` (${searchTotal.toLocaleString('en')})` : ''}
            </span>
            <button type="button" aria-label="Remove the search: export every document" onClick={() => set({ q: '', documentStatus: '' })}>
              ×
            </button>
          </li>
        </ul>
      )}
      {filters.documents.length > 0 && (
        <>
          <ul className="chips" aria-label="Documents to export">
            {filters.documents.map((id) => (
              <li key={id}>
                <span>{title(id)}</span>
                <button
                  type="button"
                  aria-label={`Remove ${title(id)}`}
                  onClick={() => set({ documents: filters.documents.filter((picked) => picked !== id) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => set({ documents: [] })}>
            Export every document instead
          </button>
        </>
      )}
      {chosen === 'all' && (
        <p className="muted small">Every document is exported. Search to pick documents, or choose “Every document matching …” to export a whole search.</p>
      )}
    </fieldset>
  );
}
