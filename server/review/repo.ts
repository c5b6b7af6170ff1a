import type { Db } from '../db/connection.ts';
import { parseSourceAnnotators } from '../db/json.ts';
import type { GoldRow, SentenceRow } from '../db/schema.ts';
import { jsonIntegerList } from '../db/dialect.ts';
import { now, sql, tuples, values } from '../db/statements.ts';
import { GOLD_CLAIMS, listClaims, replaceClaims, toClaim, type ClaimRow, type ClaimToWrite } from '../claims/repo.ts';
import type { AnnotationStatus, Claim } from '../../shared/schemas/annotations.ts';
import type { Gold, GoldMethod } from '../../shared/schemas/review.ts';

function toGold(row: GoldRow, claims: Claim[]): Gold {
  return {
    sentenceId: row.sentence_id,
    status: row.status,
    claims,
    method: row.method,
    reviewerId: row.reviewer_id,
    sourceAnnotators: parseSourceAnnotators(row.source_annotators),
    rationale: row.rationale,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export function findGold(db: Db, sentenceId: number): { id: number; gold: Gold } | undefined {
  const row = sql<[number], GoldRow>(db, 'SELECT * FROM gold WHERE sentence_id = ?').get(sentenceId);
  return row && { id: row.id, gold: toGold(row, listClaims(db, GOLD_CLAIMS, row.id)) };
}

export function listGoldOfDocument(db: Db, documentId: number): Gold[] {
  const rows = sql<[number], GoldRow>(db, 'SELECT g.* FROM gold g JOIN sentences s ON s.id = g.sentence_id WHERE s.document_id = ? ORDER BY s.idx').all(
    documentId,
  );
  const claimRows = sql<[number], ClaimRow>(
    db,
    `SELECT c.*, c.gold_id AS owner_id FROM gold_claims c JOIN gold g ON g.id = c.gold_id JOIN sentences s ON s.id = g.sentence_id
     WHERE s.document_id = ? ORDER BY c.gold_id, c.position`,
  ).all(documentId);
  const byGold = new Map<number, Claim[]>();
  for (const row of claimRows) byGold.set(row.owner_id, [...(byGold.get(row.owner_id) ?? []), toClaim(row)]);
  return rows.map((row) => toGold(row, byGold.get(row.id) ?? []));
}

export interface GoldToWrite {
  sentenceId: number;
  status: AnnotationStatus;
  method: GoldMethod;
  reviewerId: number;
  sourceAnnotators: number[];
  rationale: string | null;
  claims: ClaimToWrite[];
}

/**
 * Writes a sentence's gold label (insert, or a new version of `existing`) with its claims; call
 * inside a transaction. The update is conditional, in the UPDATE itself: only while the label is
 * still at the version `existing` was read at; false (nothing written) when another writer got
 * there first. A first label written twice at once trips UNIQUE (sentence_id): a conflict as well.
 */
export function writeGold(db: Db, existing: { id: number; gold: Pick<Gold, 'version'> } | undefined, input: GoldToWrite): boolean {
  const at = now();
  let goldId: number;
  if (existing === undefined) {
    const id = values<unknown[], number>(
      db,
      `INSERT INTO gold (sentence_id, status, method, reviewer_id, source_annotators, rationale, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(input.sentenceId, input.status, input.method, input.reviewerId, JSON.stringify(input.sourceAnnotators), input.rationale, at, at);
    // An INSERT … RETURNING returns its row or throws (a concurrent first gold label trips UNIQUE).
    if (id === undefined) throw new Error('INSERT INTO gold returned no row.');
    goldId = id;
  } else {
    goldId = existing.id;
    const { changes } = sql(
      db,
      `UPDATE gold SET status = ?, method = ?, reviewer_id = ?, source_annotators = ?, rationale = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND version = ?`,
    ).run(input.status, input.method, input.reviewerId, JSON.stringify(input.sourceAnnotators), input.rationale, at, goldId, existing.gold.version);
    if (changes === 0) return false;
  }
  replaceClaims(db, GOLD_CLAIMS, goldId, input.claims);
  return true;
}

// ---- Bulk reads for agreement and disagreements: one pass over the project's labels. ----

/** One label, as a tuple: bulk reads of 100,000s of rows skip building an object per row. */
export type LabelRow = readonly [sentenceId: number, documentId: number, annotatorId: number /* 0: gold */, status: AnnotationStatus];

/** One claim's frame, as a tuple (see LabelRow). */
export type ClaimFrameRow = readonly [
  sentenceId: number,
  annotatorId: number,
  stance: string,
  speakerActorId: number | null,
  speakerStart: number | null,
  speakerEnd: number | null,
  targetActorId: number | null,
  targetStart: number | null,
  targetEnd: number | null,
  negated: number,
  hypothetical: number,
];

/** A labelled sentence: where it is. */
export interface LabelledSentence {
  id: SentenceRow['id'];
  documentId: SentenceRow['document_id'];
  index: SentenceRow['idx'];
}

const scope = (documentId: number | undefined) => (documentId === undefined ? 'd.project_id = ?' : 'd.project_id = ? AND d.id = ?');
const params = (projectId: number, documentId: number | undefined) => (documentId === undefined ? [projectId] : [projectId, documentId]);

/** Non-boilerplate sentences of a project (or one of its documents) that carry at least one label. */
export function listLabelledSentences(db: Db, projectId: number, documentId?: number): LabelledSentence[] {
  return sql<number[], LabelledSentence>(
    db,
    `SELECT s.id, s.document_id AS "documentId", s.idx AS "index" FROM sentences s JOIN documents d ON d.id = s.document_id
     WHERE ${scope(documentId)} AND s.boilerplate = 0 AND EXISTS (SELECT 1 FROM annotations a WHERE a.sentence_id = s.id)
     ORDER BY s.document_id, s.idx`,
  ).all(...params(projectId, documentId));
}

// The bulk reads walk documents → sentences → labels (one index range per document, no subquery),
// and return tuples: 100,000s of rows are read for one report.
const SENTENCES_IN_SCOPE = (documentId: number | undefined) =>
  `FROM documents d JOIN sentences s ON s.document_id = d.id AND s.boilerplate = 0 AND ${scope(documentId)}`;

/** Every annotation status of the project's non-boilerplate sentences, then every gold status (annotatorId 0). */
export function listLabels(db: Db, projectId: number, documentId?: number): LabelRow[] {
  const annotations = tuples<number[], LabelRow>(
    db,
    `SELECT a.sentence_id, s.document_id, a.annotator_id, a.status ${SENTENCES_IN_SCOPE(documentId)}
     JOIN annotations a ON a.sentence_id = s.id`,
  ).all(...params(projectId, documentId));
  const gold = tuples<number[], LabelRow>(
    db,
    `SELECT g.sentence_id, s.document_id, 0, g.status ${SENTENCES_IN_SCOPE(documentId)}
     JOIN gold g ON g.sentence_id = s.id`,
  ).all(...params(projectId, documentId));
  return annotations.concat(gold);
}

/** Every claim frame of the project's non-boilerplate sentences, annotators' and gold's (annotatorId 0). */
export function listClaimFrames(db: Db, projectId: number, documentId?: number): ClaimFrameRow[] {
  const columns = 'c.stance, c.speaker_actor_id, c.speaker_start, c.speaker_end, c.target_actor_id, c.target_start, c.target_end, c.negated, c.hypothetical';
  const annotations = tuples<number[], ClaimFrameRow>(
    db,
    `SELECT a.sentence_id, a.annotator_id, ${columns} ${SENTENCES_IN_SCOPE(documentId)}
     JOIN annotations a ON a.sentence_id = s.id JOIN claims c ON c.annotation_id = a.id
     ORDER BY a.id, c.position`,
  ).all(...params(projectId, documentId));
  const gold = tuples<number[], ClaimFrameRow>(
    db,
    `SELECT g.sentence_id, 0, ${columns} ${SENTENCES_IN_SCOPE(documentId)}
     JOIN gold g ON g.sentence_id = s.id JOIN gold_claims c ON c.gold_id = g.id
     ORDER BY g.id, c.position`,
  ).all(...params(projectId, documentId));
  return annotations.concat(gold);
}

/** The text and document title of some sentences, for lists that show them. */
export function sentenceTexts(db: Db, sentenceIds: readonly number[]): Map<number, { text: string; title: string }> {
  if (sentenceIds.length === 0) return new Map();
  const rows = sql<[string], { id: number; documentId: number; start: number; end: number; title: string }>(
    db,
    `SELECT s.id, s.document_id AS "documentId", s.start, s."end", d.title FROM sentences s JOIN documents d ON d.id = s.document_id
     WHERE s.id IN (${jsonIntegerList(db)})`,
  ).all(JSON.stringify(sentenceIds));
  // Offsets are UTF-16 indices, which SQLite's substr (code points) does not use: slice in JavaScript.
  const texts = new Map<number, string>();
  const textOf = (documentId: number) => {
    let text = texts.get(documentId);
    if (text === undefined) {
      text = values<[number], string>(db, 'SELECT text FROM documents WHERE id = ?').get(documentId) ?? '';
      texts.set(documentId, text);
    }
    return text;
  };
  return new Map(rows.map((row) => [row.id, { text: textOf(row.documentId).slice(row.start, row.end), title: row.title }]));
}

/** Everyone who has labelled a sentence of the project, by name. */
export function listAnnotatorsOfProject(db: Db, projectId: number): { id: number; username: string }[] {
  return sql<[number], { id: number; username: string }>(
    db,
    `SELECT u.id, u.username FROM users u WHERE u.id IN (
       SELECT DISTINCT a.annotator_id FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id
       WHERE d.project_id = ?) ORDER BY u.username`,
  ).all(projectId);
}

export function listDocumentTitles(db: Db, projectId: number): { id: number; title: string }[] {
  return sql<[number], { id: number; title: string }>(db, 'SELECT id, title FROM documents WHERE project_id = ? ORDER BY id').all(projectId);
}
