// The agreement report (DESIGN §6) computed from a project's labels. Pure: the service loads the
// rows, this turns them into figures, each with the number of units it rests on.
import { cohenKappa, krippendorffAlphaDetailed, masiDistance } from '../../shared/agreement.ts';
import { flagsDiffer, isUnanimous, labelKey, matchClaims, refKey, tripleKey, type ClaimLike } from '../../shared/claimMatching.ts';
import type { AnnotationStatus } from '../../shared/schemas/annotations.ts';
import type { AgreementSummary, Disagreement, DisagreementField, Figure } from '../../shared/schemas/review.ts';
import type { ClaimFrameRow, LabelRow } from '../review/repo.ts';

/** The annotator id under which gold labels travel through the computation. */
export const GOLD = 0;

export interface Label {
  status: AnnotationStatus;
  claims: ClaimLike[];
  /** The sets of speaker, target and triple keys, each sorted and joined by SEPARATOR (set by `groupLabels`). */
  speakers: string;
  targets: string;
  triples: string;
}

// Sets travel as sorted, joined strings: interning and comparing strings is what makes a 100,000
// sentence report fast; MASI splits them back, once per distinct pair of sets.
const SEPARATOR = '\u001f';
/** A set of keys as one string: sorted, unique, joined by SEPARATOR. */
export const joinSet = (keys: string[]) => [...new Set(keys)].sort().join(SEPARATOR);
const splitSet = (joined: string) => (joined === '' ? [] : joined.split(SEPARATOR));

export interface SentenceLabels {
  sentenceId: number;
  documentId: number;
  /** Annotators' labels by user id (gold under GOLD). */
  labels: Map<number, Label>;
}

/** Groups label and claim rows by sentence. */
export function groupLabels(labels: readonly LabelRow[], frames: readonly ClaimFrameRow[]): Map<number, SentenceLabels> {
  const bySentence = new Map<number, SentenceLabels>();
  for (const [sentenceId, documentId, annotatorId, status] of labels) {
    let entry = bySentence.get(sentenceId);
    if (!entry) bySentence.set(sentenceId, (entry = { sentenceId, documentId, labels: new Map() }));
    entry.labels.set(annotatorId, { status, claims: [], speakers: '', targets: '', triples: '' });
  }
  for (const [
    sentenceId,
    annotatorId,
    stance,
    speakerActorId,
    speakerStart,
    speakerEnd,
    targetActorId,
    targetStart,
    targetEnd,
    negated,
    hypothetical,
  ] of frames) {
    bySentence
      .get(sentenceId)
      ?.labels.get(annotatorId)
      ?.claims.push({
        stance,
        speaker: { actorId: speakerActorId, span: speakerStart === null ? null : { start: speakerStart, end: speakerEnd! } },
        target: { actorId: targetActorId, span: targetStart === null ? null : { start: targetStart, end: targetEnd! } },
        negated: negated === 1,
        hypothetical: hypothetical === 1,
      });
  }
  for (const entry of bySentence.values()) {
    for (const label of entry.labels.values()) {
      const claims = label.claims;
      if (claims.length === 0) continue;
      if (claims.length === 1) {
        // Most labels hold one claim: no set to build or sort.
        const claim = claims[0]!;
        label.speakers = refKey(claim.speaker);
        label.targets = refKey(claim.target);
        label.triples = tripleKey(claim);
        continue;
      }
      label.speakers = joinSet(claims.map((claim) => refKey(claim.speaker)));
      label.targets = joinSet(claims.map((claim) => refKey(claim.target)));
      label.triples = joinSet(claims.map(tripleKey));
    }
  }
  return bySentence;
}

/** α, or null with 0 units when nothing was pairable (a figure must never pretend). */
function alpha<V>(units: (V | null)[][], level: 'nominal', distance?: (a: V, b: V) => number): Figure {
  try {
    const result = krippendorffAlphaDetailed(units, level, distance);
    return { value: result.alpha, units: result.units };
  } catch {
    return { value: null, units: 0 };
  }
}

const hasClaim = (label: Label | undefined): number | null => (!label || label.status === 'skipped' ? null : label.status === 'claims' ? 1 : 0);

/** A label's joined key set (speakers, targets or triples); null when there is no usable label. */
const keySet = (label: Label | undefined, field: 'speakers' | 'targets' | 'triples'): string | null =>
  !label || label.status === 'skipped' ? null : label[field];

/**
 * MASI distance between joined key sets, remembered across calls: a report asks for the same pairs
 * of sets in the project figures and again in every document's, and α's expected disagreement
 * visits every pair of distinct values.
 */
export function memoizedMasi(): (a: string, b: string) => number {
  const ids = new Map<string, number>();
  const sets: string[][] = [];
  const cache = new Map<number, number>();
  const idOf = (joined: string) => {
    let id = ids.get(joined);
    if (id === undefined) {
      id = sets.length;
      ids.set(joined, id);
      sets.push(splitSet(joined));
    }
    return id;
  };
  return (a, b) => {
    if (a === b) return 0;
    // Sets of at most one key (nearly all of them): different ones are disjoint, Jaccard 0, distance 1.
    if (!a.includes(SEPARATOR) && !b.includes(SEPARATOR)) return 1;
    const x = idOf(a);
    const y = idOf(b);
    const key = x < y ? x * 0x200000 + y : y * 0x200000 + x;
    let distance = cache.get(key);
    if (distance === undefined) {
      distance = masiDistance(sets[x]!, sets[y]!);
      cache.set(key, distance);
    }
    return distance;
  };
}

/** One sentence's values per annotator for every figure of the summary (its "units"). */
export interface SentenceUnits {
  hasClaim: (number | null)[];
  speakers: (string | null)[];
  targets: (string | null)[];
  triples: (string | null)[];
  /** One unit per group of claims matched by speaker and target. */
  stances: (string | null)[][];
  /** The flags of the same matched groups (1 set, 0 not), one unit per group. */
  negated: (number | null)[][];
  hypothetical: (number | null)[][];
}

/** The units a sentence contributes, for the given annotators (gold excluded). */
export function sentenceUnits(sentence: SentenceLabels, annotators: readonly number[]): SentenceUnits {
  const labels = annotators.map((id) => sentence.labels.get(id));
  const claimsOf = labels.map((label) => (label?.status === 'claims' ? label.claims : []));
  const groups = claimsOf.filter((claims) => claims.length > 0).length >= 2 ? matchClaims(claimsOf) : [];
  const flag = (name: 'negated' | 'hypothetical') => groups.map((group) => group.map((claim) => (claim ? Number(claim[name]) : null)));
  return {
    hasClaim: labels.map(hasClaim),
    speakers: labels.map((label) => keySet(label, 'speakers')),
    targets: labels.map((label) => keySet(label, 'targets')),
    triples: labels.map((label) => keySet(label, 'triples')),
    stances: groups.map((group) => group.map((claim) => claim?.stance ?? null)),
    negated: flag('negated'),
    hypothetical: flag('hypothetical'),
  };
}

/** The summary figures over some sentences' units; pass one `masi` to every call of a report. */
export function summarise(units: readonly SentenceUnits[], masi: (a: string, b: string) => number = memoizedMasi()): AgreementSummary {
  return {
    hasClaim: alpha(
      units.map((u) => u.hasClaim),
      'nominal',
    ),
    stance: alpha(
      units.flatMap((u) => u.stances),
      'nominal',
    ),
    negated: alpha(
      units.flatMap((u) => u.negated),
      'nominal',
    ),
    hypothetical: alpha(
      units.flatMap((u) => u.hypothetical),
      'nominal',
    ),
    speakers: alpha(
      units.map((u) => u.speakers),
      'nominal',
      masi,
    ),
    targets: alpha(
      units.map((u) => u.targets),
      'nominal',
      masi,
    ),
    triples: alpha(
      units.map((u) => u.triples),
      'nominal',
      masi,
    ),
  };
}

/** Cohen's κ on "has a claim" and exact-triple F1 between two labellers (an annotator or GOLD). */
export function comparePair(sentences: readonly SentenceLabels[], a: number, b: number): { kappa: Figure; f1: Figure } {
  const left: (number | null)[] = [];
  const right: (number | null)[] = [];
  let shared = 0;
  let sizes = 0;
  let units = 0;
  for (const sentence of sentences) {
    const la = sentence.labels.get(a);
    const lb = sentence.labels.get(b);
    const va = hasClaim(la);
    const vb = hasClaim(lb);
    if (va === null || vb === null) continue;
    units++;
    left.push(va);
    right.push(vb);
    const ta = splitSet(la!.triples);
    const tb = new Set(splitSet(lb!.triples));
    for (const key of ta) if (tb.has(key)) shared++;
    sizes += ta.length + tb.size;
  }
  let kappa: Figure = { value: null, units };
  if (units > 0) kappa = { value: cohenKappa(left, right), units };
  return { kappa, f1: { value: sizes === 0 ? null : (2 * shared) / sizes, units } };
}

/** Counts of (stance a, stance b) over claims matched between every pair of annotators; symmetric. */
export function stanceConfusion(sentences: readonly SentenceLabels[], annotators: readonly number[], stanceKeys: readonly string[]) {
  const labels = [...stanceKeys];
  const index = new Map(labels.map((key, i) => [key, i]));
  const counts = labels.map(() => labels.map(() => 0));
  let units = 0;
  for (const sentence of sentences) {
    const claimsOf = annotators.map((id) => {
      const label = sentence.labels.get(id);
      return label?.status === 'claims' ? label.claims : [];
    });
    if (claimsOf.filter((claims) => claims.length > 0).length < 2) continue;
    for (const group of matchClaims(claimsOf)) {
      const present = group.filter((claim): claim is ClaimLike => claim !== null);
      for (let i = 0; i < present.length; i++) {
        for (let j = i + 1; j < present.length; j++) {
          const x = index.get(present[i]!.stance);
          const y = index.get(present[j]!.stance);
          if (x === undefined || y === undefined) continue;
          counts[x]![y]!++;
          if (x !== y) counts[y]![x]!++;
          units++;
        }
      }
    }
  }
  return { labels, counts, units };
}

/** How the annotators of one sentence differ: the fields and a 0..1 dispute score; null when they agree. */
export function compareAnnotators(sentence: SentenceLabels): Pick<Disagreement, 'fields' | 'dispute' | 'annotators'> | null {
  const labels = [...sentence.labels.entries()].filter(([id]) => id !== GOLD).map(([, label]) => label);
  if (labels.length < 2) return null;
  // Agreeing exactly is being the same label (shared/claimMatching.ts), flags included.
  const signatures = new Map<string, number>();
  for (const label of labels) {
    const key = labelKey(label);
    signatures.set(key, (signatures.get(key) ?? 0) + 1);
  }
  if (signatures.size === 1) return null;

  const fields: DisagreementField[] = [];
  if (new Set(labels.map((label) => label.status)).size > 1) fields.push('status');
  const usable = labels.filter((label) => label.status !== 'skipped');
  const differs = (field: 'speakers' | 'targets') => new Set(usable.map((label) => label[field])).size > 1;
  if (differs('speakers')) fields.push('speaker');
  const groups = matchClaims(usable.map((label) => label.claims)).map((group) => group.filter((c): c is ClaimLike => c !== null));
  if (groups.some((group) => new Set(group.map((c) => c.stance)).size > 1)) fields.push('stance');
  if (differs('targets')) fields.push('target');
  if (groups.some((group) => group.some((c) => flagsDiffer(c, group[0]!)))) fields.push('flags');
  const largest = Math.max(...signatures.values());
  return { fields, dispute: 1 - largest / labels.length, annotators: labels.length };
}

/** The one label every annotator gave (unanimous as `isUnanimous` defines it; gold aside), or null. */
export function unanimousLabel(sentence: SentenceLabels): { label: Label; annotators: number[] } | null {
  const entries = [...sentence.labels.entries()].filter(([id]) => id !== GOLD);
  if (!isUnanimous(entries.map(([, label]) => label))) return null;
  return { label: entries[0]![1], annotators: entries.map(([id]) => id) };
}
