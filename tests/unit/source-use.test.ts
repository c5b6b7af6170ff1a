// What annotators did with a source's suggestions (server/agreement/sources.ts): a saved claim from
// the source is unchanged when it says what a suggestion said, edited otherwise; suggestions no
// claim came from were ignored.
import { describe, expect, it } from 'vitest';
import { savedUnchanged, useOfLabel } from '../../server/agreement/sources.ts';
import type { Claim, ClaimInput } from '../../shared/schemas/annotations.ts';
import type { Suggestion } from '../../shared/schemas/suggestions.ts';

const suggestion = (speaker: number, stance: string, target: number, extra: Partial<ClaimInput> = {}): Suggestion => ({
  sentenceId: 1,
  source: 'rules',
  model: 'parley-rules/1',
  claim: {
    speaker: { actorId: speaker, span: { start: 0, end: 5 } },
    stance,
    target: { actorId: target, span: { start: 20, end: 26 } },
    cue: { start: 6, end: 16 },
    origin: 'suggestion:rules',
    originModel: 'parley-rules/1',
    ...extra,
  },
});
const saved = (from: Suggestion | null, change: Partial<Claim> = {}): Claim => ({
  id: 1,
  speaker: { actorId: from?.claim.speaker.actorId ?? 1, span: from?.claim.speaker.span ?? null },
  stance: from?.claim.stance ?? 'condemn',
  target: { actorId: from?.claim.target.actorId ?? 2, span: from?.claim.target.span ?? null },
  cue: from?.claim.cue ?? null,
  negated: !!from?.claim.negated,
  hypothetical: !!from?.claim.hypothetical,
  origin: from ? from.claim.origin! : 'manual',
  originModel: from ? from.model! : null,
  originScore: null,
  ...change,
});

describe('use of suggestions', () => {
  const a = suggestion(1, 'condemn', 2);
  const b = suggestion(3, 'condemn', 2);

  it('reads a saved claim as unchanged only when actors, stance, flags, spans and cue are the suggestion’s', () => {
    expect(savedUnchanged(saved(a), a.claim)).toBe(true);
    expect(savedUnchanged(saved(a, { stance: 'support' }), a.claim)).toBe(false);
    expect(savedUnchanged(saved(a, { negated: true }), a.claim)).toBe(false);
    expect(savedUnchanged(saved(a, { cue: { start: 6, end: 9 } }), a.claim)).toBe(false);
    // A side given only as a span, linked to its actor on saving: still unchanged.
    const spanOnly = suggestion(1, 'condemn', 2, { speaker: { span: { start: 0, end: 5 } } });
    expect(savedUnchanged(saved(a), spanOnly.claim)).toBe(true);
  });

  it('counts each suggestion once: unchanged, edited, ignored', () => {
    const label = (claims: Claim[]) => ({ sentenceId: 1, claims });
    expect(useOfLabel(label([saved(a)]), 'rules', 'parley-rules/1', [a, b])).toEqual({ unchanged: 1, edited: 0, ignored: 1 });
    expect(useOfLabel(label([saved(a), saved(a, { stance: 'support' })]), 'rules', 'parley-rules/1', [a, b])).toEqual({ unchanged: 1, edited: 1, ignored: 0 });
    // A manual claim, or one from another model, is none of this source's doing.
    expect(useOfLabel(label([saved(null)]), 'rules', 'parley-rules/1', [a, b])).toEqual({ unchanged: 0, edited: 0, ignored: 2 });
    expect(useOfLabel(label([saved(a, { originModel: 'parley-rules/0' })]), 'rules', 'parley-rules/1', [a])).toEqual({ unchanged: 0, edited: 0, ignored: 1 });
    // "No claim": every suggestion ignored.
    expect(useOfLabel(label([]), 'rules', 'parley-rules/1', [a, b])).toEqual({ unchanged: 0, edited: 0, ignored: 2 });
  });
});
