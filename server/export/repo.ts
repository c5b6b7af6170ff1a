import type { Db } from '../db/connection.ts';
import { sql, values } from '../db/statements.ts';

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
  return sql<[number, number | null, string], ExportDocumentRow>(
    db,
    `SELECT id, title, source, published, text_sha256 AS textSha256, segmenter FROM documents
     WHERE project_id = ? AND (? IS NULL OR id IN (SELECT value FROM json_each(?))) ORDER BY id`,
  ).all(projectId, documentIds ? 1 : null, JSON.stringify(documentIds ?? []));
}

export interface ExportCountFilter {
  goldOnly: boolean;
  /** Count claims (flat=1: one record per claim), not sentences. */
  flat: boolean;
  boilerplate: boolean;
  status: 'claims' | 'no_claim' | 'skipped' | null;
}

// The sentences an export keeps: the same filters as documentRecords (records.ts) applies in code.
const KEPT_SENTENCES = `FROM sentences s
  WHERE s.document_id = @documentId AND (@boilerplate = 1 OR s.boilerplate = 0)
    AND (@goldOnly = 0 OR EXISTS (SELECT 1 FROM gold g WHERE g.sentence_id = s.id))
    AND (@status IS NULL OR EXISTS (SELECT 1 FROM annotations a WHERE a.sentence_id = s.id AND a.status = @status))`;

/**
 * What one document adds to an export, counted in SQL (the export page asks on every filter change,
 * and building every record of a big project to count them held the server for seconds): records,
 * and the sentences that have at least one. A flat record is one claim: the gold label's, and with
 * gold included every annotation's.
 */
export function countDocumentExport(db: Db, documentId: number, filter: ExportCountFilter): { records: number; sentences: number } {
  const params = { documentId, boilerplate: filter.boilerplate ? 1 : 0, goldOnly: filter.goldOnly ? 1 : 0, status: filter.status };
  if (!filter.flat) {
    const sentences = values<[typeof params], number>(db, `SELECT count(*) ${KEPT_SENTENCES}`).get(params) ?? 0;
    return { records: sentences, sentences };
  }
  const row = sql<[typeof params], { sentences: number; records: number }>(
    db,
    `SELECT count(*) AS sentences, coalesce(sum(claims), 0) AS records FROM (
       SELECT (SELECT count(*) FROM gold g JOIN gold_claims c ON c.gold_id = g.id WHERE g.sentence_id = s.id)
         + CASE WHEN @goldOnly = 1 THEN 0 ELSE (SELECT count(*) FROM annotations a JOIN claims c ON c.annotation_id = a.id WHERE a.sentence_id = s.id) END AS claims
       ${KEPT_SENTENCES}
     ) WHERE claims > 0`,
  ).get(params);
  return row ?? { sentences: 0, records: 0 };
}
