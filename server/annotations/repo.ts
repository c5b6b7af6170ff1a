import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';
import type { Annotation, AnnotationStatus, Claim } from '../../shared/schemas/annotations.ts';

interface AnnotationRow {
  id: number;
  sentence_id: number;
  annotator_id: number;
  status: AnnotationStatus;
  note: string | null;
  version: number;
  updated_at: string;
}

interface ClaimRow {
  id: number;
  annotation_id: number;
  stance: string;
  speaker_actor_id: number | null;
  speaker_start: number | null;
  speaker_end: number | null;
  target_actor_id: number | null;
  target_start: number | null;
  target_end: number | null;
  cue_start: number | null;
  cue_end: number | null;
  negated: number;
  hypothetical: number;
  origin: string;
}

const span = (start: number | null, end: number | null) => (start === null || end === null ? null : { start, end });

function toClaim(row: ClaimRow): Claim {
  return {
    id: row.id,
    speaker: { actorId: row.speaker_actor_id, span: span(row.speaker_start, row.speaker_end) },
    stance: row.stance,
    target: { actorId: row.target_actor_id, span: span(row.target_start, row.target_end) },
    cue: span(row.cue_start, row.cue_end),
    negated: row.negated === 1,
    hypothetical: row.hypothetical === 1,
    origin: row.origin,
  };
}

function toAnnotation(row: AnnotationRow, claims: Claim[]): Annotation {
  return {
    sentenceId: row.sentence_id,
    annotatorId: row.annotator_id,
    status: row.status,
    claims,
    note: row.note,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** The sentence with the facts a save needs: its document, project and text length. */
export interface SentenceHead {
  id: number;
  documentId: number;
  projectId: number;
  textLength: number;
}

export function findSentenceHead(db: Db, sentenceId: number): SentenceHead | undefined {
  return sql(
    db,
    `SELECT s.id, s.document_id AS documentId, d.project_id AS projectId, d.text_length AS textLength
     FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`,
  ).get(sentenceId) as SentenceHead | undefined;
}

export interface StoredAnnotation {
  id: number;
  annotation: Annotation;
}

export function findAnnotation(db: Db, sentenceId: number, annotatorId: number): StoredAnnotation | undefined {
  const row = sql(db, 'SELECT * FROM annotations WHERE sentence_id = ? AND annotator_id = ?').get(sentenceId, annotatorId) as
    | AnnotationRow
    | undefined;
  if (!row) return undefined;
  const claims = (sql(db, 'SELECT * FROM claims WHERE annotation_id = ? ORDER BY position').all(row.id) as ClaimRow[]).map(toClaim);
  return { id: row.id, annotation: toAnnotation(row, claims) };
}

/** Annotations of a document, of one annotator or (annotatorId null) of all, with their claims. */
export function listAnnotationsOfDocument(db: Db, documentId: number, annotatorId: number | null): Annotation[] {
  const rows = sql(
    db,
    `SELECT a.* FROM annotations a JOIN sentences s ON s.id = a.sentence_id
     WHERE s.document_id = ? AND (? IS NULL OR a.annotator_id = ?) ORDER BY s.idx, a.annotator_id`,
  ).all(documentId, annotatorId, annotatorId) as AnnotationRow[];
  const claimRows = sql(
    db,
    `SELECT c.* FROM claims c JOIN annotations a ON a.id = c.annotation_id JOIN sentences s ON s.id = a.sentence_id
     WHERE s.document_id = ? AND (? IS NULL OR a.annotator_id = ?) ORDER BY c.annotation_id, c.position`,
  ).all(documentId, annotatorId, annotatorId) as ClaimRow[];
  const claimsByAnnotation = new Map<number, Claim[]>();
  for (const row of claimRows) {
    const list = claimsByAnnotation.get(row.annotation_id) ?? [];
    list.push(toClaim(row));
    claimsByAnnotation.set(row.annotation_id, list);
  }
  return rows.map((row) => toAnnotation(row, claimsByAnnotation.get(row.id) ?? []));
}

export interface ClaimToWrite {
  id?: number;
  stance: string;
  speakerActorId: number | null;
  speakerSpan: { start: number; end: number } | null;
  targetActorId: number | null;
  targetSpan: { start: number; end: number } | null;
  cue: { start: number; end: number } | null;
  negated: boolean;
  hypothetical: boolean;
  origin: string;
}

export interface AnnotationToWrite {
  sentenceId: number;
  annotatorId: number;
  status: AnnotationStatus;
  note: string | null;
  timeSpentMs: number;
  claims: ClaimToWrite[];
}

/** Deletes an annotation and (by cascade) its claims; call inside a transaction. */
export function removeAnnotation(db: Db, annotationId: number): void {
  sql(db, 'DELETE FROM annotations WHERE id = ?').run(annotationId);
}

/** Writes an annotation and replaces its claims (keeping ids the client sent back); call inside a transaction. */
export function writeAnnotation(db: Db, existingId: number | undefined, input: AnnotationToWrite): number {
  const at = now();
  let annotationId: number;
  if (existingId === undefined) {
    const result = sql(
      db,
      `INSERT INTO annotations (sentence_id, annotator_id, status, note, version, time_spent_ms, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
    ).run(input.sentenceId, input.annotatorId, input.status, input.note, input.timeSpentMs, at, at);
    annotationId = Number(result.lastInsertRowid);
  } else {
    sql(
      db,
      `UPDATE annotations SET status = ?, note = ?, version = version + 1, time_spent_ms = time_spent_ms + ?, updated_at = ?
       WHERE id = ?`,
    ).run(input.status, input.note, input.timeSpentMs, at, existingId);
    sql(db, 'DELETE FROM claims WHERE annotation_id = ?').run(existingId);
    annotationId = existingId;
  }
  const insertClaim = sql(
    db,
    `INSERT INTO claims (id, annotation_id, position, stance, speaker_actor_id, speaker_start, speaker_end,
       target_actor_id, target_start, target_end, cue_start, cue_end, negated, hypothetical, origin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  input.claims.forEach((claim, position) => {
    insertClaim.run(
      claim.id ?? null,
      annotationId,
      position,
      claim.stance,
      claim.speakerActorId,
      claim.speakerSpan?.start ?? null,
      claim.speakerSpan?.end ?? null,
      claim.targetActorId,
      claim.targetSpan?.start ?? null,
      claim.targetSpan?.end ?? null,
      claim.cue?.start ?? null,
      claim.cue?.end ?? null,
      claim.negated ? 1 : 0,
      claim.hypothetical ? 1 : 0,
      claim.origin,
    );
  });
  return annotationId;
}
