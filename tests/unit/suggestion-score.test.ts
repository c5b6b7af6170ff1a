// The one scoring rule of suggestion sources (shared/suggestionScore.ts), used by the suggestion
// bench, the suggester's learning and the Agreement page: speaker, stance and target all right,
// people counted as their state, each sentence's claims as sets.
import { describe, expect, it } from 'vitest';
import { countAsState, emptyTally, precisionRecallF1, tallySentence, type ScoredClaim } from '../../shared/suggestionScore.ts';

const CHINA = 1;
const ISRAEL = 2;
const XI = 3;
const RUSSIA = 4;
const countAs = countAsState([
  { id: CHINA, kind: 'state', parentId: null },
  { id: ISRAEL, kind: 'state', parentId: null },
  { id: XI, kind: 'person', parentId: CHINA },
  { id: RUSSIA, kind: 'state', parentId: null },
]);
const claim = (speaker: number, stance: string, target: number, flags: Partial<ScoredClaim> = {}): ScoredClaim => ({
  speaker: { actorId: speaker, span: null },
  stance,
  target: { actorId: target, span: null },
  ...flags,
});

describe('scoring suggestions against gold', () => {
  it('counts a suggestion right only when speaker, stance and target are gold’s, a person as their state', () => {
    const tally = tallySentence(
      [claim(CHINA, 'condemn', ISRAEL), claim(RUSSIA, 'condemn', ISRAEL)],
      [claim(XI, 'condemn', ISRAEL), claim(RUSSIA, 'support', ISRAEL), claim(CHINA, 'condemn', RUSSIA)],
      countAs,
      emptyTally(),
    );
    expect(tally).toEqual({ tp: 1, fp: 2, fn: 1 });
    expect(precisionRecallF1(tally)).toEqual({ precision: 1 / 3, recall: 1 / 2, f1: 0.4 });
  });

  it('reads claims as sets, ignores flags unless asked, and makes every suggestion on a "no claim" sentence wrong', () => {
    const gold = [claim(CHINA, 'condemn', ISRAEL, { negated: true })];
    const suggested = [claim(CHINA, 'condemn', ISRAEL), claim(XI, 'condemn', ISRAEL)];
    expect(tallySentence(gold, suggested, countAs, emptyTally())).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(tallySentence(gold, suggested, countAs, emptyTally(), true)).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(tallySentence([], suggested, countAs, emptyTally())).toEqual({ tp: 0, fp: 1, fn: 0 });
  });

  it('has no precision without suggestions and no recall without gold claims', () => {
    expect(precisionRecallF1({ tp: 0, fp: 0, fn: 3 })).toEqual({ precision: null, recall: 0, f1: null });
    expect(precisionRecallF1({ tp: 0, fp: 2, fn: 0 })).toEqual({ precision: 0, recall: null, f1: null });
  });

  it('compares a side without an actor by its span', () => {
    const spanSide = (start: number): ScoredClaim => ({
      speaker: { actorId: null, span: { start, end: start + 5 } },
      stance: 'support',
      target: { actorId: ISRAEL, span: null },
    });
    expect(tallySentence([spanSide(0)], [spanSide(0), spanSide(10)], countAs, emptyTally())).toEqual({ tp: 1, fp: 1, fn: 0 });
  });
});
