// A saved claim becomes the input of the next save: one mapping for the workspace (an annotator's
// own label) and for review (annotators' claims taken into gold).
import type { Claim, ClaimInput } from './schemas/annotations.ts';

/**
 * A claim of a label as the input of that label's next save. Its id goes back, so the claim keeps
 * its identity across saves; ids of 0 or below are the client's own, for claims not saved yet.
 */
export function toClaimInput(claim: Claim): ClaimInput {
  return {
    ...(claim.id > 0 ? { id: claim.id } : {}),
    speaker: { actorId: claim.speaker.actorId, span: claim.speaker.span },
    stance: claim.stance,
    target: { actorId: claim.target.actorId, span: claim.target.span },
    cue: claim.cue,
    negated: claim.negated,
    hypothetical: claim.hypothetical,
    origin: claim.origin,
    originModel: claim.originModel,
    originScore: claim.originScore,
  };
}

/** A claim of one label copied into another (accepted or merged into gold): without its id, the other label gives it its own. */
export function toCopiedClaimInput(claim: Claim): ClaimInput {
  const { id: _own, ...input } = toClaimInput(claim);
  return input;
}
