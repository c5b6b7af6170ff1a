import { useEffect, useMemo } from 'react';
import type { Draft, RefValue, SuggestedClaim } from './claims.ts';
import type { Mark } from './spans.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { ActorMention } from '../../shared/suggestions.ts';

interface Options {
  mentions: readonly ActorMention[];
  /** Suggestions still offered: their cues are marked. */
  suggestions: readonly SuggestedClaim[];
  claims: readonly Claim[];
  /** The claim whose spans are shown stronger (hovered or selected), by position. */
  hovered: number | 'draft' | null;
  selectedPosition: number | null;
  draft: Draft | null;
  onMarks: (marks: Mark[]) => void;
}

/**
 * Reports what the text should highlight for this sentence's label: every claim's spans
 * (stronger for the hovered or selected claim), the draft's, actor mentions and suggested cues.
 */
export function useClaimMarks({ mentions, suggestions, claims, hovered, selectedPosition, draft, onMarks }: Options) {
  const marks = useMemo(() => {
    const list: Mark[] = mentions.map((m) => ({ start: m.start, end: m.end, kind: 'mention' }));
    for (const s of suggestions) if (s.cue) list.push({ ...s.cue, kind: 'suggested-cue' });
    const add = (c: { speaker: RefValue | null; target: RefValue | null; cue: Span | null }, strong: boolean) => {
      if (c.speaker?.span) list.push({ ...c.speaker.span, kind: 'speaker', strong });
      if (c.target?.span) list.push({ ...c.target.span, kind: 'target', strong });
      if (c.cue) list.push({ ...c.cue, kind: 'cue', strong });
    };
    claims.forEach((c, position) => add(c, hovered === position || selectedPosition === position));
    if (draft) add(draft, true);
    return list;
  }, [mentions, suggestions, claims, hovered, selectedPosition, draft]);
  useEffect(() => onMarks(marks), [marks, onMarks]);
}
