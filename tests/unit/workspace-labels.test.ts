import { describe, expect, it } from 'vitest';
import { nextUnlabelled, progressOf } from '../../client/annotations/progress.ts';
import { claimOf, EMPTY_DRAFT, untakenSuggestions, type SuggestedClaim } from '../../client/annotations/claims.ts';
import type { Annotation, Claim } from '../../shared/schemas/annotations.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

const sentence = (id: number, boilerplate = false): Sentence => ({
  id,
  index: id - 1,
  paragraph: 0,
  start: (id - 1) * 10,
  end: id * 10,
  text: 'x'.repeat(10),
  boilerplate,
});
const labelled = (...ids: number[]) =>
  new Map<number, Annotation>(
    ids.map((id) => [id, { sentenceId: id, annotatorId: 1, status: 'no_claim', claims: [], note: null, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' }]),
  );

describe('workspace progress', () => {
  const sentences = [sentence(1), sentence(2, true), sentence(3), sentence(4)];

  it('counts labelled sentences of those that need a label; boilerplate needs none', () => {
    expect(progressOf(sentences, labelled(1))).toEqual({ labelled: 1, total: 3, complete: false });
    expect(progressOf(sentences, labelled(1, 3, 4))).toEqual({ labelled: 3, total: 3, complete: true });
  });

  it('is never complete for a document of boilerplate only', () => {
    expect(progressOf([sentence(1, true)], labelled())).toEqual({ labelled: 0, total: 0, complete: false });
  });

  it('finds the next unlabelled sentence after the current one, wrapping around and skipping boilerplate', () => {
    expect(nextUnlabelled(sentences, 0, labelled(1))).toBe(2);
    expect(nextUnlabelled(sentences, 3, labelled(3))).toBe(0);
    expect(nextUnlabelled(sentences, 0, labelled(1, 3, 4))).toBe(-1);
  });
});

describe('claim drafts', () => {
  const china = { actorId: 1, span: null };
  const israel = { actorId: 4, span: null };

  it('becomes a claim with a new local id only once speaker, stance and target are set', () => {
    expect(claimOf({ ...EMPTY_DRAFT, speaker: china, stance: 'condemn' })).toBeNull();
    const first = claimOf({ ...EMPTY_DRAFT, speaker: china, stance: 'condemn', target: israel });
    const second = claimOf({ ...EMPTY_DRAFT, speaker: china, stance: 'support', target: israel });
    expect(first).toMatchObject({ speaker: china, stance: 'condemn', target: israel, origin: 'manual', negated: false });
    expect(first!.id).toBeLessThanOrEqual(0);
    expect(second!.id).toBeLessThan(first!.id);
  });

  it('no longer offers a suggestion whose speaker, stance and target, or whose cue and speaker, a claim already has', () => {
    const claim = (over: Partial<Claim>): Claim => ({
      id: 1,
      speaker: china,
      stance: 'condemn',
      target: israel,
      cue: null,
      negated: false,
      hypothetical: false,
      origin: 'manual',
      ...over,
    });
    const suggestion: SuggestedClaim = {
      speaker: { actorId: 1, span: { start: 0, end: 5 } },
      stance: 'condemn',
      target: { actorId: 4, span: { start: 30, end: 36 } },
      cue: { start: 10, end: 20 },
      negated: false,
      hypothetical: false,
      source: 'rules',
      model: 'parley-rules/1',
      score: null,
      reason: null,
    };
    expect(untakenSuggestions([suggestion], [])).toEqual([suggestion]);
    expect(untakenSuggestions([suggestion], [claim({})])).toEqual([]);
    // Taken and then edited: the same cue and speaker.
    expect(untakenSuggestions([suggestion], [claim({ stance: 'support', cue: { start: 15, end: 25 } })])).toEqual([]);
    expect(untakenSuggestions([suggestion], [claim({ stance: 'support', cue: { start: 20, end: 25 } })])).toEqual([suggestion]);
    // "Xi and Putin criticized…": a claim of the other speaker on the same cue leaves this one offered.
    expect(untakenSuggestions([suggestion], [claim({ speaker: { actorId: 2, span: null }, cue: { start: 10, end: 20 } })])).toEqual([suggestion]);
  });
});
