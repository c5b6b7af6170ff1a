import { z } from 'zod';
import { Id, IdParam } from './common.ts';
import { Role } from './users.ts';

export const Member = z.object({ userId: Id, username: z.string(), role: Role });
export type Member = z.infer<typeof Member>;

export const MemberList = z.object({ members: z.array(Member) });

export const AddMemberBody = z.strictObject({ userId: Id });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

export const MemberParams = z.object({ projectId: IdParam, userId: IdParam });
