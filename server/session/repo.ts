import type { Db } from '../db/connection.ts';
import { sql, values } from '../db/statements.ts';
import type { Role } from '../../shared/schemas/users.ts';

export interface NewSession {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/**
 * Opens a session only while the user's session epoch is still `epoch` (the one read before the
 * password was checked) and the account is enabled, in one statement: a password reset, disable or
 * enable that committed since then makes it insert nothing. Returns whether the session was opened.
 */
export function insertSessionIfCurrent(db: Db, row: NewSession, epoch: number): boolean {
  const result = sql(
    db,
    `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, epoch)
     SELECT CAST(? AS TEXT), id, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), session_epoch FROM users
     WHERE id = ? AND session_epoch = ? AND disabled = 0`,
  ).run(row.token_hash, row.created_at, row.last_seen_at, row.expires_at, row.user_id, epoch);
  return result.changes === 1;
}

export function touchSession(db: Db, tokenHash: string, at: string): void {
  sql(db, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
}

/** Deletes one session; returns its user's id, or undefined when there was none. */
export function deleteSession(db: Db, tokenHash: string): number | undefined {
  return values<[string], number>(db, 'DELETE FROM sessions WHERE token_hash = ? RETURNING user_id').get(tokenHash);
}

export function deleteSessionsOfUser(db: Db, userId: number): void {
  sql(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId);
}

/** Ends every session of a user but one (a user who changes their own password stays signed in here). */
export function deleteOtherSessionsOfUser(db: Db, userId: number, keepTokenHash: string): void {
  sql(db, 'DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?').run(userId, keepTokenHash);
}

/** Moves one session of a user to the given epoch (the session a user changed their own password from). */
export function setSessionEpoch(db: Db, userId: number, tokenHash: string, epoch: number): void {
  sql(db, 'UPDATE sessions SET epoch = ? WHERE user_id = ? AND token_hash = ?').run(epoch, userId, tokenHash);
}

/** Deletes sessions past their absolute limit or unused since `idleBefore`; returns how many. */
export function deleteEndedSessions(db: Db, nowIso: string, idleBefore: string): number {
  return sql(db, 'DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(nowIso, idleBefore).changes;
}

/** A session with its user's account, in one lookup (every request makes it). */
export interface SessionWithUser {
  last_seen_at: string;
  expires_at: string;
  /** The session's epoch equals its user's: no password change, disable or enable since it was opened. */
  current: number;
  user_id: number;
  username: string;
  role: Role;
  disabled: number;
}

export function findSessionWithUser(db: Db, tokenHash: string): SessionWithUser | undefined {
  return sql<[string], SessionWithUser>(
    db,
    `SELECT s.last_seen_at, s.expires_at, s.epoch = u.session_epoch AS current, u.id AS user_id, u.username, u.role, u.disabled
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
  ).get(tokenHash);
}

/** Every stored session's user and token hash, by user. No route lists sessions; checks of what is stored read them here. */
export function listSessions(db: Db): { userId: number; tokenHash: string }[] {
  return sql<[], { user_id: number; token_hash: string }>(db, 'SELECT user_id, token_hash FROM sessions ORDER BY user_id, token_hash')
    .all()
    .map((row) => ({ userId: row.user_id, tokenHash: row.token_hash }));
}

/** The sign-in throttle's live counts (`username:…` and `address:…` keys, migration 0008), by key. */
export function listSignInCounts(db: Db): { key: string; points: number }[] {
  return sql<[], { key: string; points: number }>(db, 'SELECT key, points FROM sign_in_throttle ORDER BY key').all();
}
