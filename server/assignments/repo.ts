import type { Db } from '../db/connection.ts';
import { deferred, now, sql, values } from '../db/statements.ts';
import { cursorScope, keysetOf, orderByOf, pageFrom, type CursorValue, type SortPart } from '../http/paging.ts';
import { likePrefix } from '../review/state.ts';
import type { Assignment, AssignmentList, AssignmentsQuery } from '../../shared/schemas/assignments.ts';
import type { Project } from '../../shared/schemas/projects.ts';

/** Records that a user holds a document (idempotent); `assignedBy` null means they took it themselves. */
export function insertAssignment(db: Db, row: { projectId: number; documentId: number; userId: number; assignedBy: number | null }): boolean {
  const result = sql(
    db,
    `INSERT INTO assignments (document_id, user_id, project_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_id, user_id) DO NOTHING`,
  ).run(row.documentId, row.userId, row.projectId, now(), row.assignedBy);
  return result.changes > 0;
}

/**
 * Takes a document for a user only while fewer than `overlap` annotators hold or have labelled it,
 * counted by the insert itself: two writers that both read k-1 cannot put k+1 annotators on it.
 * False when the document is full (or the user already holds it): try the next candidate.
 */
export function insertAssignmentBelowOverlap(db: Db, row: { projectId: number; documentId: number; userId: number }, overlap: number): boolean {
  const result = sql<[number, number, number, string, number, number, number], never>(
    db,
    `INSERT INTO assignments (document_id, user_id, project_id, assigned_at, assigned_by)
     SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT), NULL
     WHERE (SELECT count(*) FROM (
        SELECT a.user_id FROM assignments a WHERE a.document_id = ?
        UNION
        SELECT an.annotator_id FROM annotations an JOIN sentences s ON s.id = an.sentence_id WHERE s.document_id = ?
     ) AS holders) < ?
     ON CONFLICT (document_id, user_id) DO NOTHING`,
  ).run(row.documentId, row.userId, row.projectId, now(), row.documentId, row.documentId, overlap);
  return result.changes > 0;
}

/** A label was saved: the user holds the document (taking it if needed) and it is no longer untouched. */
export function touchAssignment(db: Db, projectId: number, documentId: number, userId: number): void {
  const at = now();
  deferred(
    db,
    `INSERT INTO assignments (document_id, user_id, project_id, assigned_at, assigned_by, last_activity_at) VALUES (?, ?, ?, ?, NULL, ?)
     ON CONFLICT (document_id, user_id) DO UPDATE SET last_activity_at = excluded.last_activity_at`,
  )(documentId, userId, projectId, at, at);
}

export function deleteAssignment(db: Db, projectId: number, documentId: number, userId: number): boolean {
  return sql(db, 'DELETE FROM assignments WHERE project_id = ? AND document_id = ? AND user_id = ?').run(projectId, documentId, userId).changes > 0;
}

/** Assignments nobody has touched since before `cutoff`: their documents go back to the pool. */
export function listExpiredAssignments(db: Db, projectId: number, cutoff: string): { documentId: number; userId: number }[] {
  return sql<[number, string], { documentId: number; userId: number }>(
    db,
    `SELECT document_id AS "documentId", user_id AS "userId" FROM assignments
     WHERE project_id = ? AND last_activity_at IS NULL AND assigned_at < ?`,
  ).all(projectId, cutoff);
}

/** The keys of each sort of the assignments (see ASSIGNMENT_SORTS); (document, user) makes each order total. */
const SORTS: Record<AssignmentsQuery['sort'], SortPart[]> = {
  document: [
    { sql: 'd.title', kind: 'string' },
    { sql: 'd.id', kind: 'integer' },
    { sql: 'a.user_id', kind: 'integer' },
  ],
  user: [
    { sql: 'u.username', kind: 'string' },
    { sql: 'a.document_id', kind: 'integer' },
  ],
  assigned: [
    { sql: 'a.assigned_at', kind: 'string' },
    { sql: 'a.document_id', kind: 'integer' },
    { sql: 'a.user_id', kind: 'integer' },
  ],
  activity: [
    { sql: "coalesce(a.last_activity_at, '')", kind: 'string' },
    { sql: 'a.document_id', kind: 'integer' },
    { sql: 'a.user_id', kind: 'integer' },
  ],
};

type AssignmentRow = Omit<Assignment, 'expired'> & { expired: number; activity: string };

/**
 * The page's tables, the one whose index gives the sort's order first: CROSS JOIN keeps SQLite from
 * reordering the join (PostgreSQL reads it as a plain join and plans it itself), so the title and
 * username sorts walk documents_title / the username index and each one's assignments, instead of
 * sorting every assignment of the project for each page.
 */
const PAGE_FROM: Record<AssignmentsQuery['sort'], string> = {
  document: 'documents d CROSS JOIN assignments a JOIN users u ON u.id = a.user_id',
  user: 'users u CROSS JOIN assignments a JOIN documents d ON d.id = a.document_id',
  assigned: 'assignments a JOIN documents d ON d.id = a.document_id JOIN users u ON u.id = a.user_id',
  activity: 'assignments a JOIN documents d ON d.id = a.document_id JOIN users u ON u.id = a.user_id',
};
const PAGE_JOIN: Record<AssignmentsQuery['sort'], string> = {
  // The project spelled out for the documents too: the title index starts with it.
  document: 'a.document_id = d.id AND d.project_id = CAST(? AS BIGINT)',
  user: 'a.user_id = u.id',
  assigned: '1 = 1',
  activity: '1 = 1',
};

/**
 * The user sort's page: the page's assignments first (the username index, then each user's
 * assignments), their documents and counters after. With every table joined before the LIMIT,
 * PostgreSQL hashed all 100,000 document counters to sort the first user's 1,667 assignments
 * (50-60 ms; 10 ms this way). `where` and `page` speak of `a`, `u` and (a title search) `d`.
 */
function userPage(
  db: Db,
  cutoff: string,
  where: string[],
  params: (string | number)[],
  page: { where: string; params: CursorValue[]; orderBy: string },
  query: AssignmentsQuery,
): AssignmentRow[] {
  const search = query.q === undefined ? '' : ' JOIN documents d ON d.id = a.document_id';
  const outer = orderByOf(
    SORTS.user.map((part) => ({ ...part, sql: part.sql.replace(/^[ua]\./, 'p.') })),
    query.order,
  );
  return sql<(string | number)[], AssignmentRow>(
    db,
    `SELECT p.document_id AS "documentId", d.title AS "documentTitle", p.user_id AS "userId", p.username,
       p.assigned_at AS "assignedAt", p.assigned_by AS "assignedBy", p.last_activity_at AS "lastActivityAt",
       coalesce(p.last_activity_at, '') AS activity, CASE WHEN (p.last_activity_at IS NULL AND p.assigned_at < ?) THEN 1 ELSE 0 END AS expired,
       coalesce(m.labelled, 0) AS labelled, st.content AS total
     FROM (SELECT a.document_id, a.user_id, u.username, a.assigned_at, a.assigned_by, a.last_activity_at
           FROM users u CROSS JOIN assignments a${search}
           WHERE a.user_id = u.id AND ${where.join(' AND ')} AND ${page.where} ORDER BY ${page.orderBy} LIMIT ?) AS p
       JOIN documents d ON d.id = p.document_id
       JOIN document_stats st ON st.document_id = p.document_id
       LEFT JOIN document_annotator_stats m ON m.document_id = p.document_id AND m.user_id = p.user_id
     ORDER BY ${outer}`,
  ).all(cutoff, ...params, ...page.params, query.limit + 1);
}

/** A page of the project's assignments, with the holder's progress from the document counters (migration 0011). */
export function listAssignments(db: Db, project: Pick<Project, 'id' | 'holdHours'>, query: AssignmentsQuery): AssignmentList {
  const cutoff = new Date(Date.now() - project.holdHours * 3600_000).toISOString();
  const expired = '(a.last_activity_at IS NULL AND a.assigned_at < ?)';
  const where = ['a.project_id = ?'];
  const params: (string | number)[] = [project.id];
  if (query.state !== 'all') {
    where.push(query.state === 'expired' ? expired : `NOT ${expired}`);
    params.push(cutoff);
  }
  if (query.userId !== undefined) {
    where.push('a.user_id = ?');
    params.push(query.userId);
  }
  if (query.documentId !== undefined) {
    where.push('a.document_id = ?');
    params.push(query.documentId);
  }
  if (query.q !== undefined) {
    where.push("lower(d.title) LIKE lower(?) ESCAPE '\\'");
    params.push(likePrefix(query.q));
  }
  // The count needs the document only for the title search.
  const from = `FROM assignments a${query.q === undefined ? '' : ' JOIN documents d ON d.id = a.document_id'} WHERE ${where.join(' AND ')}`;
  const scope = cursorScope('assignments', query.sort, query.order);
  const page = keysetOf(SORTS[query.sort], query.order, query.cursor, scope);
  const rows =
    query.sort === 'user'
      ? userPage(db, cutoff, where, params, page, query)
      : sql<(string | number)[], AssignmentRow>(
          db,
          `SELECT a.document_id AS "documentId", d.title AS "documentTitle", a.user_id AS "userId", u.username,
       a.assigned_at AS "assignedAt", a.assigned_by AS "assignedBy", a.last_activity_at AS "lastActivityAt",
       coalesce(a.last_activity_at, '') AS activity, CASE WHEN ${expired} THEN 1 ELSE 0 END AS expired,
       coalesce(m.labelled, 0) AS labelled, st.content AS total
     FROM ${PAGE_FROM[query.sort]}
       JOIN document_stats st ON st.document_id = a.document_id
       LEFT JOIN document_annotator_stats m ON m.document_id = a.document_id AND m.user_id = a.user_id
     WHERE ${PAGE_JOIN[query.sort]} AND ${where.join(' AND ')} AND ${page.where} ORDER BY ${page.orderBy} LIMIT ?`,
        ).all(cutoff, ...(query.sort === 'document' ? [project.id] : []), ...params, ...page.params, query.limit + 1);
  const total = values<(string | number)[], number>(db, `SELECT count(*) ${from}`).get(...params) ?? 0;
  const cursorOf: Record<AssignmentsQuery['sort'], (row: AssignmentRow) => (string | number)[]> = {
    document: (row) => [row.documentTitle, row.documentId, row.userId],
    user: (row) => [row.username, row.documentId],
    assigned: (row) => [row.assignedAt, row.documentId, row.userId],
    activity: (row) => [row.activity, row.documentId, row.userId],
  };
  const shown = pageFrom(rows, query.limit, scope, cursorOf[query.sort]);
  return {
    assignments: shown.rows.map(({ activity: _activity, expired: isExpired, ...row }) => ({ ...row, expired: isExpired === 1 })),
    total,
    nextCursor: shown.nextCursor,
  };
}
