import { z } from 'zod';
import { Id, IdParam } from './common.ts';

export const ActorKind = z.enum(['state', 'organization', 'person', 'group', 'issue']);
export type ActorKind = z.infer<typeof ActorKind>;

export const ActorStatus = z.enum(['accepted', 'proposed']);

export const Actor = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  kind: ActorKind,
  code: z.string().nullable(),
  aliases: z.array(z.string()),
  parentId: Id.nullable(),
  status: ActorStatus,
});
export type Actor = z.infer<typeof Actor>;

export const ActorList = z.object({ actors: z.array(Actor) });

const ActorName = z.string().trim().min(1, 'must not be empty').max(200);
const Aliases = z
  .array(z.string().trim().min(1, 'aliases must not be empty').max(200))
  .max(100, 'at most 100 aliases');

export const CreateActorBody = z.strictObject({
  name: ActorName,
  kind: ActorKind,
  code: z.string().trim().min(1).max(32).nullable().optional(),
  aliases: Aliases.optional(),
  parentId: Id.nullable().optional(),
});
export type CreateActorBody = z.infer<typeof CreateActorBody>;

export const UpdateActorBody = CreateActorBody.partial().extend({ status: ActorStatus.optional() });
export type UpdateActorBody = z.infer<typeof UpdateActorBody>;

export const ActorParams = z.object({ actorId: IdParam });
