// Pure helpers of the adjudication view: who is annotator A, B, …; which cells differ; merges.
import { claimKey, refKey, reviewUnits } from '../../shared/claimMatching.ts';
import type { Annotation, AnnotationStatus, Claim } from '../../shared/schemas/annotations.ts';

/** "A", "B", … "Z", then "AA": the pseudonym of the i-th annotator of a sentence. */
export function letterOf(index: number): string {
  let name = '';
  let n = index;
  do {
    name = String.fromCharCode(65 + (n % 26)) + name;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return name;
}

/** The annotations of one sentence in a stable order (by annotator id), so A stays A on every visit. */
export function annotationsOfSentence(annotations: readonly Annotation[], sentenceId: number): Annotation[] {
  return annotations.filter((a) => a.sentenceId === sentenceId).sort((a, b) => a.annotatorId - b.annotatorId);
}

/** A matched claim unit: one slot per annotator, and which of its fields differ across them. */
export interface ClaimRow {
  claims: (Claim | null)[];
  differs: { speaker: boolean; stance: boolean; target: boolean; negated: boolean; hypothetical: boolean };
  /** The one reference the unit's claims differ in, all else the same (the reviewer may take one reading); else null. */
  apart: 'speaker' | 'target' | null;
}

/** The comparison of one sentence's annotators: status and each matched claim, field by field. */
export interface Comparison {
  statusDiffers: boolean;
  rows: ClaimRow[];
}

const allSame = (values: readonly (string | boolean | null)[]) => new Set(values).size <= 1;

/** Which one reference the claims present in a unit differ in, when they differ in nothing else. */
function apartIn(claims: readonly (Claim | null)[]): ClaimRow['apart'] {
  const present = claims.filter((c): c is Claim => c !== null);
  if (present.length < 2 || !allSame(present.map((c) => `${c.stance}|${c.negated}|${c.hypothetical}`))) return null;
  const speakers = !allSame(present.map((c) => refKey(c.speaker)));
  const targets = !allSame(present.map((c) => refKey(c.target)));
  return speakers === targets ? null : speakers ? 'speaker' : 'target';
}

/**
 * Matches the annotators' claims into units (`reviewUnits`, shared/claimMatching.ts: by speaker and
 * target, then claims one speaker or one target apart) and marks each field that is not the same
 * for everyone; an annotator without a claim in a unit differs in every field.
 */
export function compareAnnotations(annotations: readonly Annotation[]): Comparison {
  const groups = reviewUnits(annotations.map((a) => a.claims));
  return {
    statusDiffers: !allSame(annotations.map((a) => a.status)),
    rows: groups.map((claims) => ({
      claims,
      differs: {
        speaker: !allSame(claims.map((c) => (c ? refKey(c.speaker) : null))),
        stance: !allSame(claims.map((c) => c?.stance ?? null)),
        target: !allSame(claims.map((c) => (c ? refKey(c.target) : null))),
        negated: !allSame(claims.map((c) => c?.negated ?? null)),
        hypothetical: !allSame(claims.map((c) => c?.hypothetical ?? null)),
      },
      apart: apartIn(claims),
    })),
  };
}

/** One ref from two that name the same speaker or target: the actor of either, the span of either. */
const unite = (a: Claim['speaker'], b: Claim['speaker']): Claim['speaker'] => ({ actorId: a.actorId ?? b.actorId, span: a.span ?? b.span });

/**
 * The union of several annotators' labels: their claims deduplicated as the same claim (claimKey:
 * speaker, stance, target and flags), first occurrence kept. A duplicate still adds what the kept
 * claim lacks: an actor-only ref and a span of the same actor become one ref with both. With no
 * claim at all the status is "no claim" if anyone said so, else skipped.
 */
export function mergeLabels(annotations: readonly Annotation[]): { status: AnnotationStatus; claims: Claim[] } {
  const byKey = new Map<string, number>();
  const claims: Claim[] = [];
  for (const annotation of annotations) {
    for (const claim of annotation.claims) {
      const key = claimKey(claim);
      const at = byKey.get(key);
      if (at === undefined) {
        byKey.set(key, claims.length);
        claims.push(claim);
        continue;
      }
      const kept = claims[at]!;
      claims[at] = { ...kept, speaker: unite(kept.speaker, claim.speaker), target: unite(kept.target, claim.target), cue: kept.cue ?? claim.cue };
    }
  }
  if (claims.length > 0) return { status: 'claims', claims };
  return { status: annotations.some((a) => a.status === 'no_claim') || annotations.length === 0 ? 'no_claim' : 'skipped', claims };
}

/**
 * The merge of `sources` (`mergeLabels`) with one unit's readings narrowed to the one the reviewer
 * took: the unit's other readings left out, the taken claim in (even from an annotator not ticked).
 */
export function mergeTaking(sources: readonly Annotation[], row: ClaimRow, taken: Claim): { status: AnnotationStatus; claims: Claim[] } {
  const keep = claimKey(taken);
  const others = new Set(row.claims.filter((c): c is Claim => c !== null && claimKey(c) !== keep).map(claimKey));
  const claims = mergeLabels(sources).claims.filter((c) => !others.has(claimKey(c)));
  return { status: 'claims', claims: claims.some((c) => claimKey(c) === keep) ? claims : [...claims, taken] };
}
