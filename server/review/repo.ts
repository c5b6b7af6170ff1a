import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';
import { GOLD_CLAIMS, listClaims, replaceClaims, toClaim, type ClaimRow, type ClaimToWrite } from '../claims/repo.ts';
import type { AnnotationStatus, Claim } from '../../shared/schemas/annotations.ts';
import type { Gold, GoldMethod } from '../../shared/schemas/review.ts';

interface GoldRow {
  id: number;
  sentence_id: number;
  status: AnnotationStatus;
  method: GoldMethod;
  reviewer_id: number;
  source_annotators: string;
  rationale: string | null;
  version: number;
  updated_at: string;
}

function toGold(row: GoldRow, claims: Claim[]): Gold {
  return {
    sentenceId: row.sentence_id,
    status: row.status,
    claims,
    method: row.method,
    reviewerId: row.reviewer_id,
    sourceAnnotators: JSON.parse(row.source_annotators) as number[],
    rationale: row.rationale,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export function findGold(db: Db, sentenceId: number): { id: number; gold: Gold } | undefined {
  const row = sql(db, 'SELECT * FROM gold WHERE sentence_id = ?').get(sentenceId) as GoldRow | undefined;
  return row && { id: row.id, gold: toGold(row, listClaims(db, GOLD_CLAIMS, row.id)) };
}

export function listGoldOfDocument(db: Db, documentId: number): Gold[] {
  const rows = sql(db, 'SELECT g.* FROM gold g JOIN sentences s ON s.id = g.sentence_id WHERE s.document_id = ? ORDER BY s.idx').all(
    documentId,
  ) as GoldRow[];
  const claimRows = sql(
    db,
    `SELECT c.*, c.gold_id AS owner_id FROM gold_claims c JOIN gold g ON g.id = c.gold_id JOIN sentences s ON s.id = g.sentence_id
     WHERE s.document_id = ? ORDER BY c.gold_id, c.position`,
  ).all(documentId) as ClaimRow[];
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

/** Writes a sentence's gold label (insert or new version) with its claims; call inside a transaction. */
export function writeGold(db: Db, existingId: number | undefined, input: GoldToWrite): void {
  const at = now();
  let goldId = existingId;
  if (goldId === undefined) {
    goldId = Number(
      sql(
        db,
        `INSERT INTO gold (sentence_id, status, method, reviewer_id, source_annotators, rationale, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.sentenceId, input.status, input.method, input.reviewerId, JSON.stringify(input.sourceAnnotators), input.rationale, at, at)
        .lastInsertRowid,
    );
  } else {
    sql(
      db,
      `UPDATE gold SET status = ?, method = ?, reviewer_id = ?, source_annotators = ?, rationale = ?, version = version + 1, updated_at = ?
       WHERE id = ?`,
    ).run(input.status, input.method, input.reviewerId, JSON.stringify(input.sourceAnnotators), input.rationale, at, goldId);
  }
  replaceClaims(db, GOLD_CLAIMS, goldId, input.claims);
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

export interface SentenceRow {
  id: number;
  documentId: number;
  index: number;
}

const scope = (documentId: number | undefined) => (documentId === undefined ? 'd.project_id = ?' : 'd.project_id = ? AND d.id = ?');
const params = (projectId: number, documentId: number | undefined) => (documentId === undefined ? [projectId] : [projectId, documentId]);

/** Non-boilerplate sentences of a project (or one of its documents) that carry at least one label. */
export function listLabelledSentences(db: Db, projectId: number, documentId?: number): SentenceRow[] {
  return sql(
    db,
    `SELECT s.id, s.document_id AS documentId, s.idx AS "index" FROM sentences s JOIN documents d ON d.id = s.document_id
     WHERE ${scope(documentId)} AND s.boilerplate = 0 AND EXISTS (SELECT 1 FROM annotations a WHERE a.sentence_id = s.id)
     ORDER BY s.document_id, s.idx`,
  ).all(...params(projectId, documentId)) as SentenceRow[];
}

// The bulk reads walk documents → sentences → labels (one index range per document, no subquery),
// and return tuples: 100,000s of rows are read for one report.
const SENTENCES_IN_SCOPE = (documentId: number | undefined) =>
  `FROM documents d JOIN sentences s ON s.document_id = d.id AND s.boilerplate = 0 AND ${scope(documentId)}`;

/** Every annotation status of the project's non-boilerplate sentences, then every gold status (annotatorId 0). */
export function listLabels(db: Db, projectId: number, documentId?: number): LabelRow[] {
  const annotations = sql(
    db,
    `SELECT a.sentence_id, s.document_id, a.annotator_id, a.status ${SENTENCES_IN_SCOPE(documentId)}
     JOIN annotations a ON a.sentence_id = s.id`,
  )
    .raw(true)
    .all(...params(projectId, documentId)) as LabelRow[];
  const gold = sql(
    db,
    `SELECT g.sentence_id, s.document_id, 0, g.status ${SENTENCES_IN_SCOPE(documentId)}
     JOIN gold g ON g.sentence_id = s.id`,
  )
    .raw(true)
    .all(...params(projectId, documentId)) as LabelRow[];
  return annotations.concat(gold);
}

/** Every claim frame of the project's non-boilerplate sentences, annotators' and gold's (annotatorId 0). */
export function listClaimFrames(db: Db, projectId: number, documentId?: number): ClaimFrameRow[] {
  const columns =
    'c.stance, c.speaker_actor_id, c.speaker_start, c.speaker_end, c.target_actor_id, c.target_start, c.target_end, c.negated, c.hypothetical';
  const annotations = sql(
    db,
    `SELECT a.sentence_id, a.annotator_id, ${columns} ${SENTENCES_IN_SCOPE(documentId)}
     JOIN annotations a ON a.sentence_id = s.id JOIN claims c ON c.annotation_id = a.id
     ORDER BY a.id, c.position`,
  )
    .raw(true)
    .all(...params(projectId, documentId)) as ClaimFrameRow[];
  const gold = sql(
    db,
    `SELECT g.sentence_id, 0, ${columns} ${SENTENCES_IN_SCOPE(documentId)}
     JOIN gold g ON g.sentence_id = s.id JOIN gold_claims c ON c.gold_id = g.id
     ORDER BY g.id, c.position`,
  )
    .raw(true)
    .all(...params(projectId, documentId)) as ClaimFrameRow[];
  return annotations.concat(gold);
}

/** The text and document title of some sentences, for lists that show them. */
export function sentenceTexts(db: Db, sentenceIds: readonly number[]): Map<number, { text: string; title: string }> {
  if (sentenceIds.length === 0) return new Map();
  const rows = sql(
    db,
    `SELECT s.id, s.document_id AS documentId, s.start, s."end", d.title FROM sentences s JOIN documents d ON d.id = s.document_id
     WHERE s.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(sentenceIds)) as { id: number; documentId: number; start: number; end: number; title: string }[];
  // Offsets are UTF-16 indices, which SQLite's substr (code points) does not use: slice in JavaScript.
  const texts = new Map<number, string>();
  const textOf = (documentId: number) => {
    let text = texts.get(documentId);
    if (text === undefined) {
      text = (sql(db, 'SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string }).text;
      texts.set(documentId, text);
    }
    return text;
  };
  return new Map(rows.map((row) => [row.id, { text: textOf(row.documentId).slice(row.start, row.end), title: row.title }]));
}

/** Everyone who has labelled a sentence of the project, by name. */
export function listAnnotatorsOfProject(db: Db, projectId: number): { id: number; username: string }[] {
  return sql(
    db,
    `SELECT u.id, u.username FROM users u WHERE u.id IN (
       SELECT DISTINCT a.annotator_id FROM annotations a JOIN sentences s ON s.id = a.sentence_id JOIN documents d ON d.id = s.document_id
       WHERE d.project_id = ?) ORDER BY u.username`,
  ).all(projectId) as { id: number; username: string }[];
}

export function listDocumentTitles(db: Db, projectId: number): { id: number; title: string }[] {
  return sql(db, 'SELECT id, title FROM documents WHERE project_id = ? ORDER BY id').all(projectId) as { id: number; title: string }[];
}

