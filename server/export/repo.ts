import type { Db } from '../db/connection.ts';
import { jsonIntegerList } from '../db/dialect.ts';
import { sql, values } from '../db/statements.ts';
import type { ExportCount, ExportStatus } from '../../shared/schemas/export.ts';

/**
 * The ids of the documents an export walks, in import order; each document is read when its turn
 * comes. `labelledOnly`: only documents someone labelled (document_annotators) or that have gold
 * (the index of migration 0019): an export that keeps labelled sentences or gold has nothing from
 * the others. Indexes alone: at 100,000 documents with labels on 5,000, reading the documents rows
 * (wide: their text) for titles nobody used cost 80–130 ms before every count and preview.
 */
export function listDocumentIdsForExport(db: Db, projectId: number, documentIds?: readonly number[], labelledOnly = false): number[] {
  const ids = labelledOnly
    ? values<[number, number], number>(
        db,
        `SELECT da.document_id AS id FROM document_annotators da WHERE da.project_id = ?
         UNION SELECT st.document_id FROM document_stats st WHERE st.project_id = ? AND st.gold > 0 ORDER BY id`,
      ).all(projectId, projectId)
    : values<[number], number>(db, 'SELECT d.id FROM documents d WHERE d.project_id = ? ORDER BY d.id').all(projectId);
  if (documentIds === undefined) return ids;
  const picked = new Set(documentIds);
  return ids.filter((id) => picked.has(id));
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
// Bound in order: the documents (a JSON list), then keptFilter; the casts type the parameters PostgreSQL cannot infer.
const keptSentences = (db: Db) => `FROM sentences s
  WHERE s.document_id IN (${jsonIntegerList(db)}) AND (CAST(? AS INTEGER) = 1 OR s.boilerplate = 0)
    AND (CAST(? AS INTEGER) = 0 OR EXISTS (SELECT 1 FROM gold g WHERE g.sentence_id = s.id))
    AND (CAST(? AS INTEGER) = 0
      OR EXISTS (SELECT 1 FROM annotations a WHERE a.sentence_id = s.id AND (a.status = ? OR (CAST(? AS INTEGER) = 1 AND a.status <> 'skipped')))
      OR (CAST(? AS INTEGER) = 1 AND EXISTS (SELECT 1 FROM gold g WHERE g.sentence_id = s.id)))`;

/** The parameters of keptSentences after the documents, in order. */
const keptFilter = ({ boilerplate, goldOnly, status }: ExportCountFilter) => {
  const labelled = status === 'labelled' ? 1 : 0;
  return [boilerplate ? 1 : 0, goldOnly ? 1 : 0, status === null ? 0 : 1, status === 'labelled' ? null : status, labelled, labelled] as const;
};

/**
 * What some documents add to an export, counted in SQL in one statement (the export page asks on
 * every filter change, and building every record of a big project to count them held the server
 * for seconds): records, the sentences that have at least one, and the documents that have one.
 * A flat record is one claim: the gold label's, and with gold included every annotation's.
 */
export function countExportOf(db: Db, documentIds: readonly number[], filter: ExportCountFilter): ExportCount {
  if (documentIds.length === 0) return { records: 0, sentences: 0, documents: 0 };
  const kept = keptSentences(db);
  const ids = JSON.stringify(documentIds);
  if (!filter.flat) {
    const row = sql<[string, ...ReturnType<typeof keptFilter>], { sentences: number; documents: number }>(
      db,
      `SELECT count(*) AS sentences, count(DISTINCT s.document_id) AS documents ${kept}`,
    ).get(ids, ...keptFilter(filter));
    return { records: row?.sentences ?? 0, sentences: row?.sentences ?? 0, documents: row?.documents ?? 0 };
  }
  const row = sql<[number, string, ...ReturnType<typeof keptFilter>], ExportCount>(
    db,
    `SELECT coalesce(sum(claims), 0) AS records, count(*) AS sentences, count(DISTINCT document_id) AS documents FROM (
       SELECT s.document_id, (SELECT count(*) FROM gold g JOIN gold_claims c ON c.gold_id = g.id WHERE g.sentence_id = s.id)
         + CASE WHEN CAST(? AS INTEGER) = 1 THEN 0 ELSE (SELECT count(*) FROM annotations a JOIN claims c ON c.annotation_id = a.id WHERE a.sentence_id = s.id) END AS claims
       ${kept}
     ) AS kept WHERE claims > 0`,
  ).get(filter.goldOnly ? 1 : 0, ids, ...keptFilter(filter));
  return row ?? { records: 0, sentences: 0, documents: 0 };
}
