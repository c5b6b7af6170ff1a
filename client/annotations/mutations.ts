import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { Annotation, type AnnotationStatus, type Claim, type ClaimInput } from '../../shared/schemas/annotations.ts';
import { annotationKeys } from './queries.ts';

export interface SaveInput {
  sentenceId: number;
  status: AnnotationStatus;
  /** Claims as shown; ids ≤ 0 are local ones not yet saved. */
  claims: Claim[];
  note?: string | null;
}

const toClaimInput = (claim: Claim): ClaimInput => ({
  ...(claim.id > 0 ? { id: claim.id } : {}),
  speaker: claim.speaker,
  stance: claim.stance,
  target: claim.target,
  cue: claim.cue,
  negated: claim.negated,
  hypothetical: claim.hypothetical,
  origin: claim.origin,
});

/** Identifies the save mutations of one document, for the saved / saving / failed indicator. */
export const saveKey = (documentId: number) => [...annotationKeys.all, 'save', documentId] as const;

const retryable = (error: unknown) => error instanceof ApiError && (error.code === 'network_error' || error.status >= 500);

/**
 * Saves one sentence's label at once, showing it before the server answers (optimistic). Saves of
 * a document run one after another, so each names the version the previous one produced.
 */
export function useSaveAnnotation(documentId: number, annotatorId: number) {
  const queryClient = useQueryClient();
  const key = annotationKeys.mine(documentId);
  const list = () => queryClient.getQueryData<Annotation[]>(key) ?? [];
  const replace = (sentenceId: number, annotation: Annotation | undefined) =>
    queryClient.setQueryData<Annotation[]>(key, (old = []) => {
      const rest = old.filter((a) => a.sentenceId !== sentenceId);
      return annotation ? [...rest, annotation] : rest;
    });

  return useMutation({
    mutationKey: saveKey(documentId),
    scope: { id: `annotations-${documentId}` },
    retry: (failures, error) => retryable(error) && failures < 4,
    retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 8000),
    mutationFn: (input: SaveInput) => {
      // Read the version when the save actually runs: an earlier save may have just produced it.
      const baseVersion = list().find((a) => a.sentenceId === input.sentenceId)?.version ?? 0;
      return api(`/sentences/${input.sentenceId}/annotation`, Annotation, {
        method: 'PUT',
        body: { status: input.status, claims: input.claims.map(toClaimInput), note: input.note ?? null, baseVersion },
      });
    },
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = list().find((a) => a.sentenceId === input.sentenceId);
      replace(input.sentenceId, {
        sentenceId: input.sentenceId,
        annotatorId,
        status: input.status,
        claims: input.claims,
        note: input.note ?? null,
        // Keep the saved version: it is what the next save must name.
        version: previous?.version ?? 0,
        updatedAt: new Date().toISOString(),
      });
      return { previous };
    },
    onSuccess: (saved) => replace(saved.sentenceId, saved),
    onError: (error, input) => {
      // On a conflict the server's version wins on screen; the page shows what was not saved.
      if (error instanceof ApiError && error.code === 'conflict') {
        const current = Annotation.nullable().safeParse(error.body.current);
        if (current.success) replace(input.sentenceId, current.data ?? undefined);
      }
    },
  });
}
