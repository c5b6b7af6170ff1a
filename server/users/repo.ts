import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';
import type { Role, User } from '../../shared/schemas/users.ts';

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  disabled: number;
  session_epoch: number;
}

export interface UserWithHash extends User {
  passwordHash: string;
  /** Bumped by every password change, disable and enable; a session counts only while it holds the current one. */
  sessionEpoch: number;
}

function toUser(row: UserRow): UserWithHash {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    disabled: row.disabled === 1,
    passwordHash: row.password_hash,
    sessionEpoch: row.session_epoch,
  };
}

/** The API shape of a user: everything but the hash. */
export function publicUser({ id, username, role, disabled }: User): User {
  return { id, username, role, disabled };
}

export function findUserByName(db: Db, username: string): UserWithHash | undefined {
  const row = sql(db, 'SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return row && toUser(row);
}

export function findUserById(db: Db, id: number): UserWithHash | undefined {
  const row = sql(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row && toUser(row);
}

export function listUsers(db: Db): User[] {
  return (sql(db, 'SELECT * FROM users ORDER BY username').all() as UserRow[]).map((row) => publicUser(toUser(row)));
}

export function insertUser(db: Db, user: { username: string; passwordHash: string; role: Role }): User {
  const result = sql(db, 'INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)').run(
    user.username,
    user.passwordHash,
    user.role,
    now(),
  );
  return { id: Number(result.lastInsertRowid), username: user.username, role: user.role, disabled: false };
}

/** Writes the given fields of one user; the password hash only when it changes. */
export function updateUserRow(db: Db, id: number, change: { role: Role; disabled: boolean; passwordHash?: string }): void {
  sql(db, 'UPDATE users SET role = ?, disabled = ? WHERE id = ?').run(change.role, change.disabled ? 1 : 0, id);
  if (change.passwordHash !== undefined) sql(db, 'UPDATE users SET password_hash = ? WHERE id = ?').run(change.passwordHash, id);
}

/** Ends every session of the user opened before now (they stop counting at once); returns the new epoch. */
export function bumpSessionEpoch(db: Db, id: number): number {
  return (sql(db, 'UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ? RETURNING session_epoch').get(id) as { session_epoch: number })
    .session_epoch;
}

/** How many admins can still sign in: the last one must not be disabled or demoted. */
export function countActiveAdmins(db: Db): number {
  return (sql(db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
}
