import type { Db } from '../db/connection.ts';
import { jsonIntegerList } from '../db/dialect.ts';
import { sql, values } from '../db/statements.ts';
import type { ExportStatus } from '../../shared/schemas/export.ts';

export interface ExportDocumentRow {
  id: number;
  title: string;
  source: string | null;
  published: string | null;
  textSha256: string;
  segmenter: string;
}

/**
 * The documents an export walks, without their texts (each is loaded when its turn comes).
 * `labelledOnly`: only documents someone labelled or that have gold (from the counters migrations
 * 0011 and 0014 keep): an export that keeps labelled sentences or gold only has nothing from the
 * others, and at 100,000 documents with labels on a few thousand, asking each of them cost seconds.
 */
export function listDocumentsForExport(db: Db, projectId: number, documentIds?: readonly number[], labelledOnly = false): ExportDocumentRow[] {
  return sql<[number, number | null, string, number], ExportDocumentRow>(
    db,
    `SELECT id, title, source, published, text_sha256 AS "textSha256", segmenter FROM documents
     WHERE project_id = ? AND (CAST(? AS INTEGER) IS NULL OR id IN (${jsonIntegerList(db)}))
       AND (CAST(? AS INTEGER) = 0
         OR EXISTS (SELECT 1 FROM document_annotators da WHERE da.document_id = documents.id)
         OR EXISTS (SELECT 1 FROM document_stats st WHERE st.document_id = documents.id AND st.gold > 0))
     ORDER BY id`,
  ).all(projectId, documentIds ? 1 : null, JSON.stringify(documentIds ?? []), labelledOnly ? 1 : 0);
}

export interface ExportCountFilter {
  goldOnly: boolean;
  /** Count claims (flat=1: one record per claim), not sentences. */
  flat: boolean;
  boilerplate: boolean;
  /** An annotation status, or `labelled`: any label but a skip, or gold (as records.ts keeps). */
  status: ExportStatus | null;
}

// The sentences an export keeps: the same filters as documentRecords (records.ts) applies in code.
// Bound in order by keptParams; the casts type the parameters PostgreSQL cannot infer.
const KEPT_SENTENCES = `FROM sentences s
  WHERE s.document_id = ? AND (CAST(? AS INTEGER) = 1 OR s.boilerplate = 0)
    AND (CAST(? AS INTEGER) = 0 OR EXISTS (SELECT 1 FROM gold g WHERE g.sentence_id = s.id))
    AND (CAST(? AS INTEGER) = 0
      OR EXISTS (SELECT 1 FROM annotations a WHERE a.sentence_id = s.id AND (a.status = ? OR (CAST(? AS INTEGER) = 1 AND a.status <> 'skipped')))
      OR (CAST(? AS INTEGER) = 1 AND EXISTS (SELECT 1 FROM gold g WHERE g.sentence_id = s.id)))`;

type KeptParams = [documentId: number, boilerplate: number, goldOnly: number, filtered: number, status: string | null, labelled: number, labelled: number];
const keptParams = (documentId: number, { boilerplate, goldOnly, status }: ExportCountFilter): KeptParams => {
  const labelled = status === 'labelled' ? 1 : 0;
  return [documentId, boilerplate ? 1 : 0, goldOnly ? 1 : 0, status === null ? 0 : 1, status === 'labelled' ? null : status, labelled, labelled];
};

/**
 * What one document adds to an export, counted in SQL (the export page asks on every filter change,
 * and building every record of a big project to count them held the server for seconds): records,
 * and the sentences that have at least one. A flat record is one claim: the gold label's, and with
 * gold included every annotation's.
 */
export function countDocumentExport(db: Db, documentId: number, filter: ExportCountFilter): { records: number; sentences: number } {
  if (!filter.flat) {
    const sentences = values<KeptParams, number>(db, `SELECT count(*) ${KEPT_SENTENCES}`).get(...keptParams(documentId, filter)) ?? 0;
    return { records: sentences, sentences };
  }
  const row = sql<[number, ...KeptParams], { sentences: number; records: number }>(
    db,
    `SELECT count(*) AS sentences, coalesce(sum(claims), 0) AS records FROM (
       SELECT (SELECT count(*) FROM gold g JOIN gold_claims c ON c.gold_id = g.id WHERE g.sentence_id = s.id)
         + CASE WHEN CAST(? AS INTEGER) = 1 THEN 0 ELSE (SELECT count(*) FROM annotations a JOIN claims c ON c.annotation_id = a.id WHERE a.sentence_id = s.id) END AS claims
       ${KEPT_SENTENCES}
     ) AS kept WHERE claims > 0`,
  ).get(filter.goldOnly ? 1 : 0, ...keptParams(documentId, filter));
  return row ?? { sentences: 0, records: 0 };
}
