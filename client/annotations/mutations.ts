import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { Annotation, type AnnotationStatus, type Claim } from '../../shared/schemas/annotations.ts';
import { toClaimInput } from '../../shared/claimInput.ts';
import { OkBody } from '../../shared/schemas/common.ts';
import { annotationKeys } from './queries.ts';

export interface SaveInput {
  sentenceId: number;
  /** The new status, or null to take the label back (undo of a first label). */
  status: AnnotationStatus | null;
  /** Claims as shown; ids ≤ 0 are local ones not yet saved. */
  claims: Claim[];
  note?: string | null;
  /** Time spent on the sentence since it was opened or last saved (recorded per annotation). */
  timeSpentMs?: number;
}

/** What the page learns about saves that did not go through. */
export interface SaveEvents {
  /** The label was changed elsewhere (another tab): `current` is the saved version, null when none. */
  onConflict: (input: SaveInput, current: Annotation | null) => void;
  /** The save failed for good (after retries): it must stay visible until saved. */
  onFailed: (input: SaveInput, error: unknown) => void;
  /** The save went through. */
  onSaved: (input: SaveInput) => void;
}

/** Identifies the save mutations of one document, for the saved / saving / failed indicator. */
export const saveKey = (documentId: number) => [...annotationKeys.all, 'save', documentId] as const;

const retryable = (error: unknown) => error instanceof ApiError && (error.code === 'network_error' || error.status >= 500);

/**
 * Saves one sentence's label at once, showing it before the server answers (optimistic). Saves of
 * a document run one after another, so each names the version the previous one produced. Network
 * and server errors are retried with backoff; a save that still fails is reported to the page.
 */
export function useSaveAnnotation(documentId: number, annotatorId: number, events: SaveEvents) {
  const queryClient = useQueryClient();
  const key = annotationKeys.mine(documentId);
  const list = () => queryClient.getQueryData<Annotation[]>(key) ?? [];
  const replace = (sentenceId: number, annotation: Annotation | undefined) =>
    queryClient.setQueryData<Annotation[]>(key, (old = []) => {
      const index = old.findIndex((a) => a.sentenceId === sentenceId);
      // Keep the other entries (and their identity) so only the changed row re-renders.
      if (index < 0) return annotation ? [...old, annotation] : old;
      const next = [...old];
      if (annotation) next[index] = annotation;
      else next.splice(index, 1);
      return next;
    });

  // Saves not yet answered, per sentence: while a later one waits, an earlier answer must not
  // overwrite what the user sees with an older state (only its version is taken).
  const inFlight = useRef(new Map<number, number>()).current;
  // The version the server last answered, while later saves of that sentence wait to name it.
  const versions = useRef(new Map<number, number>()).current;
  const settle = (sentenceId: number) => {
    const left = (inFlight.get(sentenceId) ?? 1) - 1;
    if (left > 0) inFlight.set(sentenceId, left);
    else {
      inFlight.delete(sentenceId);
      versions.delete(sentenceId);
    }
  };

  return useMutation({
    mutationKey: saveKey(documentId),
    scope: { id: `annotations-${documentId}` },
    retry: (failures, error) => retryable(error) && failures < 4,
    retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 8000),
    mutationFn: async (input: SaveInput): Promise<Annotation | null> => {
      // Read the version when the save actually runs: an earlier save may have just produced it.
      const baseVersion = versions.get(input.sentenceId) ?? list().find((a) => a.sentenceId === input.sentenceId)?.version ?? 0;
      if (input.status === null) {
        await api(`/sentences/${input.sentenceId}/annotation?baseVersion=${baseVersion}`, OkBody, { method: 'DELETE' });
        return null;
      }
      return api(`/sentences/${input.sentenceId}/annotation`, Annotation, {
        method: 'PUT',
        body: {
          status: input.status,
          claims: input.claims.map(toClaimInput),
          note: input.note ?? null,
          baseVersion,
          ...(input.timeSpentMs ? { timeSpentMs: input.timeSpentMs } : {}),
        },
      });
    },
    onMutate: async (input) => {
      inFlight.set(input.sentenceId, (inFlight.get(input.sentenceId) ?? 0) + 1);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = list().find((a) => a.sentenceId === input.sentenceId);
      // Taking a label back removes it from the screen at once; the delete must still name its version.
      if (input.status === null && previous && !versions.has(input.sentenceId)) versions.set(input.sentenceId, previous.version);
      replace(
        input.sentenceId,
        input.status === null
          ? undefined
          : {
              sentenceId: input.sentenceId,
              annotatorId,
              status: input.status,
              claims: input.claims,
              note: input.note ?? null,
              // Keep the saved version: it is what the next save must name.
              version: previous?.version ?? 0,
              updatedAt: new Date().toISOString(),
            },
      );
      return { previous };
    },
    onSuccess: (saved, input) => {
      const later = (inFlight.get(input.sentenceId) ?? 1) > 1;
      if (later) versions.set(input.sentenceId, saved?.version ?? 0);
      settle(input.sentenceId);
      const shown = list().find((a) => a.sentenceId === input.sentenceId);
      if (later && shown) replace(input.sentenceId, { ...shown, version: saved?.version ?? 0 });
      else if (!later) replace(input.sentenceId, saved ?? undefined);
      events.onSaved(input);
    },
    onError: (error, input) => {
      // On a conflict the server's version is what is saved; the page shows both and lets the user choose.
      if (error instanceof ApiError && error.code === 'conflict' && 'current' in error.body) {
        const current = Annotation.nullable().safeParse(error.body.current);
        const saved = current.success ? current.data : null;
        settle(input.sentenceId);
        replace(input.sentenceId, saved ?? undefined);
        events.onConflict(input, saved);
        return;
      }
      settle(input.sentenceId);
      events.onFailed(input, error);
    },
  });
}
