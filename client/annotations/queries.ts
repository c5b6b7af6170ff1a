import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';

export const annotationKeys = {
  all: ['annotations'] as const,
  mine: (documentId: number) => [...annotationKeys.all, documentId, 'me'] as const,
};

export const annotationQueries = {
  /** The signed-in user's own annotations of a document (annotation is blind). */
  mine: (documentId: number) =>
    queryOptions({
      queryKey: annotationKeys.mine(documentId),
      queryFn: ({ signal }) => api(`/documents/${documentId}/annotations?annotator=me`, AnnotationList, { signal }).then((body) => body.annotations),
    }),
};
