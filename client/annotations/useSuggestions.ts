import { useMemo } from 'react';
import { compileActorMatcher, findCues, suggestClaims } from '../../shared/suggestions.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

/**
 * The current sentence's actor mentions and suggested claims (from actor names and stance cues),
 * computed for that one sentence only.
 */
export function useSuggestions(
  text: string | undefined,
  current: Sentence | undefined,
  actors: readonly Actor[] | undefined,
  labels: readonly StanceLabel[] | undefined,
) {
  const matcher = useMemo(() => compileActorMatcher(actors ?? []), [actors]);
  const labelKeys = useMemo(() => (labels ?? []).map((l) => l.key), [labels]);
  const mentions = useMemo(
    () => (current && text !== undefined ? matcher(text.slice(current.start, current.end), current.start) : []),
    [current, text, matcher],
  );
  // The codebook codes officials to their state: a suggestion names the person's parent actor.
  const codeAs = useMemo(() => {
    const byId = new Map((actors ?? []).map((a) => [a.id, a]));
    return (id: number) => {
      const actor = byId.get(id);
      return actor?.kind === 'person' && actor.parentId != null && byId.has(actor.parentId) ? actor.parentId : id;
    };
  }, [actors]);
  const suggestions = useMemo(
    () => (current && text !== undefined ? suggestClaims(mentions, findCues(text.slice(current.start, current.end), labelKeys, current.start), codeAs) : []),
    [current, text, mentions, labelKeys, codeAs],
  );
  return { mentions, suggestions };
}
