import { queryOptions } from '@tanstack/react-query';
import { api } from '../api.ts';
import { OpenApiDocument } from '../../shared/schemas/openapi.ts';

/** Query keys of the API reference: generated once per server start, so it never goes stale while the page is open. */
export const apiReferenceKeys = {
  all: ['api-reference'] as const,
  document: () => [...apiReferenceKeys.all, 'document'] as const,
};

export const apiReferenceQueries = {
  /** The OpenAPI 3.1 document the server generates from its routes (`GET /api/openapi.json`). */
  document: () =>
    queryOptions({
      queryKey: apiReferenceKeys.document(),
      queryFn: ({ signal }) => api('/openapi.json', OpenApiDocument, { signal }),
      staleTime: Infinity,
    }),
};
