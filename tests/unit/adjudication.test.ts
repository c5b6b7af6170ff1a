import { describe, expect, it } from 'vitest';
import { compareAnnotations, letterOf, mergeLabels, mergeTaking } from '../../client/review/compare.ts';
import type { Annotation, Claim } from '../../shared/schemas/annotations.ts';

let nextId = 1;
const claim = (speaker: number, stance: string, target: number): Claim => ({
  id: nextId++,
  speaker: { actorId: speaker, span: null },
  stance,
  target: { actorId: target, span: null },
  cue: null,
  negated: false,
  hypothetical: false,
  origin: 'manual',
});
const label = (annotatorId: number, status: Annotation['status'], claims: Claim[] = []): Annotation => ({
  sentenceId: 1,
  annotatorId,
  status,
  claims,
  note: null,
  version: 1,
  updatedAt: '2024-01-01T00:00:00Z',
});

describe('annotator pseudonyms', () => {
  it('names annotators A, B, … Z, AA', () => {
    expect([0, 1, 25, 26, 27].map(letterOf)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });
});

describe('comparing annotators of a sentence', () => {
  it('marks only the stance when the same speaker and target got different stances', () => {
    const result = compareAnnotations([label(1, 'claims', [claim(10, 'condemn', 20)]), label(2, 'claims', [claim(10, 'support', 20)])]);
    expect(result.statusDiffers).toBe(false);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.differs).toEqual({ speaker: false, stance: true, target: false, negated: false, hypothetical: false });
  });

  it('marks status and every field of a claim one annotator does not have', () => {
    const result = compareAnnotations([label(1, 'claims', [claim(10, 'condemn', 20)]), label(2, 'no_claim')]);
    expect(result.statusDiffers).toBe(true);
    expect(result.rows[0]!.claims[1]).toBeNull();
    expect(result.rows[0]!.differs).toEqual({ speaker: true, stance: true, target: true, negated: true, hypothetical: true });
  });

  it('shows claims that differ only in speaker as one claim, marked in its speaker alone', () => {
    const result = compareAnnotations([label(1, 'claims', [claim(10, 'condemn', 20)]), label(2, 'claims', [claim(11, 'condemn', 20)])]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.claims.map((c) => c?.speaker.actorId)).toEqual([10, 11]);
    expect(result.rows[0]!.differs).toEqual({ speaker: true, stance: false, target: false, negated: false, hypothetical: false });
    expect(result.rows[0]!.apart).toBe('speaker');
  });

  it('shows claims that differ only in target as one claim, marked in its target alone', () => {
    const result = compareAnnotations([label(1, 'claims', [claim(10, 'condemn', 20)]), label(2, 'claims', [claim(10, 'condemn', 21)])]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.differs).toEqual({ speaker: false, stance: false, target: true, negated: false, hypothetical: false });
    expect(result.rows[0]!.apart).toBe('target');
  });

  it('offers no reading to take where the claims differ in stance too, or one annotator has none', () => {
    const stance = compareAnnotations([label(1, 'claims', [claim(10, 'condemn', 20)]), label(2, 'claims', [claim(10, 'support', 20)])]);
    const missing = compareAnnotations([label(1, 'claims', [claim(10, 'condemn', 20)]), label(2, 'no_claim')]);
    expect([stance.rows[0]!.apart, missing.rows[0]!.apart]).toEqual([null, null]);
  });

  it('takes one reading of a unit a speaker apart: the merge keeps the others’ other claims, and only that speaker', () => {
    const a = label(1, 'claims', [claim(10, 'condemn', 20), claim(12, 'condemn', 20)]);
    const b = label(2, 'claims', [claim(11, 'condemn', 20), claim(12, 'condemn', 20)]);
    const row = compareAnnotations([a, b]).rows.find((r) => r.apart === 'speaker')!;
    const taken = mergeTaking([a, b], row, row.claims[1]!);
    expect(taken.claims.map((c) => c.speaker.actorId)).toEqual([12, 11]);
    // Taken from an annotator who is not in the merge, it is still there.
    expect(mergeTaking([a], row, row.claims[1]!).claims.map((c) => c.speaker.actorId)).toEqual([12, 11]);
  });

  it('marks nothing when everyone agrees', () => {
    const result = compareAnnotations([label(1, 'claims', [claim(10, 'condemn', 20)]), label(2, 'claims', [claim(10, 'condemn', 20)])]);
    expect(result.rows[0]!.differs).toEqual({ speaker: false, stance: false, target: false, negated: false, hypothetical: false });
  });

  it('marks a flag that only one annotator set, and nothing else', () => {
    const result = compareAnnotations([
      label(1, 'claims', [claim(10, 'condemn', 20)]),
      label(2, 'claims', [{ ...claim(10, 'condemn', 20), hypothetical: true }]),
    ]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.differs).toEqual({ speaker: false, stance: false, target: false, negated: false, hypothetical: true });
  });
});

describe('merging labels', () => {
  it('takes the union of claims, without duplicate frames', () => {
    const merged = mergeLabels([
      label(1, 'claims', [claim(10, 'condemn', 20), claim(11, 'condemn', 20)]),
      label(2, 'claims', [claim(10, 'condemn', 20), claim(10, 'support', 21)]),
    ]);
    expect(merged.status).toBe('claims');
    expect(merged.claims.map((c) => `${c.speaker.actorId}-${c.stance}-${c.target.actorId}`)).toEqual(['10-condemn-20', '11-condemn-20', '10-support-21']);
  });

  it('keeps claims that differ only in a flag apart: they say different things', () => {
    const merged = mergeLabels([label(1, 'claims', [claim(10, 'condemn', 20)]), label(2, 'claims', [{ ...claim(10, 'condemn', 20), negated: true }])]);
    expect(merged.claims.map((c) => c.negated)).toEqual([false, true]);
  });

  it('makes one claim of an actor-only ref and a span of the same actor, with both', () => {
    const picked = claim(10, 'condemn', 20);
    const marked = { ...claim(10, 'condemn', 20), speaker: { actorId: 10, span: { start: 0, end: 5 } } };
    const merged = mergeLabels([label(1, 'claims', [picked]), label(2, 'claims', [marked])]);
    expect(merged.claims).toHaveLength(1);
    expect(merged.claims[0]!.speaker).toEqual({ actorId: 10, span: { start: 0, end: 5 } });
  });

  it('gives "no claim" when nobody found one', () => {
    expect(mergeLabels([label(1, 'no_claim'), label(2, 'skipped')])).toEqual({ status: 'no_claim', claims: [] });
    expect(mergeLabels([label(1, 'skipped')]).status).toBe('skipped');
  });
});
