import { z } from 'zod';
import { Id, IdParam, QueryFlag } from './common.ts';
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX } from '../limits.ts';
import { pageOf, pageQuery } from './paging.ts';

export const Role = z.enum(['admin', 'reviewer', 'annotator']);
export type Role = z.infer<typeof Role>;

export const USERNAME = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(USERNAME_MAX, `must be at most ${USERNAME_MAX} characters`)
  .regex(/^[A-Za-z0-9._@-]+$/, 'may contain only letters, digits and . _ @ -');

/** At least PASSWORD_MIN characters; the upper bound keeps scrypt's work per request bounded. */
export const PASSWORD = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

/** A user as the API shows it; never carries the password hash. */
export const User = z.object({
  id: Id,
  username: z.string(),
  role: Role,
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

/** A user in the admins' list: with when they last signed in (null: never, or before Parley kept it). */
export const ListedUser = User.extend({ lastSignInAt: z.string().nullable() });
export type ListedUser = z.infer<typeof ListedUser>;

/** Sorts of the users: `username`, `role` (then username), `lastSignIn` (never signed in first). */
export const USER_SORTS = ['username', 'role', 'lastSignIn'] as const;

/** `GET /users`: `q` is a part of the username (ignoring case); `role` and `disabled` filter. */
export const UsersQuery = pageQuery(USER_SORTS).extend({
  role: Role.optional(),
  disabled: QueryFlag.optional(),
});
export type UsersQuery = z.infer<typeof UsersQuery>;

export const UserList = pageOf('users', ListedUser);
export type UserList = z.infer<typeof UserList>;

/** An admin creates an account; the username is unique regardless of case. */
export const CreateUserBody = z.strictObject({
  username: USERNAME,
  password: PASSWORD,
  role: Role,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** An admin changes a role, resets a password or disables/enables an account; at least one field. */
export const UpdateUserBody = z
  .strictObject({
    role: Role.optional(),
    password: PASSWORD.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => body.role !== undefined || body.password !== undefined || body.disabled !== undefined, {
    message: 'nothing to change: send at least one of role, password and disabled',
  });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserParams = z.object({ userId: IdParam });
