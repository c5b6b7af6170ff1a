import { useMemo } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { compileActorMatcher } from '../../shared/suggestions.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';
import type { SuggestedClaim } from './claims.ts';

/** The server's suggestions for a whole document (GET /documents/:id/suggestions), read once per visit. */
export const suggestionQuery = (documentId: number) =>
  queryOptions({
    queryKey: ['suggestions', documentId] as const,
    queryFn: ({ signal }) => api(`/documents/${documentId}/suggestions`, SuggestionList, { signal }).then((body) => body.suggestions),
    // Suggestions come from the text, the registry and other documents' gold, never this document's labels: saving here does not change them.
    staleTime: 5 * 60_000,
  });

/**
 * The current sentence's actor mentions (underlined as you read, from the registry's names) and
 * the suggested claims the server made for it, with where each came from.
 */
export function useSuggestions(documentId: number, text: string | undefined, current: Sentence | undefined, actors: readonly Actor[] | undefined) {
  const matcher = useMemo(() => compileActorMatcher(actors ?? []), [actors]);
  const mentions = useMemo(
    () => (current && text !== undefined ? matcher(text.slice(current.start, current.end), current.start) : []),
    [current, text, matcher],
  );
  // Asked for once the document is here: the server answers one request at a time, and a long
  // document's suggestions (megabytes) answered first would hold back the text the workspace opens with.
  const served = useQuery({ ...suggestionQuery(documentId), enabled: text !== undefined }).data;
  const suggestions = useMemo<SuggestedClaim[]>(
    () =>
      (served ?? [])
        .filter((s) => s.sentenceId === current?.id)
        .map((s) => ({
          stance: s.claim.stance,
          speaker: { actorId: s.claim.speaker.actorId ?? null, span: s.claim.speaker.span ?? null },
          target: { actorId: s.claim.target.actorId ?? null, span: s.claim.target.span ?? null },
          cue: s.claim.cue ?? null,
          negated: s.claim.negated ?? false,
          hypothetical: s.claim.hypothetical ?? false,
          source: s.source,
          model: s.model ?? null,
          score: s.score ?? null,
          reason: s.reason ?? null,
        })),
    [served, current],
  );
  return { mentions, suggestions };
}
