// The admins' list of accounts as a paged list (issue 15): searched by a part of the username,
// filtered by role and disabled, sorted by username, role or last sign-in.
import type { Db } from '../db/connection.ts';
import type { Role } from '../../shared/schemas/users.ts';
import { sql, values } from '../db/statements.ts';
import { cursorScope, keysetOf, pageFrom, type SortPart } from '../http/paging.ts';
import type { UserList, UsersQuery } from '../../shared/schemas/users.ts';

/**
 * When the user last signed in: the newest of their sessions (each sign-in opens one). Sessions
 * are deleted when they end, so an account without a live session shows null.
 */
const LAST_SIGN_IN = '(SELECT max(s.created_at) FROM sessions s WHERE s.user_id = u.id)';

const SORTS: Record<UsersQuery['sort'], SortPart[]> = {
  username: [
    { sql: 'u.username', kind: 'string' },
    { sql: 'u.id', kind: 'integer' },
  ],
  role: [
    { sql: 'u.role', kind: 'string' },
    { sql: 'u.username', kind: 'string' },
    { sql: 'u.id', kind: 'integer' },
  ],
  lastSignIn: [
    { sql: `coalesce(${LAST_SIGN_IN}, '')`, kind: 'string' },
    { sql: 'u.id', kind: 'integer' },
  ],
};

/** `lower(col) LIKE lower(?)` text for a part of a value: the user's % and _ are literal. */
export const likePart = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A page of the accounts. */
export function pageUsers(db: Db, query: UsersQuery): UserList {
  const where = ['1 = 1'];
  const params: (string | number)[] = [];
  if (query.role !== undefined) {
    where.push('u.role = ?');
    params.push(query.role);
  }
  if (query.disabled !== undefined) {
    where.push('u.disabled = ?');
    params.push(query.disabled ? 1 : 0);
  }
  if (query.q !== undefined) {
    where.push("lower(u.username) LIKE lower(?) ESCAPE '\\'");
    params.push(likePart(query.q));
  }
  const scope = cursorScope('users', query.sort, query.order);
  const page = keysetOf(SORTS[query.sort], query.order, query.cursor, scope);
  const rows = sql<(string | number)[], { id: number; username: string; role: Role; disabled: number; lastSignInAt: string | null }>(
    db,
    `SELECT u.id, u.username, u.role, u.disabled, ${LAST_SIGN_IN} AS "lastSignInAt" FROM users u
     WHERE ${where.join(' AND ')} AND ${page.where} ORDER BY ${page.orderBy} LIMIT ?`,
  ).all(...params, ...page.params, query.limit + 1);
  const total = values<(string | number)[], number>(db, `SELECT count(*) FROM users u WHERE ${where.join(' AND ')}`).get(...params) ?? 0;
  const shown = pageFrom(rows, query.limit, scope, (row) =>
    query.sort === 'username' ? [row.username, row.id] : query.sort === 'role' ? [row.role, row.username, row.id] : [row.lastSignInAt ?? '', row.id],
  );
  return {
    users: shown.rows.map((row) => ({ id: row.id, username: row.username, role: row.role, disabled: row.disabled === 1, lastSignInAt: row.lastSignInAt })),
    total,
    nextCursor: shown.nextCursor,
  };
}
