// The reads behind the figures per suggestion source (./sources.ts): a document's gold claims and its
// annotators' labels with where each claim came from. Sentences marked boilerplate and labels
// 'skipped' are left out: nothing was judged there.
import type { Db } from '../db/connection.ts';
import { sql, values } from '../db/statements.ts';
import { toClaim, type ClaimRow } from '../claims/repo.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';

/** Documents of the project with at least one annotator's label. */
export function labelledDocumentIds(db: Db, projectId: number): number[] {
  return values<[number], number>(
    db,
    `SELECT DISTINCT s.document_id FROM documents d JOIN sentences s ON s.document_id = d.id JOIN annotations a ON a.sentence_id = s.id
     WHERE d.project_id = ? ORDER BY s.document_id`,
  ).all(projectId);
}

/** The gold claims of each gold sentence of a document (a "no claim" gold sentence: an empty list). */
export function goldClaimsOfDocument(db: Db, documentId: number): Map<number, Claim[]> {
  const sentences = values<[number], number>(
    db,
    `SELECT g.sentence_id FROM sentences s JOIN gold g ON g.sentence_id = s.id
     WHERE s.document_id = ? AND s.boilerplate = 0 AND g.status <> 'skipped' ORDER BY s.idx`,
  ).all(documentId);
  const gold = new Map(sentences.map((id) => [id, [] as Claim[]]));
  const rows = sql<[number], ClaimRow & { sentence_id: number }>(
    db,
    `SELECT c.*, c.gold_id AS owner_id, g.sentence_id FROM sentences s JOIN gold g ON g.sentence_id = s.id JOIN gold_claims c ON c.gold_id = g.id
     WHERE s.document_id = ? AND s.boilerplate = 0 AND g.status <> 'skipped' ORDER BY c.gold_id, c.position`,
  ).all(documentId);
  for (const row of rows) gold.get(row.sentence_id)?.push(toClaim(row));
  return gold;
}

/** One annotator's label of a sentence (not skipped) with its claims. */
export interface SavedLabel {
  sentenceId: number;
  claims: Claim[];
}

/** Every annotator's label of the document's sentences, skipped ones left out. */
export function labelsOfDocument(db: Db, documentId: number): SavedLabel[] {
  const labels = sql<[number], { id: number; sentence_id: number }>(
    db,
    `SELECT a.id, a.sentence_id FROM sentences s JOIN annotations a ON a.sentence_id = s.id
     WHERE s.document_id = ? AND s.boilerplate = 0 AND a.status <> 'skipped' ORDER BY a.id`,
  ).all(documentId);
  const byId = new Map(labels.map((row) => [row.id, { sentenceId: row.sentence_id, claims: [] as Claim[] }]));
  const rows = sql<[number], ClaimRow>(
    db,
    `SELECT c.*, c.annotation_id AS owner_id FROM sentences s JOIN annotations a ON a.sentence_id = s.id JOIN claims c ON c.annotation_id = a.id
     WHERE s.document_id = ? AND s.boilerplate = 0 AND a.status <> 'skipped' ORDER BY c.annotation_id, c.position`,
  ).all(documentId);
  for (const row of rows) byId.get(row.owner_id)?.claims.push(toClaim(row));
  return [...byId.values()];
}
