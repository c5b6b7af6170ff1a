import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';
import { DisagreementList, GoldList, type DisagreementField } from '../../shared/schemas/review.ts';
import { History } from '../../shared/schemas/events.ts';

/** Filters of the disagreement queue, as they appear in the page's URL. */
export interface QueueFilter {
  documentId?: number;
  field?: DisagreementField;
}

/** Query keys of the review pages: the queue per project and filter, and per document everyone's labels and gold. */
export const reviewKeys = {
  all: ['review'] as const,
  disagreements: (projectId: number) => [...reviewKeys.all, 'disagreements', projectId] as const,
  queue: (projectId: number, filter: QueueFilter) => [...reviewKeys.disagreements(projectId), filter] as const,
  annotations: (documentId: number) => [...reviewKeys.all, 'annotations', documentId] as const,
  gold: (documentId: number) => [...reviewKeys.all, 'gold', documentId] as const,
  history: (sentenceId: number) => [...reviewKeys.all, 'history', sentenceId] as const,
};

/** The query string of a queue request: resolved items stay in the list (marked) so positions do not jump after a save. */
function queueSearch(filter: QueueFilter): string {
  const params = new URLSearchParams({ resolved: '1' });
  if (filter.documentId !== undefined) params.set('documentId', String(filter.documentId));
  if (filter.field !== undefined) params.set('field', filter.field);
  return params.toString();
}

export const reviewQueries = {
  /** Disputed sentences of a project, most disputed first, resolved ones included and flagged. */
  queue: (projectId: number, filter: QueueFilter) =>
    queryOptions({
      queryKey: reviewKeys.queue(projectId, filter),
      queryFn: ({ signal }) => api(`/projects/${projectId}/disagreements?${queueSearch(filter)}`, DisagreementList, { signal }),
    }),
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
