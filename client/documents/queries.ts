import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';

export const documentKeys = {
  all: ['documents'] as const,
  list: (projectId: number) => [...documentKeys.all, 'list', projectId] as const,
  detail: (documentId: number) => [...documentKeys.all, 'detail', documentId] as const,
};

export const documentQueries = {
  list: (projectId: number) =>
    queryOptions({
      queryKey: documentKeys.list(projectId),
      queryFn: ({ signal }) => api(`/projects/${projectId}/documents`, DocumentList, { signal }).then((body) => body.documents),
    }),
  detail: (documentId: number) =>
    queryOptions({
      queryKey: documentKeys.detail(documentId),
      queryFn: ({ signal }) => api(`/documents/${documentId}`, DocumentDetail, { signal }),
      // The text and its sentences do not change under an annotator.
      staleTime: 5 * 60_000,
    }),
};
