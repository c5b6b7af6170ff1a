import type { Db } from '../db/connection.ts';
import type { AnnotationRow } from '../db/schema.ts';
import { deferred, now, sql, tuples } from '../db/statements.ts';
import { parseStanceLabels } from '../db/json.ts';
import { ANNOTATION_CLAIMS, replaceClaims, span, type ClaimOwner, type ClaimToWrite } from '../claims/repo.ts';
import type { Annotation, AnnotationStatus } from '../../shared/schemas/annotations.ts';
import type { Project } from '../../shared/schemas/projects.ts';

/** The sentence with the facts a save needs: its document, project, text length and whether the text holds astral characters. */
export interface SentenceHead {
  id: number;
  documentId: number;
  projectId: number;
  textLength: number;
  hasAstral: boolean;
}

export function findSentenceHead(db: Db, sentenceId: number): SentenceHead | undefined {
  const row = sql<[number], Omit<SentenceHead, 'hasAstral'> & { hasAstral: number }>(
    db,
    `SELECT s.id, s.document_id AS "documentId", d.project_id AS "projectId", d.text_length AS "textLength", d.has_astral AS "hasAstral"
     FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`,
  ).get(sentenceId);
  return row && { ...row, hasAstral: row.hasAstral === 1 };
}

export interface StoredAnnotation {
  id: number;
  annotation: Annotation;
}

/** One row of the joined reads below: an annotation's columns, then one claim's (null when it has none). */
type AnnotationClaimRow = [
  id: number,
  sentenceId: number,
  annotatorId: number,
  status: AnnotationStatus,
  note: string | null,
  version: number,
  updatedAt: string,
  claimId: number | null,
  stance: string,
  speakerActorId: number | null,
  speakerStart: number | null,
  speakerEnd: number | null,
  targetActorId: number | null,
  targetStart: number | null,
  targetEnd: number | null,
  cueStart: number | null,
  cueEnd: number | null,
  negated: number,
  hypothetical: number,
  origin: string,
  originModel: string | null,
  originScore: number | null,
];

const ANNOTATION_CLAIM_COLUMNS = `a.id, a.sentence_id, a.annotator_id, a.status, a.note, a.version, a.updated_at,
  c.id, c.stance, c.speaker_actor_id, c.speaker_start, c.speaker_end, c.target_actor_id, c.target_start, c.target_end,
  c.cue_start, c.cue_end, c.negated, c.hypothetical, c.origin, c.origin_model, c.origin_score`;

/** Folds joined rows (ordered by annotation, then claim position) into annotations with their claims. */
function foldAnnotations(rows: readonly AnnotationClaimRow[]): StoredAnnotation[] {
  const stored: StoredAnnotation[] = [];
  let last: StoredAnnotation | undefined;
  for (const row of rows) {
    if (row[0] !== last?.id) {
      last = {
        id: row[0],
        annotation: { sentenceId: row[1], annotatorId: row[2], status: row[3], claims: [], note: row[4], version: row[5], updatedAt: row[6] },
      };
      stored.push(last);
    }
    if (row[7] === null) continue;
    last.annotation.claims.push({
      id: row[7],
      speaker: { actorId: row[9], span: span(row[10], row[11]) },
      stance: row[8],
      target: { actorId: row[12], span: span(row[13], row[14]) },
      cue: span(row[15], row[16]),
      negated: row[17] === 1,
      hypothetical: row[18] === 1,
      origin: row[19],
      originModel: row[20],
      originScore: row[21],
    });
  }
  return stored;
}

/** One annotator's annotation of a sentence with its claims, in one read (every save starts with it). */
export function findAnnotation(db: Db, sentenceId: number, annotatorId: number): StoredAnnotation | undefined {
  const rows = tuples<[number, number], AnnotationClaimRow>(
    db,
    `SELECT ${ANNOTATION_CLAIM_COLUMNS}
     FROM annotations a LEFT JOIN claims c ON c.annotation_id = a.id
     WHERE a.sentence_id = ? AND a.annotator_id = ? ORDER BY c.position`,
  ).all(sentenceId, annotatorId);
  return foldAnnotations(rows)[0];
}

/** A sentence as a save checks and links its label: the head, where it lies, its project's rules, and the user's label. */
export interface SentenceRules {
  sentence: SentenceHead & { start: number; end: number; actorsVersion: number };
  stanceLabels: Project['stanceLabels'];
  /** Whether the user is a member of the sentence's project. */
  member: boolean;
  /** The user's own label of the sentence with its claims, if any (as findAnnotation reads it). */
  label: StoredAnnotation | undefined;
  /** The version of the user's label taken back last (its tombstone), 0 if none: a new label continues from it. */
  takenBackVersion: number;
}

type SentenceRulesRow = [
  id: number,
  documentId: number,
  projectId: number,
  textLength: number,
  hasAstral: number,
  start: number,
  end: number,
  actorsVersion: number,
  stanceLabels: string,
  member: number,
  takenBackVersion: number | null,
  // The user's label and its claims (LEFT JOIN: all null when there is none).
  ...label: AnnotationClaimRow,
];

/**
 * Everything a label save reads before it writes, in one statement (on PostgreSQL each statement
 * is a round trip): the sentence with its document, its project's stance keys and registry version
 * (linking keys its matcher on it), whether `userId` is a member of that project, that user's
 * label of the sentence with its claims (a row per claim), and the version of the label they took
 * back last, which a new one continues.
 */
export function findSentenceRules(db: Db, sentenceId: number, userId: number): SentenceRules | undefined {
  const rows = tuples<[number, number, number, number], SentenceRulesRow>(
    db,
    `SELECT s.id, s.document_id, d.project_id, d.text_length, d.has_astral, s.start, s."end", p.actors_version, p.stance_labels,
       EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = ?),
       (SELECT t.version FROM annotation_tombstones t WHERE t.sentence_id = s.id AND t.annotator_id = ?),
       ${ANNOTATION_CLAIM_COLUMNS}
     FROM sentences s JOIN documents d ON d.id = s.document_id JOIN projects p ON p.id = d.project_id
       LEFT JOIN annotations a ON a.sentence_id = s.id AND a.annotator_id = ? LEFT JOIN claims c ON c.annotation_id = a.id
     WHERE s.id = ? ORDER BY c.position`,
  ).all(userId, userId, userId, sentenceId);
  const first = rows[0];
  if (!first) return undefined;
  const [id, documentId, projectId, textLength, hasAstral, start, end, actorsVersion, stanceLabels, member, takenBackVersion, labelId] = first;
  const labelRows = rows.map(([, , , , , , , , , , , ...label]) => label);
  return {
    sentence: { id, documentId, projectId, textLength, hasAstral: hasAstral === 1, start, end, actorsVersion },
    stanceLabels: parseStanceLabels(stanceLabels),
    member: member === 1,
    // A null annotation id is the LEFT JOIN finding no label.
    label: (labelId as number | null) === null ? undefined : foldAnnotations(labelRows)[0],
    takenBackVersion: takenBackVersion ?? 0,
  };
}

/**
 * Annotations of a document, of one annotator or (annotatorId null) of all, with their claims. One
 * joined query read as tuples: a finished 2,000-sentence document is served on every workspace open.
 */
export function listAnnotationsOfDocument(db: Db, documentId: number, annotatorId: number | null): Annotation[] {
  // Two statements, not `(? IS NULL OR a.annotator_id = ?)`: with the annotator in the condition
  // SQLite seeks (sentence, annotator) directly instead of reading every annotator's label of each sentence.
  const from = `FROM sentences s JOIN annotations a ON a.sentence_id = s.id LEFT JOIN claims c ON c.annotation_id = a.id`;
  const rows =
    annotatorId === null
      ? tuples<[number], AnnotationClaimRow>(
          db,
          `SELECT ${ANNOTATION_CLAIM_COLUMNS} ${from} WHERE s.document_id = ? ORDER BY s.idx, a.annotator_id, c.position`,
        ).all(documentId)
      : tuples<[number, number], AnnotationClaimRow>(
          db,
          `SELECT ${ANNOTATION_CLAIM_COLUMNS} ${from} WHERE s.document_id = ? AND a.annotator_id = ? ORDER BY s.idx, c.position`,
        ).all(documentId, annotatorId);
  return foldAnnotations(rows).map((stored) => stored.annotation);
}

export interface AnnotationToWrite {
  sentenceId: number;
  annotatorId: number;
  status: AnnotationStatus;
  note: string | null;
  timeSpentMs: number;
  claims: ClaimToWrite[];
}

/**
 * Deletes an annotation (and by cascade its claims) if it is still at `version`, and keeps that
 * version as a tombstone so the sentence's next label continues the count. False when the
 * annotation had moved on (nothing written). Call inside a transaction.
 */
export function removeAnnotation(db: Db, existing: StoredAnnotation): boolean {
  const { sentenceId, annotatorId, version } = existing.annotation;
  if (sql(db, 'DELETE FROM annotations WHERE id = ? AND version = ?').run(existing.id, version).changes === 0) return false;
  sql(
    db,
    `INSERT INTO annotation_tombstones (sentence_id, annotator_id, version) VALUES (?, ?, ?)
     ON CONFLICT (sentence_id, annotator_id) DO UPDATE SET version = excluded.version`,
  ).run(sentenceId, annotatorId, version);
  return true;
}

/**
 * Writes an annotation and replaces its claims (keeping ids the client sent back); returns it as
 * stored, so a save need not read it back. The write is conditional: an update happens only while
 * the row is still at the version `existing` was read at, and returns undefined (nothing written)
 * otherwise; a first label continues the version count of a label taken back before (tombstone).
 * `takenBackVersion`: that tombstone's version as the caller read it in this transaction (0 for
 * none); with it a first label is written without reading anything back, so on PostgreSQL it
 * travels with the COMMIT. Call inside a transaction.
 */
export function writeAnnotation(db: Db, existing: StoredAnnotation | undefined, input: AnnotationToWrite, takenBackVersion?: number): Annotation | undefined {
  const at = now();
  const forget = deferred(db, 'DELETE FROM annotation_tombstones WHERE sentence_id = ? AND annotator_id = ?');
  let version: number;
  let owner: ClaimOwner;
  if (existing === undefined && takenBackVersion !== undefined) {
    version = takenBackVersion + 1;
    // A first label written twice at once trips UNIQUE (sentence, annotator) at the COMMIT: a 409.
    deferred(
      db,
      `INSERT INTO annotations (sentence_id, annotator_id, status, note, version, time_spent_ms, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )(input.sentenceId, input.annotatorId, input.status, input.note, version, input.timeSpentMs, at, at);
    if (takenBackVersion > 0) forget(input.sentenceId, input.annotatorId);
    owner = { sentenceId: input.sentenceId, annotatorId: input.annotatorId };
  } else if (existing === undefined) {
    const row = sql<unknown[], Pick<AnnotationRow, 'id' | 'version'>>(
      db,
      `INSERT INTO annotations (sentence_id, annotator_id, status, note, version, time_spent_ms, created_at, updated_at)
       VALUES (?, ?, ?, ?,
         1 + coalesce((SELECT version FROM annotation_tombstones WHERE sentence_id = ? AND annotator_id = ?), 0), ?, ?, ?)
       RETURNING id, version`,
    ).get(input.sentenceId, input.annotatorId, input.status, input.note, input.sentenceId, input.annotatorId, input.timeSpentMs, at, at);
    // An INSERT … RETURNING returns its row or throws (a concurrent first label trips UNIQUE: a 409).
    if (!row) return undefined;
    // Version 1 means no tombstone was there (a tombstone keeps a version of at least 1).
    if (row.version > 1) forget(input.sentenceId, input.annotatorId);
    ({ id: owner, version } = row);
  } else {
    const row = sql<unknown[], Pick<AnnotationRow, 'id' | 'version'>>(
      db,
      `UPDATE annotations SET status = ?, note = ?, version = version + 1, time_spent_ms = time_spent_ms + ?, updated_at = ?
       WHERE id = ? AND version = ? RETURNING id, version`,
    ).get(input.status, input.note, input.timeSpentMs, at, existing.id, existing.annotation.version);
    if (!row) return undefined;
    ({ id: owner, version } = row);
  }
  // A new annotation has no claims to delete.
  const claims = replaceClaims(db, ANNOTATION_CLAIMS, owner, input.claims, { fresh: existing === undefined });
  return {
    sentenceId: input.sentenceId,
    annotatorId: input.annotatorId,
    status: input.status,
    claims,
    note: input.note,
    version,
    updatedAt: at,
  };
}

/** The time recorded on each label (ms, summed over its saves), by sentence and annotator: kept for analysis, shown by no route. */
export function listTimeSpent(db: Db): { sentenceId: number; annotatorId: number; timeSpentMs: number }[] {
  return sql<[], Pick<AnnotationRow, 'sentence_id' | 'annotator_id' | 'time_spent_ms'>>(
    db,
    'SELECT sentence_id, annotator_id, time_spent_ms FROM annotations ORDER BY sentence_id, annotator_id',
  )
    .all()
    .map((row) => ({ sentenceId: row.sentence_id, annotatorId: row.annotator_id, timeSpentMs: row.time_spent_ms }));
}
