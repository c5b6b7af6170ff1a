import { z } from 'zod';
import { Id, IdParam, QueryFlag } from './common.ts';
import { pageOf, pageQuery } from './paging.ts';

export const ActorKind = z.enum(['state', 'organization', 'person', 'group', 'issue']);
export type ActorKind = z.infer<typeof ActorKind>;

/** An annotator's (or reviewer's) new actor is `proposed` until an admin accepts it; it is usable in claims at once. */
export const ActorStatus = z.enum(['accepted', 'proposed']);
export type ActorStatus = z.infer<typeof ActorStatus>;

export const Actor = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  kind: ActorKind,
  code: z.string().nullable(),
  aliases: z.array(z.string()),
  parentId: Id.nullable(),
  status: ActorStatus,
  /**
   * How many claims (any annotator's, and gold ones) name this actor as speaker or target. Sent to reviewers and
   * admins in the project's list with `?counts=1` only: annotators label blind, so they never see others' usage.
   */
  claimCount: z.number().int().nonnegative().optional(),
});
export type Actor = z.infer<typeof Actor>;

export const ActorList = pageOf('actors', Actor);
export type ActorList = z.infer<typeof ActorList>;

/** Sorts of the registry: `name`, `kind` (then name), `usage` (claimCount; reviewers and admins only, as counts are). */
export const ACTOR_SORTS = ['name', 'kind', 'usage'] as const;

/**
 * `GET …/actors`: `q` matches a prefix of the name, of an alias or of the code (ignoring case);
 * `kind` and `status` filter. `?counts=1` adds `claimCount` to each actor for reviewers and admins
 * (the registry page); the workspace does without.
 */
export const ActorListQuery = pageQuery(ACTOR_SORTS).extend({
  counts: QueryFlag.prefault('0'),
  kind: ActorKind.optional(),
  status: ActorStatus.optional(),
});
export type ActorListQuery = z.infer<typeof ActorListQuery>;

export const ACTOR_NAME_MAX = 200;
export const ACTOR_CODE_MAX = 32;
export const ALIASES_MAX = 100;

const ActorName = z.string().trim().min(1, 'must not be empty').max(ACTOR_NAME_MAX);
const Aliases = z.array(z.string().trim().min(1, 'aliases must not be empty').max(ACTOR_NAME_MAX)).max(ALIASES_MAX, `at most ${ALIASES_MAX} aliases`);
const Code = z.string().trim().min(1, 'must not be empty (send null for no code)').max(ACTOR_CODE_MAX);

/** Create an actor. Any project member may; a non-admin's actor is stored as `proposed` whatever they send. */
export const CreateActorBody = z.strictObject({
  name: ActorName,
  kind: ActorKind,
  code: Code.nullable().optional(),
  aliases: Aliases.optional(),
  parentId: Id.nullable().optional(),
});
export type CreateActorBody = z.infer<typeof CreateActorBody>;

/** Edit an actor (admins): any subset of its fields; `status: "accepted"` accepts a proposed actor. */
export const UpdateActorBody = CreateActorBody.partial()
  .extend({ status: ActorStatus.optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'nothing to change: send at least one field' });
export type UpdateActorBody = z.infer<typeof UpdateActorBody>;

/** Merge this actor into another actor of the same project (admins). */
export const MergeActorBody = z.strictObject({
  /** The actor that remains: it receives the claims, children, name and aliases of the merged one. */
  intoId: Id,
});
export type MergeActorBody = z.infer<typeof MergeActorBody>;

/** The outcome of a merge: the remaining actor and how many claims (annotators' and gold) now name it instead. */
export const MergeActorResult = z.object({
  actor: Actor,
  mergedId: Id,
  movedClaims: z.number().int().nonnegative(),
  reparented: z.number().int().nonnegative(),
});
export type MergeActorResult = z.infer<typeof MergeActorResult>;

export const ActorParams = z.object({ actorId: IdParam });
