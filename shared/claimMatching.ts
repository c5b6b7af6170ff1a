// Claims compared as units (DESIGN §6): which claims of different annotators of one sentence are
// "the same claim", and the keys that sets and exact matches are computed on. Pure; used by the
// agreement report, the disagreement queue and the adjudication view.

export interface RefLike {
  actorId: number | null;
  span: { start: number; end: number } | null;
}

export interface ClaimLike {
  speaker: RefLike;
  stance: string;
  target: RefLike;
}

/** A ref as a comparable key: the actor when there is one (actors are the registry's identity), else the span. */
export function refKey(ref: RefLike): string {
  if (ref.actorId !== null) return `a${ref.actorId}`;
  if (ref.span) return `s${ref.span.start}-${ref.span.end}`;
  return '?';
}

/** A claim as a key of its whole frame: speaker, stance and target. */
export function tripleKey(claim: ClaimLike): string {
  return `${refKey(claim.speaker)}|${claim.stance}|${refKey(claim.target)}`;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Two refs name the same speaker or target: the same actor, or (without actors on both) overlapping spans. */
export function sameRef(a: RefLike, b: RefLike): boolean {
  if (a.actorId !== null && b.actorId !== null) return a.actorId === b.actorId;
  if (a.span && b.span) return overlaps(a.span, b.span);
  return false;
}

/** Two claims are about the same (speaker, target) pair; their stances may still differ. */
export function sameFrame(a: ClaimLike, b: ClaimLike): boolean {
  return sameRef(a.speaker, b.speaker) && sameRef(a.target, b.target);
}

/**
 * Groups the claims of several annotators of one sentence into matched units. `byAnnotator[i]` are
 * annotator i's claims; each returned group has one slot per annotator (null where that annotator
 * has no matching claim). Matching is by speaker and target (`sameFrame`); an exact match (same
 * stance too) is preferred over a frame-only match, and each claim joins at most one group.
 */
export function matchClaims<C extends ClaimLike>(byAnnotator: ReadonlyArray<ReadonlyArray<C>>): (C | null)[][] {
  const groups: (C | null)[][] = [];
  byAnnotator.forEach((claims, annotator) => {
    for (const claim of claims) {
      const open = groups.filter((group) => group[annotator] === null);
      const frameMatch = (group: (C | null)[]) => group.some((other) => other !== null && sameFrame(other, claim));
      const exact = open.find((group) => frameMatch(group) && group.some((other) => other !== null && other.stance === claim.stance));
      const target = exact ?? open.find(frameMatch);
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
