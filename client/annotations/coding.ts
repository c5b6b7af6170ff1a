import type { Actor } from '../../shared/schemas/actors.ts';

/**
 * The actor a claim records when the user picks `actor`: an official (a person with a parent in the
 * registry, e.g. Xi Jinping → China) is coded as their state, as the suggestions code them; anyone
 * else as themselves. The person stays in the claim as its span (see useClaimDraft).
 */
export function codedActor(actor: Actor, byId: ReadonlyMap<number, Actor>): Actor {
  if (actor.kind !== 'person' || actor.parentId == null) return actor;
  return byId.get(actor.parentId) ?? actor;
}
