import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { Gold, UnanimousResult, type DisagreementList, type SaveGoldBody } from '../../shared/schemas/review.ts';
import { agreementKeys } from '../agreement/queries.ts';
import { documentKeys } from '../documents/queries.ts';
import { reviewKeys } from './queries.ts';

/** What the queue's cache holds: its pages (usePagedList), or the count of the unfiltered queue. */
type QueueCache = InfiniteData<DisagreementList> | number | undefined;

/** The cached queue with one sentence marked resolved, on every page loaded. */
function markResolved(old: QueueCache, sentenceId: number): QueueCache {
  if (old === undefined || typeof old === 'number') return old;
  return {
    ...old,
    pages: old.pages.map((page) => ({ ...page, disagreements: page.disagreements.map((d) => (d.sentenceId === sentenceId ? { ...d, resolved: true } : d)) })),
  };
}

/** What a gold save sends; `baseVersion` is the gold version the reviewer saw (0 when none). */
export type SaveGoldInput = { sentenceId: number; documentId: number } & SaveGoldBody;

/**
 * Saves a sentence's gold label. On success the gold list of its document is updated, the item is
 * marked resolved in every cached queue at once (so the list does not wait for a refetch), and the
 * figures that depend on gold are refetched.
 */
export function useSaveGold(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sentenceId, documentId: _documentId, ...body }: SaveGoldInput) => api(`/sentences/${sentenceId}/gold`, Gold, { method: 'PUT', body }),
    onSuccess: (gold, input) => {
      queryClient.setQueryData<Gold[]>(reviewKeys.gold(input.documentId), (old = []) => [...old.filter((g) => g.sentenceId !== gold.sentenceId), gold]);
      queryClient.setQueriesData<QueueCache>({ queryKey: reviewKeys.disagreements(projectId) }, (old) => markResolved(old, gold.sentenceId));
      void queryClient.invalidateQueries({ queryKey: reviewKeys.open(projectId) });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.history(gold.sentenceId) });
      void queryClient.invalidateQueries({ queryKey: agreementKeys.report(projectId) });
      void queryClient.invalidateQueries({ queryKey: documentKeys.list(projectId) });
    },
    onError: (error, input) => {
      // Someone else saved first: show their gold (the 409 carries it) so the next save names its version.
      if (!(error instanceof ApiError) || error.code !== 'conflict') return;
      const current = Gold.nullable().safeParse(error.body.current);
      if (!current.success) return void queryClient.invalidateQueries({ queryKey: reviewKeys.gold(input.documentId) });
      queryClient.setQueryData<Gold[]>(reviewKeys.gold(input.documentId), (old = []) => [
        ...old.filter((g) => g.sentenceId !== input.sentenceId),
        ...(current.data ? [current.data] : []),
      ]);
    },
  });
}

/** Counts (`apply: false`) or accepts (`apply: true`) every unanimous sentence of the project as gold. */
export function useAcceptUnanimous(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apply: boolean) => api(`/projects/${projectId}/gold/unanimous`, UnanimousResult, { method: 'POST', body: { apply } }),
    onSuccess: (result) => {
      if (!result.applied) return;
      void queryClient.invalidateQueries({ queryKey: [...reviewKeys.all, 'gold'] });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.disagreements(projectId) });
      void queryClient.invalidateQueries({ queryKey: agreementKeys.report(projectId) });
      void queryClient.invalidateQueries({ queryKey: documentKeys.list(projectId) });
    },
  });
}
