import { z } from 'zod';
import { User } from './users.ts';
import { PASSWORD_MAX, USERNAME_MAX } from '../limits.ts';

export const SignInBody = z.strictObject({
  username: z.string().min(1, 'is required').max(USERNAME_MAX),
  password: z.string().min(1, 'is required').max(PASSWORD_MAX),
});
export type SignInBody = z.infer<typeof SignInBody>;

/** Limits of this server that the client checks before it sends a request, instead of guessing them. */
export const RequestLimits = z.object({
  /** The largest file import request (`POST /api/projects/:projectId/imports`) in bytes: PARLEY_UPLOAD_MB. */
  uploadBytes: z.number().int().positive(),
});
export type RequestLimits = z.infer<typeof RequestLimits>;

/** PARLEY_UPLOAD_MB in bytes, as the server's body parser counts them. */
export const uploadBytesOf = (megabytes: number): number => Math.floor(megabytes * 1024 * 1024);

export const SessionResponse = z.object({ user: User, limits: RequestLimits });
export type SessionResponse = z.infer<typeof SessionResponse>;
