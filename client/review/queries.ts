import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';
import { DisagreementList, GoldList, type DisagreementField, type DisagreementSort } from '../../shared/schemas/review.ts';
import { History } from '../../shared/schemas/events.ts';
import { usePagedList } from '../ui/usePagedList.ts';
import { queryString } from '../ui/listParams.ts';

/** Filters and sort of the disagreement queue, as they appear in the page's URL. */
export interface QueueFilter {
  documentId?: number;
  field?: DisagreementField;
  /** Absent: most disputed first (the server's default). */
  sort?: DisagreementSort;
}

/** Query keys of the review pages: the queue per project and filter, and per document everyone's labels and gold. */
export const reviewKeys = {
  all: ['review'] as const,
  disagreements: (projectId: number) => [...reviewKeys.all, 'disagreements', projectId] as const,
  /** How many conflicts of a view are open: refetched after each gold save (the pages are patched in place instead). */
  open: (projectId: number) => [...reviewKeys.disagreements(projectId), 'open'] as const,
  annotations: (documentId: number) => [...reviewKeys.all, 'annotations', documentId] as const,
  gold: (documentId: number) => [...reviewKeys.all, 'gold', documentId] as const,
  history: (sentenceId: number) => [...reviewKeys.all, 'history', sentenceId] as const,
};

/** The query of a queue request: resolved items stay in the list (marked) so positions do not jump after a save. */
function queueQuery(filter: QueueFilter): Record<string, string> {
  return {
    resolved: '1',
    ...(filter.documentId !== undefined ? { documentId: String(filter.documentId) } : {}),
    ...(filter.field !== undefined ? { field: filter.field } : {}),
    ...(filter.sort !== undefined ? { sort: filter.sort } : {}),
  };
}

/** Disputed sentences of a project, a page at a time (most disputed first unless sorted otherwise), resolved ones included and flagged. */
export function useQueuePages(projectId: number, filter: QueueFilter) {
  return usePagedList({
    queryKey: reviewKeys.disagreements(projectId),
    path: `/projects/${projectId}/disagreements`,
    schema: DisagreementList,
    itemsKey: 'disagreements',
    query: queueQuery(filter),
    filtered: filter.documentId !== undefined || filter.field !== undefined,
    baseQuery: { resolved: '1' },
  });
}

export const reviewQueries = {
  /** How many sentences of a queue view still need gold (one row asked, its total read). */
  openCount: (projectId: number, filter: QueueFilter) => {
    const { resolved: _resolved, sort: _sort, ...query } = queueQuery(filter);
    return queryOptions({
      queryKey: [...reviewKeys.open(projectId), query],
      queryFn: ({ signal }) =>
        api(`/projects/${projectId}/disagreements${queryString({ ...query, limit: '1' })}`, DisagreementList, { signal }).then((page) => page.total),
    });
  },
  /** Every annotator's labels of a document (reviewers and admins only). */
  annotations: (documentId: number) =>
    queryOptions({
      queryKey: reviewKeys.annotations(documentId),
      queryFn: ({ signal }) => api(`/documents/${documentId}/annotations`, AnnotationList, { signal }).then((body) => body.annotations),
    }),
  /** The gold labels of a document. */
  gold: (documentId: number) =>
    queryOptions({
      queryKey: reviewKeys.gold(documentId),
      queryFn: ({ signal }) => api(`/documents/${documentId}/gold`, GoldList, { signal }).then((body) => body.gold),
    }),
  /** The audit trail of one sentence. */
  history: (sentenceId: number) =>
    queryOptions({
      queryKey: reviewKeys.history(sentenceId),
      queryFn: ({ signal }) => api(`/sentences/${sentenceId}/history`, History, { signal }).then((body) => body.events),
    }),
};
