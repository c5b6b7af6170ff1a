import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';

export interface ExportDocumentRow {
  id: number;
  title: string;
  source: string | null;
  published: string | null;
  textSha256: string;
  segmenter: string;
}

/** The documents an export walks, without their texts (each is loaded when its turn comes). */
export function listDocumentsForExport(db: Db, projectId: number, documentIds?: readonly number[]): ExportDocumentRow[] {
  const rows = sql(
    db,
    `SELECT id, title, source, published, text_sha256 AS textSha256, segmenter FROM documents
     WHERE project_id = ? AND (? IS NULL OR id IN (SELECT value FROM json_each(?))) ORDER BY id`,
  ).all(projectId, documentIds ? 1 : null, JSON.stringify(documentIds ?? [])) as ExportDocumentRow[];
  return rows;
}

/** Users who labelled or adjudicated in the project, by id: the order pseudonyms are given in. */
export function listLabellers(db: Db, projectId: number): { annotators: number[]; reviewers: number[] } {
  const annotators = sql(
    db,
    `SELECT DISTINCT a.annotator_id AS id FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id
     WHERE d.project_id = ? ORDER BY a.annotator_id`,
  ).all(projectId) as { id: number }[];
  const reviewers = sql(
    db,
    `SELECT DISTINCT g.reviewer_id AS id FROM gold g JOIN sentences s ON s.id = g.sentence_id JOIN documents d ON d.id = s.document_id
     WHERE d.project_id = ? ORDER BY g.reviewer_id`,
  ).all(projectId) as { id: number }[];
  return { annotators: annotators.map((row) => row.id), reviewers: reviewers.map((row) => row.id) };
}
