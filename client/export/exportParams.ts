import { DocumentStatus } from '../../shared/schemas/documents.ts';
import { ExportStatus } from '../../shared/schemas/export.ts';
import type { ExportFilters } from './queries.ts';

// Labelled sentences by default: a dataset is its labels, and the preview then opens on a labelled record.
export const INITIAL: ExportFilters = {
  gold: 'include',
  flat: false,
  status: 'labelled',
  documents: [],
  q: '',
  documentStatus: '',
  boilerplate: true,
  documentText: false,
  split: '',
  seed: '42',
};

/** The status filter a `<select>` value stands for: '' (every sentence) unless it names a status. */
export function statusOf(value: string): ExportFilters['status'] {
  const status = ExportStatus.safeParse(value);
  return status.success ? status.data : '';
}

/** The page's URL says "every sentence" with this word (its default, labelled, is left out). */
const EVERY_SENTENCE = 'all';

/**
 * The export page's filters from its URL (`?status=all&documents=3,9&q=…&split=80,10,10…`), so a
 * link or a reload shows the same export; missing or unreadable values are the page's defaults.
 * The names are the export route's, but the page's defaults differ (it starts at labelled
 * sentences), so this is the page's own form, not the download's query.
 */
export function readExportParams(params: URLSearchParams): ExportFilters {
  const status = params.get('status');
  const documents = (params.get('documents') ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
  return {
    gold: params.get('gold') === 'only' ? 'only' : 'include',
    flat: params.get('flat') === '1',
    status: status === EVERY_SENTENCE ? '' : (ExportStatus.safeParse(status).data ?? INITIAL.status),
    documents: [...new Set(documents)],
    q: (params.get('q') ?? '').trim().slice(0, 200),
    documentStatus: DocumentStatus.safeParse(params.get('documentStatus')).data ?? '',
    boilerplate: params.get('boilerplate') !== '0',
    documentText: params.get('text') === '1',
    split: params.get('split') ?? INITIAL.split,
    seed: params.get('seed') ?? INITIAL.seed,
  };
}

/** The filters as the page's URL, values at the page's defaults left out. */
export function writeExportParams(filters: ExportFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.gold !== INITIAL.gold) params.set('gold', filters.gold);
  if (filters.flat) params.set('flat', '1');
  if (filters.status !== INITIAL.status) params.set('status', filters.status || EVERY_SENTENCE);
  if (filters.documents.length > 0) params.set('documents', filters.documents.join(','));
  if (filters.q) params.set('q', filters.q);
  if (filters.documentStatus) params.set('documentStatus', filters.documentStatus);
  if (!filters.boilerplate) params.set('boilerplate', '0');
  if (filters.documentText) params.set('text', '1');
  if (filters.split !== INITIAL.split) params.set('split', filters.split);
  if (filters.seed !== INITIAL.seed) params.set('seed', filters.seed);
  return params;
}
