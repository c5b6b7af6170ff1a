import type { Claim } from '../../shared/schemas/annotations.ts';
import type { Span } from '../../shared/schemas/common.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

/** The two roles of a claim that name an actor or a span of text. */
export type Role = 'speaker' | 'target';
export type RefValue = Claim['speaker'];

/** A claim being put together; it is saved once speaker, stance and target are all set. */
export interface Draft {
  speaker: RefValue | null;
  stance: string | null;
  target: RefValue | null;
  cue: Span | null;
  negated: boolean;
  hypothetical: boolean;
  origin: string;
  /** With a suggestion's origin, the model that proposed it and its score. */
  originModel?: string | null;
  originScore?: number | null;
}

export const EMPTY_DRAFT: Draft = {
  speaker: null,
  stance: null,
  target: null,
  cue: null,
  negated: false,
  hypothetical: false,
  origin: 'manual',
  originModel: null,
  originScore: null,
};

let localIds = 0;
/** Ids ≤ 0 mark claims the server has not seen yet. */
export const nextLocalId = () => --localIds;

/** True when a speaker or target names an actor or a span. */
export const hasRef = (ref: RefValue | null): ref is RefValue => ref != null && (ref.actorId != null || ref.span != null);

const overlaps = (a: Span | null | undefined, b: Span | null | undefined) => !!a && !!b && a.start < b.end && b.start < a.end;

/** The claim a complete draft becomes, under a new local id; null while a part is missing. */
export function claimOf(draft: Draft): Claim | null {
  if (!hasRef(draft.speaker) || !draft.stance || !hasRef(draft.target)) return null;
  return {
    id: nextLocalId(),
    speaker: { actorId: draft.speaker.actorId ?? null, span: draft.speaker.span ?? null },
    stance: draft.stance,
    target: { actorId: draft.target.actorId ?? null, span: draft.target.span ?? null },
    cue: draft.cue,
    negated: draft.negated,
    hypothetical: draft.hypothetical,
    origin: draft.origin,
    originModel: draft.originModel ?? null,
    originScore: draft.originScore ?? null,
  };
}

/** A claim the server suggests for the sentence (GET /documents/:id/suggestions), with where it came from. */
export interface SuggestedClaim {
  stance: string;
  speaker: RefValue;
  target: RefValue;
  cue: Span | null;
  negated: boolean;
  hypothetical: boolean;
  /** Which kind of machine proposed it ('rules': the built-in suggester) and which model, with its score when it gave one. */
  source: string;
  model: string | null;
  score: number | null;
  /** Why the rules proposed it, in words. */
  reason: string | null;
}

/**
 * Suggestions not taken yet: none with a claim's speaker, stance and target, nor with a claim's cue
 * and speaker (taken, then edited). Two suggestions may share a cue ("Xi and Putin criticized…").
 */
export function untakenSuggestions(suggestions: readonly SuggestedClaim[], claims: readonly Claim[]): SuggestedClaim[] {
  return suggestions.filter(
    (s) =>
      !claims.some(
        (c) =>
          (overlaps(c.cue, s.cue) && c.speaker.actorId === s.speaker.actorId) ||
          (c.stance === s.stance && c.speaker.actorId === (s.speaker.actorId ?? -1) && c.target.actorId === (s.target.actorId ?? -1)),
      ),
  );
}

export function sentenceContains(sentence: Sentence, span: Span): boolean {
  return span.start >= sentence.start && span.end <= sentence.end;
}

/** A card's tooltip naming the span behind a speaker or target. */
export function spanTitle(span: Span | null, text: string): string | undefined {
  return span ? `span “${text.slice(span.start, span.end)}”` : undefined;
}
