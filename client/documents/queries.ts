import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { DocumentDetail, DocumentFigures, DocumentList, DocumentStatus, MyDocumentProgress, type DocumentSort } from '../../shared/schemas/documents.ts';
import { PAGE_LIMIT_MAX } from '../../shared/schemas/paging.ts';
import type { ListSpec } from '../ui/listParams.ts';
import { usePagedList } from '../ui/usePagedList.ts';

export const documentKeys = {
  all: ['documents'] as const,
  /** Every view of a project's documents (pages, searches, counts) is under this key. */
  list: (projectId: number) => [...documentKeys.all, 'list', projectId] as const,
  detail: (documentId: number) => [...documentKeys.all, 'detail', documentId] as const,
};

const isPositiveId = (value: string) => /^[1-9]\d{0,15}$/.test(value);
/** A day as a date field gives it (the server reads a bare day as that whole day, UTC). */
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The project page's documents view in its URL: `?q=&status=&mine=&assignee=&from=&to=&sort=&order=`. */
export const DOCUMENT_LIST = {
  sorts: ['created', 'title', 'progress', 'published'],
  // Newest publication first; the rest start ascending (import order, A–Z, least done first).
  orders: { published: 'desc' },
  filters: {
    status: (value: string) => DocumentStatus.safeParse(value).success,
    mine: (value: string) => MyDocumentProgress.safeParse(value).success,
    assignee: isPositiveId,
    from: isDay,
    to: isDay,
  },
} as const satisfies ListSpec<DocumentSort, 'status' | 'mine' | 'assignee' | 'from' | 'to'>;

/** A paged view of a project's documents (`query` from useListParams, or a picker's own search). */
export function useDocumentPages(
  projectId: number,
  query: Record<string, string>,
  options: { filtered?: boolean; knownTotal?: number; limit?: number; enabled?: boolean } = {},
) {
  return usePagedList({
    queryKey: documentKeys.list(projectId),
    path: `/projects/${projectId}/documents`,
    schema: DocumentList,
    itemsKey: 'documents',
    query,
    ...options,
  });
}

export const documentQueries = {
  /** The project's totals and documents per status, from maintained counters (cheap at any size). */
  figures: (projectId: number) =>
    queryOptions({
      // Under `list`: whatever refreshes the documents refreshes their figures.
      queryKey: [...documentKeys.list(projectId), 'figures'],
      queryFn: ({ signal }) => api(`/projects/${projectId}/documents/figures`, DocumentFigures, { signal }),
    }),
  /** The titles of the documents with these ids (at most PAGE_LIMIT_MAX), e.g. the picked ones a page's URL names; gone ones are absent. */
  titles: (projectId: number, ids: readonly number[]) =>
    queryOptions({
      queryKey: [...documentKeys.list(projectId), 'titles', ids],
      queryFn: async ({ signal }) => {
        const page = await api(`/projects/${projectId}/documents?ids=${ids.join(',')}&limit=${PAGE_LIMIT_MAX}`, DocumentList, { signal });
        return new Map(page.documents.map((doc) => [doc.id, doc.title]));
      },
      enabled: ids.length > 0,
    }),
  detail: (documentId: number) =>
    queryOptions({
      queryKey: documentKeys.detail(documentId),
      queryFn: ({ signal }) => api(`/documents/${documentId}`, DocumentDetail, { signal }),
      // The text and its sentences do not change under an annotator.
      staleTime: 5 * 60_000,
    }),
};
