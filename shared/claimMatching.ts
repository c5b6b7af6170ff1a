// Claims compared as units (DESIGN §6): which claims of different annotators of one sentence are
// "the same claim", which labels are "the same label", and the keys that sets and exact matches are
// computed on. Pure; the one definition used by the agreement report, the disagreement queue,
// unanimity (bulk accept, the export's `agreement.unanimous`) and the adjudication view (whose
// units, `reviewUnits`, also pair claims one reference apart).
import type { AnnotationStatus } from './schemas/annotations.ts';

export interface RefLike {
  actorId: number | null;
  span: { start: number; end: number } | null;
}

/** What matching claims by speaker and target needs of a claim. */
export interface FrameLike {
  speaker: RefLike;
  stance: string;
  target: RefLike;
}

/** A claim as labels compare it: its frame and the two flags that change what it asserts. */
export interface ClaimLike extends FrameLike {
  negated: boolean;
  hypothetical: boolean;
}

/** What label equality needs of a label. */
export interface LabelLike {
  status: AnnotationStatus;
  claims: readonly ClaimLike[];
}

/** A ref as a comparable key: the actor when there is one (actors are the registry's identity), else the span. */
export function refKey(ref: RefLike): string {
  if (ref.actorId !== null) return `a${ref.actorId}`;
  if (ref.span) return `s${ref.span.start}-${ref.span.end}`;
  return '?';
}

/** A claim as a key of its whole frame: speaker, stance and target (the unit of triple sets and F1). */
export function tripleKey(claim: FrameLike): string {
  return `${refKey(claim.speaker)}|${claim.stance}|${refKey(claim.target)}`;
}

/**
 * A claim as a key of everything it asserts: its frame and its flags. "China did not condemn
 * Israel" and "China might condemn Israel" are not "China condemned Israel".
 */
export function claimKey(claim: ClaimLike): string {
  return `${tripleKey(claim)}|${claim.negated ? 'n' : ''}${claim.hypothetical ? 'h' : ''}`;
}

/** Two matched claims differ in a flag. */
export function flagsDiffer(a: ClaimLike, b: ClaimLike): boolean {
  return a.negated !== b.negated || a.hypothetical !== b.hypothetical;
}

/**
 * A label as a key: two labels are **the same label** exactly when their keys are equal. That is:
 * the same status and, for `claims`, the same set of claims by `claimKey` (speaker, stance, target,
 * negated, hypothetical; order and repeats do not count, nor do cue spans and origins, which say
 * where a claim was read, not what it says). Two `skipped` labels are the same label whatever
 * their notes: a note is the reason for the skip, not a label, and both annotators said the same
 * thing (this sentence cannot be labelled). Whether such a sentence may become gold by itself is
 * bulk accept's business (it leaves unanimous skips to a reviewer), not equality's.
 */
export function labelKey(label: LabelLike): string {
  if (label.status !== 'claims') return label.status;
  if (label.claims.length === 1) return `claims:${claimKey(label.claims[0]!)}`;
  return `claims:${[...new Set(label.claims.map(claimKey))].sort().join(',')}`;
}

/** Whether two labels are the same label (see `labelKey`). */
export function sameLabel(a: LabelLike, b: LabelLike): boolean {
  return labelKey(a) === labelKey(b);
}

/** Unanimous: at least two annotators, all of whom gave the same label (see `labelKey`). */
export function isUnanimous(labels: readonly LabelLike[]): boolean {
  if (labels.length < 2) return false;
  const first = labelKey(labels[0]!);
  return labels.every((label, i) => i === 0 || labelKey(label) === first);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Two refs name the same speaker or target: the same actor, or (without actors on both) overlapping spans. */
export function sameRef(a: RefLike, b: RefLike): boolean {
  if (a.actorId !== null && b.actorId !== null) return a.actorId === b.actorId;
  if (a.span && b.span) return overlaps(a.span, b.span);
  return false;
}

/** Two claims are about the same (speaker, target) pair; their stances may still differ. */
export function sameFrame(a: FrameLike, b: FrameLike): boolean {
  return sameRef(a.speaker, b.speaker) && sameRef(a.target, b.target);
}

/** A claim as requests carry it: refs and flags may be left out (absent means none, not set). */
export interface ClaimInputLike {
  speaker: { actorId?: number | null | undefined; span?: { start: number; end: number } | null | undefined };
  stance: string;
  target: { actorId?: number | null | undefined; span?: { start: number; end: number } | null | undefined };
  negated?: boolean | undefined;
  hypothetical?: boolean | undefined;
}

const asRef = (ref: ClaimInputLike['speaker']): RefLike => ({ actorId: ref.actorId ?? null, span: ref.span ?? null });

/**
 * The pairs of claims `[i, j]` (i < j) of one label that contradict each other: the same speaker
 * and target (`sameFrame`) and the same flags, but different stances ("Russia supports Israel" and
 * "Russia condemns Israel"). Claims a flag apart assert different things ("would support",
 * "did not condemn") and do not contradict. Gold holding such a pair needs the reviewer's word.
 */
export function contradictions(inputs: readonly ClaimInputLike[]): [number, number][] {
  const claims: ClaimLike[] = inputs.map((c) => ({
    speaker: asRef(c.speaker),
    stance: c.stance,
    target: asRef(c.target),
    negated: c.negated ?? false,
    hypothetical: c.hypothetical ?? false,
  }));
  const pairs: [number, number][] = [];
  claims.forEach((a, i) => {
    for (let j = i + 1; j < claims.length; j++) {
      const b = claims[j]!;
      if (a.stance !== b.stance && sameFrame(a, b) && !flagsDiffer(a, b)) pairs.push([i, j]);
    }
  });
  return pairs;
}

/**
 * Groups the claims of several annotators of one sentence into matched units. `byAnnotator[i]` are
 * annotator i's claims; each returned group has one slot per annotator (null where that annotator
 * has no matching claim). Matching is by speaker and target (`sameFrame`); an identical claim
 * (same stance and flags) is preferred, then the same stance, then any frame match, and each claim
 * joins at most one group.
 */
export function matchClaims<C extends ClaimLike>(byAnnotator: ReadonlyArray<ReadonlyArray<C>>): (C | null)[][] {
  const groups: (C | null)[][] = [];
  byAnnotator.forEach((claims, annotator) => {
    for (const claim of claims) {
      const open = groups.filter((group) => group[annotator] === null);
      const frameMatch = (group: (C | null)[]) => group.some((other) => other !== null && sameFrame(other, claim));
      const sameStance = (group: (C | null)[]) => frameMatch(group) && group.some((other) => other !== null && other.stance === claim.stance);
      const identical = (group: (C | null)[]) =>
        frameMatch(group) && group.some((other) => other !== null && other.stance === claim.stance && !flagsDiffer(other, claim));
      const target = open.find(identical) ?? open.find(sameStance) ?? open.find(frameMatch);
      if (target) target[annotator] = claim;
      else {
        const group: (C | null)[] = byAnnotator.map(() => null);
        group[annotator] = claim;
        groups.push(group);
      }
    }
  });
  return groups;
}

/** Two groups of claims hold claims of different annotators only (one slot per annotator). */
const slotsDisjoint = <C>(a: readonly (C | null)[], b: readonly (C | null)[]) => a.every((claim, slot) => claim === null || b[slot] === null);

/**
 * Whether two groups of claims read as one claim a reference apart: together they fill no slot twice,
 * all their claims have one stance and the same flags, and all name the same target (they differ
 * in speaker) or all the same speaker (they differ in target).
 */
function oneRefApart(a: readonly (ClaimLike | null)[], b: readonly (ClaimLike | null)[]): boolean {
  if (!slotsDisjoint(a, b)) return false;
  const claims = [...a, ...b].filter((claim): claim is ClaimLike => claim !== null);
  const first = claims[0];
  if (!first || claims.some((claim) => claim.stance !== first.stance || flagsDiffer(claim, first))) return false;
  return claims.every((claim) => sameRef(claim.target, first.target)) || claims.every((claim) => sameRef(claim.speaker, first.speaker));
}

/**
 * The claim units of the adjudication view: `matchClaims`' groups, then groups that an annotator
 * left empty joined with another when they are one claim a reference apart — the same stance, the
 * same flags and the same target but another speaker ("China condemns Israel" and "the author
 * condemns Israel": one claim on which they differ in speaker), or the same speaker with another
 * target. A unit differs in one field at most besides who is missing; claims that differ in more
 * (speaker and stance, say) stay apart. Groups are joined in the order `matchClaims` gives them.
 *
 * Only for showing a reviewer where annotators differ. Agreement keeps `matchClaims`: α on stance
 * and the flags is over claims matched by (speaker, target) (DESIGN §6); speakers and targets are
 * compared as sets (MASI), so a claim a speaker apart already counts there as a speaker difference.
 */
export function reviewUnits<C extends ClaimLike>(byAnnotator: ReadonlyArray<ReadonlyArray<C>>): (C | null)[][] {
  const units = matchClaims(byAnnotator);
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length && units[i]!.includes(null); j++) {
      const other = units[j]!;
      if (!oneRefApart(units[i]!, other)) continue;
      units[i] = units[i]!.map((claim, slot) => claim ?? other[slot] ?? null);
      units.splice(j--, 1);
    }
  }
  return units;
}
