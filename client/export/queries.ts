import { queryOptions } from '@tanstack/react-query';
import { api, apiText } from '../api.ts';
import { ExportCount } from '../../shared/schemas/export.ts';

/** The export page's filters, as the API's query string takes them. */
export interface ExportFilters {
  gold: 'include' | 'only';
  flat: boolean;
  status: '' | 'claims' | 'no_claim' | 'skipped';
  documents: number[];
  boilerplate: boolean;
  documentText: boolean;
  split: string;
  seed: string;
}

export function exportQueryString(filters: ExportFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.gold === 'only') params.set('gold', 'only');
  if (filters.flat) params.set('flat', '1');
  if (filters.status) params.set('status', filters.status);
  if (filters.documents.length > 0) params.set('documents', filters.documents.join(','));
  if (!filters.boilerplate) params.set('boilerplate', '0');
  if (filters.documentText) params.set('text', '1');
  if (filters.split.trim()) {
    params.set('split', filters.split.replace(/\s+/g, ''));
    if (filters.seed.trim()) params.set('seed', filters.seed.trim());
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
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
