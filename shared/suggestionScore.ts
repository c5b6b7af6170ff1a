// How a suggestion source is scored against gold, claim by claim (issue 16): a suggestion is right
// when its speaker, stance and target are all gold's for its sentence, people counted as their state
// where the registry gives them one (codebook rule 3). The one definition used by the suggestion
// bench (tests/bench/suggestions.ts), the built-in suggester's learning (server/suggestions/learning.ts)
// and the Agreement page's figures per source (server/agreement/sources.ts). Pure.
import { refKey, type FrameLike } from './claimMatching.ts';

/** The actor a claim counts as. */
export type CountAs = (actorId: number) => number;

/** People count as their state: a person with a parent in the registry is that parent; anyone else themselves. */
export function countAsState(actors: Iterable<{ id: number; kind: string; parentId: number | null }>): CountAs {
  const parents = new Map<number, number>();
  for (const actor of actors) if (actor.kind === 'person' && actor.parentId !== null) parents.set(actor.id, actor.parentId);
  return (id) => parents.get(id) ?? id;
}

/** What scoring reads of a claim; the flags only when asked for. */
export interface ScoredClaim extends FrameLike {
  negated?: boolean;
  hypothetical?: boolean;
}

/**
 * A claim as the key scoring compares: speaker, stance and target (cue and the spans of named
 * actors left out); with `flags`, negated and hypothetical too (the bench's second line).
 */
export function scoringKey(claim: ScoredClaim, countAs: CountAs, flags = false): string {
  const side = (ref: FrameLike['speaker']) => (ref.actorId === null ? refKey(ref) : `a${countAs(ref.actorId)}`);
  const key = `${side(claim.speaker)}|${claim.stance}|${side(claim.target)}`;
  return flags ? `${key}|${claim.negated ? 'n' : ''}${claim.hypothetical ? 'h' : ''}` : key;
}

/** Right (in gold), wrong (not in gold) suggestions and gold claims no suggestion found. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

/**
 * Adds one sentence to a tally: its suggestions against its gold claims, each side a set of keys
 * (a claim suggested twice, or twice in gold, counts once). A sentence whose gold is "no claim"
 * has no gold claims: every suggestion on it is wrong.
 */
export function tallySentence(gold: readonly ScoredClaim[], suggested: readonly ScoredClaim[], countAs: CountAs, into: Tally, flags = false): Tally {
  const wanted = new Set(gold.map((claim) => scoringKey(claim, countAs, flags)));
  const given = new Set(suggested.map((claim) => scoringKey(claim, countAs, flags)));
  for (const key of given) {
    if (wanted.has(key)) into.tp++;
    else into.fp++;
  }
  for (const key of wanted) if (!given.has(key)) into.fn++;
  return into;
}

/** Precision, recall and F1 of a tally; null where the ratio has no units (nothing suggested, nothing in gold). */
export function precisionRecallF1(tally: Tally): { precision: number | null; recall: number | null; f1: number | null } {
  const { tp, fp, fn } = tally;
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
