import type { Db } from '../db/connection.ts';
import { parseMeta } from '../db/json.ts';
import type { DocumentRow, SentenceRow } from '../db/schema.ts';
import { now, sql, tuples, values } from '../db/statements.ts';
import type { DocumentDetail, Sentence } from '../../shared/schemas/documents.ts';
import { languageOf } from '../../shared/language.ts';

export interface NewDocument {
  projectId: number;
  title: string;
  source: string | null;
  published: string | null;
  text: string;
  textSha256: string;
  meta: Record<string, unknown>;
  segmenter: string;
  createdBy: number | null;
}

export interface NewSentence {
  start: number;
  end: number;
  paragraph: number;
  boilerplate: boolean;
}

export function findDocumentIdByHash(db: Db, projectId: number, textSha256: string): number | undefined {
  return values<[number, string], number>(db, 'SELECT id FROM documents WHERE project_id = ? AND text_sha256 = ?').get(projectId, textSha256);
}

/** A surrogate pair: one character in two UTF-16 units, which a span offset could cut in two. */
const ASTRAL_CHARACTER = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** Inserts a document and its sentences; call inside a transaction. */
export function insertDocument(db: Db, doc: NewDocument, sentences: readonly NewSentence[]): number {
  const documentId = values<unknown[], number>(
    db,
    `INSERT INTO documents (project_id, title, source, published, text, text_sha256, text_length, has_astral, meta, segmenter, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  ).get(
    doc.projectId,
    doc.title,
    doc.source,
    doc.published,
    doc.text,
    doc.textSha256,
    doc.text.length,
    ASTRAL_CHARACTER.test(doc.text) ? 1 : 0,
    JSON.stringify(doc.meta),
    doc.segmenter,
    doc.createdBy,
    now(),
  );
  // An INSERT … RETURNING returns its row or throws.
  if (documentId === undefined) throw new Error('INSERT INTO documents returned no row.');
  for (let first = 0; first < sentences.length; first += SENTENCES_PER_INSERT) {
    const chunk = sentences.slice(first, first + SENTENCES_PER_INSERT);
    const params: unknown[] = [];
    chunk.forEach((sentence, offset) => {
      params.push(documentId, first + offset, sentence.paragraph, sentence.start, sentence.end, sentence.boilerplate ? 1 : 0);
    });
    sql(db, insertSentencesText(chunk.length)).run(...params);
  }
  return documentId;
}

/**
 * Sentences go in multi-row INSERTs of up to this many rows: on PostgreSQL each statement is a
 * round trip, and one per sentence made an import of 1.3 M sentences take minutes. 100 rows are
 * 600 parameters, far below either engine's limit; the rows get their ids in VALUES order on both.
 */
const SENTENCES_PER_INSERT = 100;
const insertSentencesTexts: string[] = [];
/** The INSERT of `rows` sentences; one text per row count, so each is prepared once per connection. */
function insertSentencesText(rows: number): string {
  return (insertSentencesTexts[rows] ??=
    `INSERT INTO sentences (document_id, idx, paragraph, start, "end", boilerplate) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`);
}

/** The facts about a document that most checks need, without its text. */
export interface DocumentHead {
  id: number;
  projectId: number;
  title: string;
  textLength: number;
}

export function findDocumentHead(db: Db, id: number): DocumentHead | undefined {
  return sql<[number], DocumentHead>(db, 'SELECT id, project_id AS "projectId", title, text_length AS "textLength" FROM documents WHERE id = ?').get(id);
}

/** A sentence row as a tuple of its columns, in SELECT order. */
type SentenceTuple = [
  id: SentenceRow['id'],
  index: SentenceRow['idx'],
  paragraph: SentenceRow['paragraph'],
  start: SentenceRow['start'],
  end: SentenceRow['end'],
  boilerplate: SentenceRow['boilerplate'],
];

export function findDocument(db: Db, id: number): DocumentDetail | undefined {
  const row = sql<[number], DocumentRow>(db, 'SELECT * FROM documents WHERE id = ?').get(id);
  if (!row) return undefined;
  // Tuples, not row objects: documents of thousands of sentences open on every workspace visit.
  const rows = tuples<[number], SentenceTuple>(
    db,
    'SELECT id, idx, paragraph, start, "end", boilerplate FROM sentences WHERE document_id = ? ORDER BY idx',
  ).all(id);
  const sentences = rows.map(([sentenceId, index, paragraph, start, end, boilerplate]): Sentence => ({
    id: sentenceId,
    index,
    paragraph,
    start,
    end,
    text: row.text.slice(start, end),
    boilerplate: boilerplate === 1,
  }));
  const meta = parseMeta(row.meta);
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    source: row.source,
    published: row.published,
    text: row.text,
    textSha256: row.text_sha256,
    meta,
    language: languageOf(meta),
    segmenter: row.segmenter,
    createdAt: row.created_at,
    sentences,
  };
}

// The documents list reads per-document counters now (migration 0011); the queue still takes every document.
export { listDocuments } from './listing.ts';

/** A sentence with what corrections need: its document, project and the document text. */
export interface SentenceWithText {
  id: number;
  documentId: number;
  projectId: number;
  index: number;
  paragraph: number;
  start: number;
  end: number;
  boilerplate: boolean;
  text: string;
}

export function findSentenceWithText(db: Db, sentenceId: number): SentenceWithText | undefined {
  const row = sql<[number], Omit<SentenceWithText, 'boilerplate'> & { boilerplate: number }>(
    db,
    `SELECT s.id, s.document_id AS "documentId", d.project_id AS "projectId", s.idx AS "index", s.paragraph, s.start, s."end",
       s.boilerplate, d.text
     FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`,
  ).get(sentenceId);
  return row && { ...row, boilerplate: row.boilerplate === 1 };
}

export function findSentenceAt(db: Db, documentId: number, index: number): { id: number; paragraph: number; start: number; end: number } | undefined {
  return sql<[number, number], Pick<SentenceRow, 'id' | 'paragraph' | 'start' | 'end'>>(
    db,
    'SELECT id, paragraph, start, "end" FROM sentences WHERE document_id = ? AND idx = ?',
  ).get(documentId, index);
}

/** How many labels (annotators' and gold) the document's sentences carry. */
export function countLabelsOfDocument(db: Db, documentId: number): number {
  return (
    values<[number, number], number>(
      db,
      `SELECT (SELECT count(*) FROM annotations a JOIN sentences s ON s.id = a.sentence_id WHERE s.document_id = ?)
            + (SELECT count(*) FROM gold g JOIN sentences s ON s.id = g.sentence_id WHERE s.document_id = ?)`,
    ).get(documentId, documentId) ?? 0
  );
}

export function setBoilerplate(db: Db, sentenceId: number, boilerplate: boolean): void {
  sql(db, 'UPDATE sentences SET boilerplate = ? WHERE id = ?').run(boilerplate ? 1 : 0, sentenceId);
}

export function setSentenceEnd(db: Db, sentenceId: number, end: number): void {
  sql(db, 'UPDATE sentences SET "end" = ? WHERE id = ?').run(end, sentenceId);
}

export function deleteSentence(db: Db, sentenceId: number): void {
  sql(db, 'DELETE FROM sentences WHERE id = ?').run(sentenceId);
}

// UNIQUE (document_id, idx) would trip over a row-by-row shift; moving the tail out of the way
// and back keeps every intermediate state unique.
const SHIFT_AWAY = 1_000_000_000;

/** Moves the indices of the sentences after `afterIndex` by `delta` (+1 to open a gap, −1 to close one). */
export function shiftSentenceIndices(db: Db, documentId: number, afterIndex: number, delta: 1 | -1): void {
  sql(db, 'UPDATE sentences SET idx = idx + ? WHERE document_id = ? AND idx > ?').run(SHIFT_AWAY, documentId, afterIndex);
  sql(db, 'UPDATE sentences SET idx = idx - ? + ? WHERE document_id = ? AND idx > ?').run(SHIFT_AWAY, delta, documentId, SHIFT_AWAY);
}

export function insertSentence(
  db: Db,
  documentId: number,
  sentence: { index: number; paragraph: number; start: number; end: number; boilerplate: boolean },
): void {
  sql(db, 'INSERT INTO sentences (document_id, idx, paragraph, start, "end", boilerplate) VALUES (?, ?, ?, ?, ?, ?)').run(
    documentId,
    sentence.index,
    sentence.paragraph,
    sentence.start,
    sentence.end,
    sentence.boilerplate ? 1 : 0,
  );
}

/** A document's text alone (span checks that need to look at characters). */
export function findDocumentText(db: Db, id: number): string {
  return values<[number], string>(db, 'SELECT text FROM documents WHERE id = ?').get(id) ?? '';
}
