// A project's members as a paged list (issue 15): searched by a part of the username, filtered by
// role, sorted by username or role.
import type { Db } from '../db/connection.ts';
import { sql, values } from '../db/statements.ts';
import { cursorScope, keysetOf, pageFrom, type SortPart } from '../http/paging.ts';
import { likePart } from '../users/listing.ts';
import type { Member, MemberPage, MembersQuery } from '../../shared/schemas/members.ts';
import type { User } from '../../shared/schemas/users.ts';
import { may, projectFor } from '../policy.ts';

const SORTS: Record<MembersQuery['sort'], SortPart[]> = {
  username: [
    { sql: 'u.username', kind: 'string' },
    { sql: 'u.id', kind: 'integer' },
  ],
  role: [
    { sql: 'u.role', kind: 'string' },
    { sql: 'u.username', kind: 'string' },
    { sql: 'u.id', kind: 'integer' },
  ],
};

/** A page of the project's members. */
export function pageMembers(db: Db, projectId: number, query: MembersQuery): MemberPage {
  const where = ['m.project_id = ?'];
  const params: (string | number)[] = [projectId];
  if (query.role !== undefined) {
    where.push('u.role = ?');
    params.push(query.role);
  }
  if (query.q !== undefined) {
    where.push("lower(u.username) LIKE lower(?) ESCAPE '\\'");
    params.push(likePart(query.q));
  }
  const from = `FROM project_members m JOIN users u ON u.id = m.user_id WHERE ${where.join(' AND ')}`;
  const scope = cursorScope('members', query.sort, query.order);
  const page = keysetOf(SORTS[query.sort], query.order, query.cursor, scope);
  const rows = sql<(string | number)[], Member>(
    db,
    `SELECT u.id AS "userId", u.username, u.role ${from} AND ${page.where} ORDER BY ${page.orderBy} LIMIT ?`,
  ).all(...params, ...page.params, query.limit + 1);
  const total = values<(string | number)[], number>(db, `SELECT count(*) ${from}`).get(...params) ?? 0;
  const shown = pageFrom(rows, query.limit, scope, (row) => (query.sort === 'username' ? [row.username, row.userId] : [row.role, row.username, row.userId]));
  return { members: shown.rows, total, nextCursor: shown.nextCursor };
}

/** The members of a project (reviewers and admins), a page. */
export function getMemberPage(db: Db, user: User, projectId: number, query: MembersQuery): MemberPage {
  projectFor(db, user, projectId, may.listMembers);
  return pageMembers(db, projectId, query);
}
