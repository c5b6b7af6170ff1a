import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiText } from '../api.ts';
import { ExportCount, type ExportQuery, type ExportStatus } from '../../shared/schemas/export.ts';
import type { DocumentStatus } from '../../shared/schemas/documents.ts';

/** The export's query parameters as the shared schema reads them: the route and the CLI parse the same schema. */
type ExportQueryParams = z.input<typeof ExportQuery>;

/** The export page's filters, in the form its fields edit them. */
export interface ExportFilters {
  gold: NonNullable<ExportQueryParams['gold']>;
  flat: boolean;
  /** '' keeps every sentence. */
  status: '' | ExportStatus;
  documents: number[];
  /** Every document this search matches ('' for none), as the documents list's search finds them. */
  q: string;
  /** Only documents of this status, as the documents list's status filter keeps them. */
  documentStatus: '' | DocumentStatus;
  boilerplate: boolean;
  documentText: boolean;
  split: string;
  seed: string;
}

/** The filters as the export's query string; parameters at their default are left out. */
export function exportQueryString(filters: ExportFilters, extra: Pick<ExportQueryParams, 'count' | 'limit'> = {}): string {
  const split = filters.split.replace(/\s+/g, '');
  const query: ExportQueryParams = {
    ...(filters.gold === 'only' ? { gold: 'only' } : {}),
    ...(filters.flat ? { flat: '1' } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.documents.length > 0 ? { documents: filters.documents.join(',') } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.documentStatus ? { documentStatus: filters.documentStatus } : {}),
    ...(filters.boilerplate ? {} : { boilerplate: '0' }),
    ...(filters.documentText ? { text: '1' } : {}),
    ...(split ? { split, ...(filters.seed.trim() ? { seed: filters.seed.trim() } : {}) } : {}),
    ...extra,
  };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const exportKeys = {
  all: ['export'] as const,
  count: (projectId: number, query: string) => [...exportKeys.all, 'count', projectId, query] as const,
  preview: (projectId: number, query: string) => [...exportKeys.all, 'preview', projectId, query] as const,
};

export const exportQueries = {
  count: (projectId: number, filters: ExportFilters) => {
    const query = exportQueryString(filters, { count: '1' });
    return queryOptions({
      queryKey: exportKeys.count(projectId, query),
      queryFn: ({ signal }) => api(`/projects/${projectId}/export${query}`, ExportCount, { signal }),
    });
  },
  /** The first records, as the download will hold them. */
  preview: (projectId: number, filters: ExportFilters) => {
    const query = exportQueryString(filters, { limit: '3' });
    return queryOptions({
      queryKey: exportKeys.preview(projectId, query),
      queryFn: async ({ signal }) =>
        (await apiText(`/projects/${projectId}/export${query}`, signal))
          .split('\n')
          .filter((line) => line.length > 0)
          .map((line) => JSON.stringify(JSON.parse(line), null, 2)),
    });
  },
};
