// Pure helpers of the adjudication view: who is annotator A, B, …; which cells differ; merges.
import { matchClaims, refKey, tripleKey } from '../../shared/claimMatching.ts';
import type { Annotation, AnnotationStatus, Claim, ClaimInput } from '../../shared/schemas/annotations.ts';

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
  differs: { speaker: boolean; stance: boolean; target: boolean };
}

/** The comparison of one sentence's annotators: status and each matched claim, field by field. */
export interface Comparison {
  statusDiffers: boolean;
  rows: ClaimRow[];
}

const allSame = (values: readonly (string | null)[]) => new Set(values).size <= 1;

/**
 * Matches the annotators' claims into units (shared/claimMatching.ts) and marks each field that is
 * not the same for everyone; an annotator without a claim in a unit differs in all three fields.
 */
export function compareAnnotations(annotations: readonly Annotation[]): Comparison {
  const groups = matchClaims(annotations.map((a) => a.claims));
  return {
    statusDiffers: !allSame(annotations.map((a) => a.status)),
    rows: groups.map((claims) => ({
      claims,
      differs: {
        speaker: !allSame(claims.map((c) => (c ? refKey(c.speaker) : null))),
        stance: !allSame(claims.map((c) => c?.stance ?? null)),
        target: !allSame(claims.map((c) => (c ? refKey(c.target) : null))),
      },
    })),
  };
}

/** A saved claim as gold input: everything but the id (gold claims get their own). */
export function toClaimInput(claim: Claim): ClaimInput {
  return {
    speaker: { actorId: claim.speaker.actorId, span: claim.speaker.span },
    stance: claim.stance,
    target: { actorId: claim.target.actorId, span: claim.target.span },
    cue: claim.cue,
    negated: claim.negated,
    hypothetical: claim.hypothetical,
    origin: claim.origin,
  };
}

/**
 * The union of several annotators' labels: their claims deduplicated by the whole frame (tripleKey),
 * first occurrence kept. With no claim at all the status is "no claim" if anyone said so, else skipped.
 */
export function mergeLabels(annotations: readonly Annotation[]): { status: AnnotationStatus; claims: Claim[] } {
  const seen = new Set<string>();
  const claims: Claim[] = [];
  for (const annotation of annotations) {
    for (const claim of annotation.claims) {
      const key = tripleKey(claim);
      if (seen.has(key)) continue;
      seen.add(key);
      claims.push(claim);
    }
  }
  if (claims.length > 0) return { status: 'claims', claims };
  return { status: annotations.some((a) => a.status === 'no_claim') || annotations.length === 0 ? 'no_claim' : 'skipped', claims };
}
