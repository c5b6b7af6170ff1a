import { describe, expect, it } from 'vitest';
import { toClaimInput, toCopiedClaimInput } from '../../shared/claimInput.ts';
import { ClaimInput, type Claim } from '../../shared/schemas/annotations.ts';

const claim: Claim = {
  id: 7,
  speaker: { actorId: 1, span: { start: 0, end: 5 } },
  stance: 'condemn',
  target: { actorId: null, span: { start: 10, end: 16 } },
  cue: null,
  negated: true,
  hypothetical: false,
  origin: 'suggestion:cue',
};

describe('a saved claim as the input of the next save', () => {
  it('keeps its id for the same label, and the API accepts it as it is', () => {
    const input = toClaimInput(claim);
    expect(input).toEqual({ ...claim });
    expect(ClaimInput.parse(input)).toEqual(input);
  });

  it('leaves out a client-side id of a claim not saved yet', () => {
    expect(toClaimInput({ ...claim, id: -3 })).not.toHaveProperty('id');
  });

  it('copied into another label (gold), it has no id', () => {
    const { id: _id, ...rest } = claim;
    expect(toCopiedClaimInput(claim)).toEqual(rest);
  });
});
