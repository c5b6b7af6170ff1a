import { describe, expect, it } from 'vitest';
import {
  claimKey,
  isUnanimous,
  labelKey,
  matchClaims,
  refKey,
  reviewUnits,
  sameLabel,
  sameRef,
  tripleKey,
  type ClaimLike,
} from '../../shared/claimMatching.ts';
import { compareAnnotators, groupLabels, sentenceUnits, unanimousLabel } from '../../server/agreement/compute.ts';

const actor = (id: number) => ({ actorId: id, span: null });
const span = (start: number, end: number) => ({ actorId: null, span: { start, end } });
const claim = (
  speaker: ClaimLike['speaker'],
  stance: string,
  target: ClaimLike['target'],
  flags: Partial<Pick<ClaimLike, 'negated' | 'hypothetical'>> = {},
): ClaimLike => ({
  speaker,
  stance,
  target,
  negated: flags.negated ?? false,
  hypothetical: flags.hypothetical ?? false,
});

describe('claim matching', () => {
  it('keys refs by actor first, then by span', () => {
    expect(refKey({ actorId: 3, span: { start: 1, end: 4 } })).toBe('a3');
    expect(refKey(span(1, 4))).toBe('s1-4');
    expect(tripleKey(claim(actor(1), 'condemn', actor(2)))).toBe('a1|condemn|a2');
  });

  it('matches the same actor, or overlapping spans when an actor is missing', () => {
    expect(sameRef(actor(1), actor(1))).toBe(true);
    expect(sameRef(actor(1), actor(2))).toBe(false);
    expect(sameRef(span(0, 5), span(3, 9))).toBe(true);
    expect(sameRef(span(0, 5), span(5, 9))).toBe(false);
    expect(sameRef(actor(1), span(0, 5))).toBe(false);
  });

  it('groups claims by speaker and target, one per annotator, preferring an exact stance match', () => {
    const a = [claim(actor(1), 'condemn', actor(2)), claim(actor(1), 'support', actor(2))];
    const b = [claim(actor(1), 'support', actor(2))];
    const c = [claim(actor(3), 'mediate', actor(4))];
    const groups = matchClaims([a, b, c]);
    expect(groups).toEqual([
      [a[0], null, null],
      [a[1], b[0], null],
      [null, null, c[0]],
    ]);
  });
});

describe('review units: claims one reference apart', () => {
  const china = actor(1);
  const author = actor(2);
  const israel = actor(3);
  const iran = actor(4);

  it('joins claims that differ only in speaker into one unit; agreement’s matching keeps them apart', () => {
    const a = [claim(china, 'condemn', israel)];
    const b = [claim(author, 'condemn', israel)];
    expect(reviewUnits([a, b])).toEqual([[a[0], b[0]]]);
    expect(matchClaims([a, b])).toEqual([
      [a[0], null],
      [null, b[0]],
    ]);
  });

  it('leaves agreement as DESIGN §6 defines it: no stance pair across speakers, the speaker sets differ, the queue says "speaker"', () => {
    const grouped = groupLabels(
      [
        [1, 1, 10, 'claims'],
        [1, 1, 11, 'claims'],
      ],
      [
        [1, 10, 'condemn', 1, null, null, 3, null, null, 0, 0],
        [1, 11, 'condemn', 2, null, null, 3, null, null, 0, 0],
      ],
    );
    const units = sentenceUnits(grouped.get(1)!, [10, 11]);
    expect(units.stances).toEqual([
      ['condemn', null],
      [null, 'condemn'],
    ]);
    expect(units.speakers).toEqual(['a1', 'a2']);
    expect(units.targets).toEqual(['a3', 'a3']);
    expect(compareAnnotators(grouped.get(1)!)?.fields).toEqual(['speaker']);
  });

  it('joins claims that differ only in target, spans included', () => {
    const a = [claim(span(0, 5), 'support', israel)];
    const b = [claim(span(2, 5), 'support', iran)];
    expect(reviewUnits([a, b])).toEqual([[a[0], b[0]]]);
  });

  it('keeps claims apart that differ in more than one reference, or in a reference and the stance or a flag', () => {
    const a = [claim(china, 'condemn', israel)];
    expect(reviewUnits([a, [claim(author, 'condemn', iran)]])).toHaveLength(2);
    expect(reviewUnits([a, [claim(author, 'support', israel)]])).toHaveLength(2);
    expect(reviewUnits([a, [claim(author, 'condemn', israel, { negated: true })]])).toHaveLength(2);
  });

  it('leaves an exact match alone: a second claim of the same annotator stays unmatched', () => {
    const a = [claim(china, 'condemn', israel)];
    const b = [claim(china, 'condemn', israel), claim(author, 'condemn', israel)];
    expect(reviewUnits([a, b])).toEqual([
      [a[0], b[0]],
      [null, b[1]],
    ]);
  });

  it('does not join a claim to a unit whose annotators differ in stance', () => {
    const a = [claim(china, 'condemn', israel)];
    const b = [claim(china, 'support', israel)];
    const c = [claim(author, 'condemn', israel)];
    expect(reviewUnits([a, b, c])).toEqual([
      [a[0], b[0], null],
      [null, null, c[0]],
    ]);
  });

  it('fills every empty slot it can: three annotators, two speakers', () => {
    const a = [claim(china, 'condemn', israel)];
    const b = [claim(author, 'condemn', israel)];
    const c = [claim(china, 'condemn', israel)];
    expect(reviewUnits([a, b, c])).toEqual([[a[0], b[0], c[0]]]);
  });
});

describe('the same label', () => {
  const claims = (...list: ClaimLike[]) => ({ status: 'claims' as const, claims: list });
  const base = claim(actor(1), 'condemn', actor(2));

  it('keys a claim by its frame and its flags', () => {
    expect(claimKey(base)).toBe('a1|condemn|a2|');
    expect(claimKey(claim(actor(1), 'condemn', actor(2), { negated: true, hypothetical: true }))).toBe('a1|condemn|a2|nh');
  });

  it('tells labels apart by a flag alone, in either flag', () => {
    expect(sameLabel(claims(base), claims(claim(actor(1), 'condemn', actor(2), { negated: true })))).toBe(false);
    expect(sameLabel(claims(base), claims(claim(actor(1), 'condemn', actor(2), { hypothetical: true })))).toBe(false);
    expect(sameLabel(claims(base), claims(claim(actor(1), 'condemn', actor(2))))).toBe(true);
  });

  it('ignores the order and repeats of claims, and what a claim was read from (cue, origin)', () => {
    const other = claim(actor(3), 'support', actor(2));
    expect(labelKey(claims(base, other))).toBe(labelKey(claims(other, base, other)));
    expect(sameLabel(claims({ ...base, cue: { start: 0, end: 3 } } as ClaimLike), claims(base))).toBe(true);
  });

  it('treats two skips as the same label whatever their notes, and a skip and a no-claim as different', () => {
    const skip = (note: string) => ({ status: 'skipped' as const, claims: [], note });
    expect(sameLabel(skip('unclear'), skip('not English'))).toBe(true);
    expect(sameLabel(skip('unclear'), { status: 'no_claim', claims: [] })).toBe(false);
  });

  it('is unanimous only with two or more annotators who all gave the same label', () => {
    expect(isUnanimous([claims(base)])).toBe(false);
    expect(isUnanimous([claims(base), claims(base), claims(base)])).toBe(true);
    expect(isUnanimous([claims(base), claims(base), claims(claim(actor(1), 'condemn', actor(2), { negated: true }))])).toBe(false);
    expect(
      isUnanimous([
        { status: 'skipped', claims: [] },
        { status: 'skipped', claims: [] },
      ]),
    ).toBe(true);
  });

  it('matches a claim to the one with the same flags when its frame and stance match two', () => {
    const negated = claim(actor(1), 'condemn', actor(2), { negated: true });
    const groups = matchClaims([[base, negated], [negated]]);
    expect(groups).toEqual([
      [base, null],
      [negated, negated],
    ]);
  });
});

describe('comparing annotators of a sentence', () => {
  const label = (sentenceId: number, annotatorId: number, status: 'claims' | 'no_claim' | 'skipped') => [sentenceId, 1, annotatorId, status] as const;
  const frame = (sentenceId: number, annotatorId: number, speaker: number, stance: string, target: number) =>
    [sentenceId, annotatorId, stance, speaker, null, null, target, null, null, 0, 0] as const;
  const flagged = (sentenceId: number, annotatorId: number, negated: 0 | 1, hypothetical: 0 | 1) =>
    [sentenceId, annotatorId, 'condemn', 1, null, null, 2, null, null, negated, hypothetical] as const;

  it('names the fields that differ and how disputed the sentence is', () => {
    const grouped = groupLabels(
      [label(1, 10, 'claims'), label(1, 11, 'claims'), label(1, 12, 'claims'), label(2, 10, 'claims'), label(2, 11, 'no_claim')],
      [frame(1, 10, 1, 'condemn', 2), frame(1, 11, 1, 'condemn', 2), frame(1, 12, 1, 'support', 2), frame(2, 10, 5, 'mediate', 6)],
    );
    expect(compareAnnotators(grouped.get(1)!)).toEqual({ fields: ['stance'], dispute: expect.closeTo(1 / 3, 10), annotators: 3 });
    expect(compareAnnotators(grouped.get(2)!)).toEqual({ fields: ['status', 'speaker', 'target'], dispute: 0.5, annotators: 2 });
  });

  it('finds unanimous labels, ignoring gold; two skips are unanimous (bulk accept leaves them out itself)', () => {
    const grouped = groupLabels(
      [label(1, 10, 'no_claim'), label(1, 11, 'no_claim'), label(2, 10, 'skipped'), label(2, 11, 'skipped'), label(3, 10, 'no_claim'), label(3, 0, 'no_claim')],
      [],
    );
    expect(unanimousLabel(grouped.get(1)!)?.annotators).toEqual([10, 11]);
    expect(unanimousLabel(grouped.get(2)!)).toMatchObject({ annotators: [10, 11], label: { status: 'skipped' } });
    expect(unanimousLabel(grouped.get(3)!)).toBeNull();
    expect(compareAnnotators(grouped.get(1)!)).toBeNull();
    expect(compareAnnotators(grouped.get(2)!)).toBeNull();
  });

  it('puts annotators who differ only in a flag in the queue under "flags", and never calls them unanimous', () => {
    const grouped = groupLabels(
      [label(1, 10, 'claims'), label(1, 11, 'claims'), label(2, 10, 'claims'), label(2, 11, 'claims'), label(3, 10, 'claims'), label(3, 11, 'claims')],
      [flagged(1, 10, 0, 0), flagged(1, 11, 1, 0), flagged(2, 10, 0, 1), flagged(2, 11, 0, 0), flagged(3, 10, 1, 1), flagged(3, 11, 1, 1)],
    );
    expect(compareAnnotators(grouped.get(1)!)).toEqual({ fields: ['flags'], dispute: 0.5, annotators: 2 });
    expect(compareAnnotators(grouped.get(2)!)).toEqual({ fields: ['flags'], dispute: 0.5, annotators: 2 });
    expect(unanimousLabel(grouped.get(1)!)).toBeNull();
    expect(unanimousLabel(grouped.get(2)!)).toBeNull();
    expect(compareAnnotators(grouped.get(3)!)).toBeNull();
    expect(unanimousLabel(grouped.get(3)!)?.annotators).toEqual([10, 11]);
  });
});

describe('MASI on joined key sets', () => {
  it('gives masiDistance’s value for every pair, through the fast paths and the cache', async () => {
    const { joinSet, memoizedMasi } = await import('../../server/agreement/compute.ts');
    const { masiDistance } = await import('../../shared/agreement.ts');
    const sets = [[], ['a1'], ['a2'], ['a1', 'a2'], ['a2', 'a3'], ['a1', 'a2', 'a3'], ['a3']];
    const masi = memoizedMasi();
    for (const a of sets) {
      for (const b of sets) {
        expect(masi(joinSet(a), joinSet(b)), `${a} vs ${b}`).toBeCloseTo(masiDistance(a, b), 12);
        expect(masi(joinSet(a), joinSet(b))).toBeCloseTo(masiDistance(a, b), 12);
      }
    }
  });
});
