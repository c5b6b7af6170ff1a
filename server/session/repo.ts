import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';
import type { Role } from '../../shared/schemas/users.ts';

export interface SessionRow {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export function insertSession(db: Db, row: SessionRow): void {
  sql(db, 'INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    row.token_hash,
    row.user_id,
    row.created_at,
    row.last_seen_at,
    row.expires_at,
  );
}

export function touchSession(db: Db, tokenHash: string, at: string): void {
  sql(db, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
}

export function deleteSession(db: Db, tokenHash: string): void {
  sql(db, 'DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

export function deleteSessionsOfUser(db: Db, userId: number): void {
  sql(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId);
}

/** Ends every session of a user but one (a user who changes their own password stays signed in here). */
export function deleteOtherSessionsOfUser(db: Db, userId: number, keepTokenHash: string): void {
  sql(db, 'DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?').run(userId, keepTokenHash);
}

/** A session with its user's account, in one lookup (every request makes it). */
export interface SessionWithUser {
  last_seen_at: string;
  expires_at: string;
  user_id: number;
  username: string;
  role: Role;
  disabled: number;
}

export function findSessionWithUser(db: Db, tokenHash: string): SessionWithUser | undefined {
  return sql(
    db,
    `SELECT s.last_seen_at, s.expires_at, u.id AS user_id, u.username, u.role, u.disabled
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
  ).get(tokenHash) as SessionWithUser | undefined;
}
