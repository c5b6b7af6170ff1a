import { hash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { AppError, unauthenticated } from '../http/errors.ts';
import { DUMMY_HASH, verifyPassword } from '../users/passwords.ts';
import { findUserByName, publicUser } from '../users/repo.ts';
import type { User } from '../../shared/schemas/users.ts';
import type { SignInBody } from '../../shared/schemas/session.ts';
import { deleteOtherSessionsOfUser, deleteSession, deleteSessionsOfUser, findSessionWithUser, insertSession, touchSession } from './repo.ts';
import { recordEvent } from '../events/repo.ts';
import type { SignInThrottle } from './throttle.ts';
import { transaction } from '../db/transaction.ts';

/** How long a session lives without use, and at most. */
export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 12 * 3600_000, absoluteMs: 14 * 24 * 3600_000 };

// Touching last_seen_at on every request would turn every read into a write; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

// Every request hashes its session token: the one-shot hash() skips building a Hash object.
const hashToken = (token: string) => hash('sha256', token, 'hex');

/**
 * Checks the credentials and opens a session; the returned token goes into the cookie only.
 * Refused with 429 (before any password work) while the username or the address has failed too often.
 */
export async function signIn(
  db: Db,
  body: SignInBody,
  limits: SessionLimits,
  guard: { throttle: SignInThrottle; address: string },
): Promise<{ token: string; user: User }> {
  const username = body.username.trim();
  const wait = guard.throttle.retryAfterSeconds(username, guard.address);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError(
      'too_many_requests',
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retryAfterSeconds: wait },
    );
  }
  const attempt = guard.throttle.recordAttempt(username, guard.address);
  const user = findUserByName(db, username);
  const valid = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
  // A right password for a disabled account stays a failure: it must not reveal which accounts exist.
  if (!user || !valid || user.disabled) throw unauthenticated('Wrong username or password.');
  guard.throttle.recordSuccess(username, guard.address, attempt);
  const token = randomBytes(32).toString('base64url');
  const at = new Date();
  transaction(db, () => {
    insertSession(db, {
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: at.toISOString(),
      last_seen_at: at.toISOString(),
      expires_at: new Date(at.getTime() + limits.absoluteMs).toISOString(),
    });
    recordEvent(db, { userId: user.id, action: 'sign_in', entity: 'user', entityId: user.id });
  });
  return { token, user: publicUser(user) };
}

/** The user behind a session token, or undefined when the session is unknown, expired or its user disabled. */
export function resolveSession(db: Db, token: string, limits: SessionLimits): User | undefined {
  const tokenHash = hashToken(token);
  const session = findSessionWithUser(db, tokenHash);
  if (!session) return undefined;
  const nowMs = Date.now();
  const lastSeen = Date.parse(session.last_seen_at);
  if (nowMs >= Date.parse(session.expires_at) || nowMs - lastSeen >= limits.idleMs) {
    deleteSession(db, tokenHash);
    return undefined;
  }
  if (session.disabled === 1) return undefined;
  if (nowMs - lastSeen > TOUCH_INTERVAL_MS) touchSession(db, tokenHash, new Date(nowMs).toISOString());
  return { id: session.user_id, username: session.username, role: session.role, disabled: false };
}

/** Ends the session behind a token (sign-out). */
export function signOut(db: Db, token: string): void {
  deleteSession(db, hashToken(token));
}

/**
 * Ends a user's sessions (disabled account, new password). `keepToken` spares the caller's own
 * session when they changed their own password: they just proved who they are.
 */
export function endSessionsOfUser(db: Db, userId: number, keepToken?: string): void {
  if (keepToken) deleteOtherSessionsOfUser(db, userId, hashToken(keepToken));
  else deleteSessionsOfUser(db, userId);
}
