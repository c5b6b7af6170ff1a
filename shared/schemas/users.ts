import { z } from 'zod';
import { Id } from './common.ts';

export const Role = z.enum(['admin', 'reviewer', 'annotator']);
export type Role = z.infer<typeof Role>;

export const USERNAME = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'may contain only letters, digits and . _ @ -');

/** At least 8 characters; the upper bound keeps scrypt's work per request bounded. */
export const PASSWORD = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');

/** A user as the API shows it; never carries the password hash. */
export const User = z.object({
  id: Id,
  username: z.string(),
  role: Role,
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;
