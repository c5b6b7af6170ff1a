import type { Db } from '../db/connection.ts';
import type { Flag, UserRow } from '../db/schema.ts';
import { now, sql, values } from '../db/statements.ts';
import type { Role, User } from '../../shared/schemas/users.ts';

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
  const row = sql<[string], UserRow>(db, 'SELECT * FROM users WHERE username = ?').get(username);
  return row && toUser(row);
}

export function findUserById(db: Db, id: number): UserWithHash | undefined {
  const row = sql<[number], UserRow>(db, 'SELECT * FROM users WHERE id = ?').get(id);
  return row && toUser(row);
}

export function listUsers(db: Db): User[] {
  return sql<[], UserRow>(db, 'SELECT * FROM users ORDER BY username')
    .all()
    .map((row) => publicUser(toUser(row)));
}

export function insertUser(db: Db, user: { username: string; passwordHash: string; role: Role }): User {
  const id = values<[string, string, Role, string], number>(
    db,
    'INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING id',
  ).get(user.username, user.passwordHash, user.role, now());
  // An INSERT … RETURNING returns its row or throws.
  if (id === undefined) throw new Error('INSERT INTO users returned no row.');
  return { id, username: user.username, role: user.role, disabled: false };
}

/**
 * Writes the given fields of one user; the password hash only when it changes. The last active
 * admin keeps the role, in the UPDATE itself: a change that would take it from the only one left
 * writes nothing and returns false, even where two admins demote each other at the same moment.
 */
export function updateUserRow(db: Db, id: number, change: { role: Role; disabled: boolean; passwordHash?: string }): boolean {
  const disabled = change.disabled ? 1 : 0;
  const { changes } = sql<[Role, Flag, number, Role, Flag]>(
    db,
    `UPDATE users SET role = ?, disabled = ? WHERE id = ?
       AND NOT (role = 'admin' AND disabled = 0 AND NOT (CAST(? AS TEXT) = 'admin' AND CAST(? AS INTEGER) = 0)
         AND NOT EXISTS (SELECT 1 FROM users other WHERE other.role = 'admin' AND other.disabled = 0 AND other.id <> users.id))`,
  ).run(change.role, disabled, id, change.role, disabled);
  if (changes === 0) return false;
  if (change.passwordHash !== undefined) sql(db, 'UPDATE users SET password_hash = ? WHERE id = ?').run(change.passwordHash, id);
  return true;
}

/** Ends every session of the user opened before now (they stop counting at once); returns the new epoch. */
export function bumpSessionEpoch(db: Db, id: number): number {
  const epoch = values<[number], number>(db, 'UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ? RETURNING session_epoch').get(id);
  if (epoch === undefined) throw new Error(`User ${id} does not exist: no session epoch to bump.`);
  return epoch;
}

/** How many admins can still sign in: the last one must not be disabled or demoted. */
export function countActiveAdmins(db: Db): number {
  return values<[], number>(db, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").get() ?? 0;
}
