import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';
import type { Assignment } from '../../shared/schemas/assignments.ts';

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
  sql(
    db,
    `INSERT INTO assignments (document_id, user_id, project_id, assigned_at, assigned_by, last_activity_at) VALUES (?, ?, ?, ?, NULL, ?)
     ON CONFLICT (document_id, user_id) DO UPDATE SET last_activity_at = excluded.last_activity_at`,
  ).run(documentId, userId, projectId, at, at);
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

/** Documents the user holds or has labelled in, with whether they are complete for them. */
export function listDocumentsOfUser(db: Db, projectId: number, userId: number): { documentId: number; held: boolean }[] {
  return sql<[number, number, number, number, number], { documentId: number; held: number }>(
    db,
    `SELECT document_id AS "documentId", 1 AS held FROM assignments WHERE project_id = ? AND user_id = ?
     UNION
     SELECT DISTINCT s.document_id, 0 FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id
     WHERE d.project_id = ? AND a.annotator_id = ? AND s.document_id NOT IN (SELECT document_id FROM assignments WHERE user_id = ?)`,
  )
    .all(projectId, userId, projectId, userId, userId)
    .map((row) => ({ documentId: row.documentId, held: row.held === 1 }));
}

/** How many annotators hold or have labelled each document of the project. */
export function countAnnotatorsPerDocument(db: Db, projectId: number): Map<number, number> {
  const rows = sql<[number], { documentId: number; annotators: number }>(
    db,
    `SELECT d.id AS "documentId", (SELECT count(*) FROM (
        SELECT a.user_id FROM assignments a WHERE a.document_id = d.id
        UNION
        SELECT an.annotator_id FROM annotations an JOIN sentences s ON s.id = an.sentence_id WHERE s.document_id = d.id
     ) AS holders) AS annotators
     FROM documents d WHERE d.project_id = ?`,
  ).all(projectId);
  return new Map(rows.map((row) => [row.documentId, row.annotators]));
}

export function listAssignments(db: Db, projectId: number): Assignment[] {
  return sql<[number], Assignment>(
    db,
    `SELECT a.document_id AS "documentId", d.title AS "documentTitle", a.user_id AS "userId", u.username,
       a.assigned_at AS "assignedAt", a.assigned_by AS "assignedBy", a.last_activity_at AS "lastActivityAt",
       (SELECT count(*) FROM sentences s JOIN annotations an ON an.sentence_id = s.id AND an.annotator_id = a.user_id
          WHERE s.document_id = a.document_id AND s.boilerplate = 0) AS labelled,
       (SELECT count(*) FROM sentences s WHERE s.document_id = a.document_id AND s.boilerplate = 0) AS total
     FROM assignments a JOIN documents d ON d.id = a.document_id JOIN users u ON u.id = a.user_id
     WHERE a.project_id = ? ORDER BY d.id, u.username`,
  ).all(projectId);
}
