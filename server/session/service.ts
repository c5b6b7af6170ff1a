import { hash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { AppError, unauthenticated } from '../http/errors.ts';
import { DUMMY_HASH, verifyPassword } from '../users/passwords.ts';
import { bumpSessionEpoch, findUserByName, publicUser, type UserWithHash } from '../users/repo.ts';
import type { User } from '../../shared/schemas/users.ts';
import type { SignInBody } from '../../shared/schemas/session.ts';
import {
  deleteEndedSessions,
  deleteOtherSessionsOfUser,
  deleteSession,
  deleteSessionsOfUser,
  findSessionWithUser,
  insertSessionIfCurrent,
  setSessionEpoch,
  touchSession,
} from './repo.ts';
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

/** Why a sign-in failed, as the audit log records it (the caller only ever hears "wrong username or password"). */
type SignInFailure = 'unknown_user' | 'wrong_password' | 'disabled' | 'credentials_changed';

/** Credentials that checked out, and the session epoch they were checked under. */
export interface CheckedSignIn {
  user: UserWithHash;
  /** The user's session epoch read before the password was checked: the session opens only if it is still current. */
  epoch: number;
  username: string;
  address: string;
  attempt: number;
}

/**
 * Audits a failed sign-in: the name as typed (for an unknown account too), the client address and
 * why; never the password. Throttled attempts (429) are not recorded, so the log grows at most as
 * fast as the throttle lets guesses through.
 */
function recordFailedSignIn(db: Db, attempt: { username: string; address: string; userId: number | null; reason: SignInFailure }): void {
  transaction(db, () =>
    recordEvent(db, {
      userId: null,
      action: 'sign_in_failed',
      entity: 'user',
      entityId: attempt.userId,
      // The name is kept only when it is an account's: what someone typed for an unknown name is
      // often their password, typed into the wrong field, and admins read this log.
      after:
        attempt.userId === null
          ? { nameLength: attempt.username.length, address: attempt.address, reason: attempt.reason }
          : { username: attempt.username, address: attempt.address, reason: attempt.reason },
    }),
  );
}

const wrongCredentials = () => unauthenticated('Wrong username or password.');

/**
 * The first half of a sign-in: refused with 429 (before any password work) while the username or
 * the address has failed too often, else the password is checked. A failure is audited and is a 401.
 */
export async function checkCredentials(db: Db, body: SignInBody, guard: { throttle: SignInThrottle; address: string }): Promise<CheckedSignIn> {
  const username = body.username.trim();
  const { retryAfterSeconds: wait, attempt } = await guard.throttle.admit(username, guard.address);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError('too_many_requests', `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      retryAfterSeconds: wait,
    });
  }
  // The epoch is read here, before the password check awaits: a reset or disable that commits while the password
  // is being checked must win over this sign-in.
  const user = findUserByName(db, username);
  const valid = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
  // A right password for a disabled account stays a failure: it must not reveal which accounts exist.
  if (!user || !valid || user.disabled) {
    const reason: SignInFailure = !user ? 'unknown_user' : !valid ? 'wrong_password' : 'disabled';
    recordFailedSignIn(db, { username, address: guard.address, userId: user?.id ?? null, reason });
    throw wrongCredentials();
  }
  return { user, epoch: user.sessionEpoch, username, address: guard.address, attempt };
}

/**
 * The second half: opens the session, unless the account's password changed or it was disabled or
 * enabled since its credentials were checked (then it is a failed sign-in like any other).
 */
export function openSession(db: Db, checked: CheckedSignIn, limits: SessionLimits, throttle: SignInThrottle): { token: string; user: User } {
  const token = randomBytes(32).toString('base64url');
  const at = new Date();
  const opened = transaction(db, () => {
    const inserted = insertSessionIfCurrent(
      db,
      {
        token_hash: hashToken(token),
        user_id: checked.user.id,
        created_at: at.toISOString(),
        last_seen_at: at.toISOString(),
        expires_at: new Date(at.getTime() + limits.absoluteMs).toISOString(),
      },
      checked.epoch,
    );
    if (inserted) recordEvent(db, { userId: checked.user.id, action: 'sign_in', entity: 'user', entityId: checked.user.id });
    return inserted;
  });
  if (!opened) {
    recordFailedSignIn(db, { username: checked.username, address: checked.address, userId: checked.user.id, reason: 'credentials_changed' });
    throw wrongCredentials();
  }
  // The store's writes run at once (better-sqlite3 is synchronous); the promise only carries a failure.
  void throttle.recordSuccess(checked.username, checked.address, checked.attempt).catch((error: unknown) => console.error('sign-in throttle:', error));
  return { token, user: publicUser(checked.user) };
}

/** Checks the credentials and opens a session; the returned token goes into the cookie only. */
export async function signIn(
  db: Db,
  body: SignInBody,
  limits: SessionLimits,
  guard: { throttle: SignInThrottle; address: string },
): Promise<{ token: string; user: User }> {
  const checked = await checkCredentials(db, body, guard);
  return openSession(db, checked, limits, guard.throttle);
}

/** The user behind a session token, or undefined when the session is unknown, expired or its user disabled. */
export function resolveSession(db: Db, token: string, limits: SessionLimits): User | undefined {
  const tokenHash = hashToken(token);
  const session = findSessionWithUser(db, tokenHash);
  if (!session) return undefined;
  const nowMs = Date.now();
  const lastSeen = Date.parse(session.last_seen_at);
  // A session opened before a password change, disable or enable never counts again, even if a
  // delete was missed: re-enabling an account must not revive it.
  const ended = nowMs >= Date.parse(session.expires_at) || nowMs - lastSeen >= limits.idleMs;
  if (ended || session.current !== 1 || session.disabled === 1) {
    deleteSession(db, tokenHash);
    return undefined;
  }
  if (nowMs - lastSeen > TOUCH_INTERVAL_MS) touchSession(db, tokenHash, new Date(nowMs).toISOString());
  return { id: session.user_id, username: session.username, role: session.role, disabled: false };
}

/** Ends the session behind a token (sign-out), audited. */
export function signOut(db: Db, user: User, token: string): void {
  transaction(db, () => {
    // A second sign-out racing the first finds no session and records nothing.
    if (deleteSession(db, hashToken(token)) === undefined) return;
    recordEvent(db, { userId: user.id, action: 'sign_out', entity: 'user', entityId: user.id });
  });
}

/**
 * Ends a user's sessions (new password, disabled or enabled account): bumps the session epoch, so
 * every session opened before stops counting and a sign-in whose password check ran before cannot
 * open one, and deletes the rows. `keepToken` spares the caller's own session when they changed
 * their own password: they just proved who they are. Call inside the transaction of the change.
 */
export function endSessionsOfUser(db: Db, userId: number, keepToken?: string): void {
  const epoch = bumpSessionEpoch(db, userId);
  if (!keepToken) return deleteSessionsOfUser(db, userId);
  deleteOtherSessionsOfUser(db, userId, hashToken(keepToken));
  setSessionEpoch(db, userId, hashToken(keepToken), epoch);
}

/** How often the app deletes ended sessions (they are refused on use anyway; this keeps the table small). */
export const SESSION_PURGE_INTERVAL_MS = 3600_000;

/** Deletes every session past its absolute limit or unused for the idle limit; returns how many. */
export function purgeEndedSessions(db: Db, limits: SessionLimits, nowMs = Date.now()): number {
  return deleteEndedSessions(db, new Date(nowMs).toISOString(), new Date(nowMs - limits.idleMs).toISOString());
}
