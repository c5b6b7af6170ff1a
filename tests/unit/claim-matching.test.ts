import { describe, expect, it } from 'vitest';
import { matchClaims, refKey, sameRef, tripleKey, type ClaimLike } from '../../shared/claimMatching.ts';
import { compareAnnotators, groupLabels, unanimousLabel } from '../../server/agreement/compute.ts';

const actor = (id: number) => ({ actorId: id, span: null });
const span = (start: number, end: number) => ({ actorId: null, span: { start, end } });
const claim = (speaker: ClaimLike['speaker'], stance: string, target: ClaimLike['target']): ClaimLike => ({ speaker, stance, target });

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

describe('comparing annotators of a sentence', () => {
  const label = (sentenceId: number, annotatorId: number, status: 'claims' | 'no_claim' | 'skipped') => [sentenceId, 1, annotatorId, status] as const;
  const frame = (sentenceId: number, annotatorId: number, speaker: number, stance: string, target: number) =>
    [sentenceId, annotatorId, stance, speaker, null, null, target, null, null] as const;

  it('names the fields that differ and how disputed the sentence is', () => {
    const grouped = groupLabels(
      [label(1, 10, 'claims'), label(1, 11, 'claims'), label(1, 12, 'claims'), label(2, 10, 'claims'), label(2, 11, 'no_claim')],
      [frame(1, 10, 1, 'condemn', 2), frame(1, 11, 1, 'condemn', 2), frame(1, 12, 1, 'support', 2), frame(2, 10, 5, 'mediate', 6)],
    );
    expect(compareAnnotators(grouped.get(1)!)).toEqual({ fields: ['stance'], dispute: expect.closeTo(1 / 3, 10), annotators: 3 });
    expect(compareAnnotators(grouped.get(2)!)).toEqual({ fields: ['status', 'speaker', 'target'], dispute: 0.5, annotators: 2 });
  });

  it('finds unanimous labels, ignoring gold and never accepting a unanimous skip', () => {
    const grouped = groupLabels(
      [label(1, 10, 'no_claim'), label(1, 11, 'no_claim'), label(2, 10, 'skipped'), label(2, 11, 'skipped'), label(3, 10, 'no_claim')],
      [],
    );
    expect(unanimousLabel(grouped.get(1)!)?.annotators).toEqual([10, 11]);
    expect(unanimousLabel(grouped.get(2)!)).toBeNull();
    expect(unanimousLabel(grouped.get(3)!)).toBeNull();
    expect(compareAnnotators(grouped.get(1)!)).toBeNull();
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
