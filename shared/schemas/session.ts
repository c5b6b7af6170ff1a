import { z } from 'zod';
import { User } from './users.ts';

export const SignInBody = z.strictObject({
  username: z.string().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(200),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const SessionResponse = z.object({ user: User });
export type SessionResponse = z.infer<typeof SessionResponse>;
