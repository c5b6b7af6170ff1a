import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';
import { ANNOTATION_CLAIMS, listClaims, replaceClaims, toClaim, type ClaimRow, type ClaimToWrite } from '../claims/repo.ts';
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
  return { id: row.id, annotation: toAnnotation(row, listClaims(db, ANNOTATION_CLAIMS, row.id)) };
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
    `SELECT c.*, c.annotation_id AS owner_id FROM claims c JOIN annotations a ON a.id = c.annotation_id JOIN sentences s ON s.id = a.sentence_id
     WHERE s.document_id = ? AND (? IS NULL OR a.annotator_id = ?) ORDER BY c.annotation_id, c.position`,
  ).all(documentId, annotatorId, annotatorId) as ClaimRow[];
  const claimsByAnnotation = new Map<number, Claim[]>();
  for (const row of claimRows) {
    const list = claimsByAnnotation.get(row.owner_id) ?? [];
    list.push(toClaim(row));
    claimsByAnnotation.set(row.owner_id, list);
  }
  return rows.map((row) => toAnnotation(row, claimsByAnnotation.get(row.id) ?? []));
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
    annotationId = existingId;
  }
  replaceClaims(db, ANNOTATION_CLAIMS, annotationId, input.claims);
  return annotationId;
}
