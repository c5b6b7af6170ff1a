import { z } from 'zod';
import { Id, IdParam } from './common.ts';
import { Role } from './users.ts';
import { pageOf, pageQuery } from './paging.ts';

export const Member = z.object({ userId: Id, username: z.string(), role: Role });
export type Member = z.infer<typeof Member>;

/** Every member: what adding or removing one answers (a project has tens of members, not thousands). */
export const MemberList = z.object({ members: z.array(Member) });

/** Sorts of the members: `username`, `role` (then username). */
export const MEMBER_SORTS = ['username', 'role'] as const;

/** `GET …/members`: `q` is a part of the username (ignoring case); `role` filters. */
export const MembersQuery = pageQuery(MEMBER_SORTS).extend({ role: Role.optional() });
export type MembersQuery = z.infer<typeof MembersQuery>;

export const MemberPage = pageOf('members', Member);
export type MemberPage = z.infer<typeof MemberPage>;

export const AddMemberBody = z.strictObject({ userId: Id });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

export const MemberParams = z.object({ projectId: IdParam, userId: IdParam });
