// The per-document counters of migration 0011 (document_stats): the figures of the documents list
// and the project's totals, read from indexed rows instead of every sentence per request. Triggers
// keep them through labels, gold, holds, boilerplate marks and overlap changes; the writes below are
// a new document's row (migration 0022) and the ones that change a document's sentences, which no
// trigger follows (one per inserted sentence would slow an import of 1.3 M sentences).
import type { Db } from '../db/connection.ts';
import { integerArray, unnestIntegers } from '../db/dialect.ts';
import { deferred, sql, tuples, values } from '../db/statements.ts';
import type { DocumentFigures, DocumentStatus } from '../../shared/schemas/documents.ts';

/**
 * A document's status from its counters (shared/schemas/documents.ts, DocumentStatus). The same
 * rule in SQL is STATUS_SQL, which must stay the expression the index document_stats_status holds.
 */
export function statusOf(counts: { content: number; labelled: number; gold: number; holders: number }): DocumentStatus {
  if (counts.content > 0 && counts.gold >= counts.content) return 'adjudicated';
  if (counts.labelled >= counts.content) return 'complete';
  return counts.holders > 0 ? 'in_progress' : 'unassigned';
}

/** DocumentStatus of the document_stats row `st`, spelled as the index document_stats_status (migration 0011) holds it. */
export const STATUS_SQL =
  "(CASE WHEN st.content > 0 AND st.gold >= st.content THEN 'adjudicated' WHEN st.labelled >= st.content THEN 'complete' WHEN st.holders > 0 THEN 'in_progress' ELSE 'unassigned' END)";

/** A document's share of content sentences labelled by enough annotators, in millionths, as the index document_stats_progress holds it. */
export const PROGRESS_SQL = '(CASE WHEN st.content = 0 THEN 1000000 ELSE st.labelled * 1000000 / st.content END)';

/**
 * The same share of the signed-in user's own labels (`m`: their document_annotator_stats row, if
 * any); not indexed. 0 exactly when they labelled nothing there (a document without content
 * sentences too: nothing of theirs is in it), which listing.ts pages apart.
 */
export const MY_PROGRESS_SQL = '(CASE WHEN st.content = 0 THEN 0 ELSE coalesce(m.labelled, 0) * 1000000 / st.content END)';

/**
 * New documents' counter rows, with their sentence counts: `sentences` and those of them not
 * boilerplate (`content`), the ones that need a label. Called by insertDocuments (repo.ts), the one
 * function that inserts documents, in its transaction (migration 0022: no trigger writes them).
 */
export function insertDocumentStats(db: Db, documents: readonly { id: number; projectId: number; sentences: readonly { boilerplate: boolean }[] }[]): void {
  if (documents.length === 0) return;
  const contentOf = (sentences: readonly { boilerplate: boolean }[]) => sentences.reduce((count, sentence) => (sentence.boilerplate ? count : count + 1), 0);
  if (db.dialect === 'postgres') {
    // One statement of one array per column, sent without waiting (with the sentences, the events
    // and the COMMIT): one per document was a round trip per document.
    deferred(db, `INSERT INTO document_stats (document_id, project_id, sentences, content) ${unnestIntegers(4)}`)(
      integerArray(documents.map(({ id }) => id)),
      integerArray(documents.map(({ projectId }) => projectId)),
      integerArray(documents.map(({ sentences }) => sentences.length)),
      integerArray(documents.map(({ sentences }) => contentOf(sentences))),
    );
    return;
  }
  // On SQLite a statement run costs about a microsecond: one per document.
  const insert = sql<[number, number, number, number]>(db, 'INSERT INTO document_stats (document_id, project_id, sentences, content) VALUES (?, ?, ?, ?)');
  for (const { id, projectId, sentences } of documents) insert.run(id, projectId, sentences.length, contentOf(sentences));
}

/**
 * One sentence more (a split). Splits and merges happen only while the document has no labels
 * (service.ts), so only the sentence counts move.
 */
export function countSentence(db: Db, documentId: number, delta: 1, boilerplate: boolean): void {
  sql(db, 'UPDATE document_stats SET sentences = sentences + ?, content = content + ? WHERE document_id = ?').run(delta, boilerplate ? 0 : delta, documentId);
}

/** One sentence fewer (a merge): call before deleting it. */
export function uncountSentence(db: Db, sentenceId: number): void {
  sql(
    db,
    `UPDATE document_stats SET sentences = sentences - 1, content = content - (SELECT 1 - s.boilerplate FROM sentences s WHERE s.id = ?)
     WHERE document_id = (SELECT s.document_id FROM sentences s WHERE s.id = ?)`,
  ).run(sentenceId, sentenceId);
}

/**
 * A project's totals, summed from its documents' counters: one pass over narrow rows (no sentence
 * is read), and no project-wide counter row that every save would have to update.
 */
export function projectFigures(db: Db, projectId: number, userId: number, othersProgress: boolean): DocumentFigures {
  // `+st.project_id`: one pass over the narrow table beats a lookup from an index entry per document.
  const totals = sql<[number], { documents: number; sentences: number; overall: number; adjudicated: number }>(
    db,
    `SELECT count(*) AS documents, CAST(coalesce(sum(st.content), 0) AS BIGINT) AS sentences,
       CAST(coalesce(sum(st.labelled), 0) AS BIGINT) AS overall, CAST(coalesce(sum(st.gold), 0) AS BIGINT) AS adjudicated
     FROM document_stats st WHERE +st.project_id = ?`,
  ).get(projectId)!;
  const mine =
    values<[number, number], number>(
      db,
      'SELECT CAST(coalesce(sum(m.labelled), 0) AS BIGINT) FROM document_annotator_stats m WHERE m.project_id = ? AND m.user_id = ?',
    ).get(projectId, userId) ?? 0;
  if (!othersProgress) return { ...totals, mine, overall: null, adjudicated: null, byStatus: null };
  const byStatus = { unassigned: 0, in_progress: 0, complete: 0, adjudicated: 0 };
  // Counted from the status index, which holds each document's status.
  for (const [status, count] of tuples<[number], [DocumentStatus, number]>(
    db,
    `SELECT ${STATUS_SQL} AS status, count(*) FROM document_stats st WHERE st.project_id = ? GROUP BY ${STATUS_SQL}`,
  ).all(projectId)) {
    byStatus[status] = count;
  }
  return { ...totals, mine, byStatus };
}
