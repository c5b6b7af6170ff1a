import type { Db } from '../db/connection.ts';
import type { AnnotationRow } from '../db/schema.ts';
import { tuples } from '../db/statements.ts';

/** One annotation as the team figures read it. */
export type AnnotationTimeRow = [
  annotatorId: AnnotationRow['annotator_id'],
  sentenceId: AnnotationRow['sentence_id'],
  status: AnnotationRow['status'],
  timeSpentMs: AnnotationRow['time_spent_ms'],
  createdAt: AnnotationRow['created_at'],
];

/**
 * Every annotation of the project's non-boilerplate sentences with its time and first date: the
 * same walk as the agreement labels (documents by project, sentences by document, annotations by
 * sentence, each an index range), as tuples.
 */
export function listAnnotationTimes(db: Db, projectId: number): AnnotationTimeRow[] {
  return tuples<[number], AnnotationTimeRow>(
    db,
    `SELECT a.annotator_id, a.sentence_id, a.status, a.time_spent_ms, a.created_at
     FROM documents d JOIN sentences s ON s.document_id = d.id AND s.boilerplate = 0 AND d.project_id = ?
     JOIN annotations a ON a.sentence_id = s.id`,
  ).all(projectId);
}
