import type { Db } from '../db/connection.ts';
import { parseMeta } from '../db/json.ts';
import { integerArray, jsonTextRows, unnestIntegers } from '../db/dialect.ts';
import type { DocumentRow, SentenceRow } from '../db/schema.ts';
import { deferred, now, sql, tuples, values } from '../db/statements.ts';
import type { DocumentDetail, Sentence } from '../../shared/schemas/documents.ts';
import { languageOf } from '../../shared/language.ts';
import { insertDocumentStats } from './stats.ts';

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

/**
 * The ids of the project's documents with these texts (by SHA-256), in one query: one lookup of the
 * (project_id, text_sha256) index per hash. As `text_sha256 IN (…)`, PostgreSQL planned a bulk
 * import's lookups from the statistics of the still empty table, and each batch of 500 read every
 * document of the project (13,000 rows in the 26th batch of an import of 20,000): a cost growing
 * with the square of the import. A scalar subquery is never turned into a join.
 */
export function findDocumentIdsByHash(db: Db, projectId: number, hashes: readonly string[]): Map<string, number> {
  const rows = tuples<[number, string], [string, number]>(
    db,
    `SELECT found.hash, found.id FROM (
       SELECT h.value AS hash, (SELECT d.id FROM documents d WHERE d.project_id = ? AND d.text_sha256 = h.value) AS id
       FROM ${jsonTextRows(db, 'h')}
     ) AS found WHERE found.id IS NOT NULL`,
  ).all(projectId, JSON.stringify(hashes));
  return new Map(rows);
}

/** A surrogate pair: one character in two UTF-16 units, which a span offset could cut in two. */
const ASTRAL_CHARACTER = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** Inserts a document and its sentences; call inside a transaction. */
export function insertDocument(db: Db, doc: NewDocument, sentences: readonly NewSentence[]): number {
  return insertDocuments(db, [{ doc, sentences }])[0]!;
}

/**
 * Inserts documents, their counter rows and their sentences in multi-row INSERTs, the ids in the
 * order given; call inside a transaction. Every document is inserted here (migration 0022). On
 * PostgreSQL every statement is a round trip, and one per document and per sentence made an
 * import of 100,000 articles (1.3 M sentences) take minutes. The rows are the
 * ones single-row inserts made, ids included: both engines number the rows of a VALUES list in order.
 */
export function insertDocuments(db: Db, entries: readonly { doc: NewDocument; sentences: readonly NewSentence[] }[]): number[] {
  const createdAt = now();
  const ids: number[] = [];
  for (const [first, count] of chunks(entries.length, db.dialect === 'postgres' ? DOCUMENTS_PER_INSERT_POSTGRES : DOCUMENTS_PER_INSERT)) {
    const params: unknown[] = [];
    for (const { doc } of entries.slice(first, first + count)) {
      params.push(
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
        createdAt,
      );
    }
    const text = `INSERT INTO documents (project_id, title, source, published, text, text_sha256, text_length, has_astral, meta, segmenter, created_by, created_at)
       VALUES ${rowsOf(count, 12)} RETURNING id`;
    // RETURNING promises no order: the ids are sorted, which is the order of the VALUES rows.
    const returned = values<unknown[], number>(db, text).all(...params);
    // An INSERT … RETURNING returns its rows or throws.
    if (returned.length !== count) throw new Error(`INSERT INTO documents returned ${returned.length} of ${count} rows.`);
    ids.push(...returned.sort((a, b) => a - b));
  }
  // Every document has its counter row from the start (stats.ts; the documents list joins it).
  insertDocumentStats(
    db,
    entries.map(({ doc, sentences }, k) => ({ id: ids[k]!, projectId: doc.projectId, sentences })),
  );
  insertSentences(db, entries, ids);
  return ids;
}

const SENTENCE_COLUMNS = 'sentences (document_id, idx, paragraph, start, "end", boilerplate)';

/**
 * The documents' sentences, in order. PostgreSQL takes them in statements of one array per column
 * (dialect.ts, unnestIntegers), written without waiting for an answer: a VALUES list of thousands
 * of parameters was planned anew on every run, half the import's time there. SQLite plans a VALUES
 * list once per prepared statement and takes those.
 */
function insertSentences(db: Db, entries: readonly { sentences: readonly NewSentence[] }[], ids: readonly number[]): void {
  if (db.dialect === 'sqlite') {
    insertSentencesSqlite(db, entries, ids);
    return;
  }
  const sentences: number[][] = [];
  entries.forEach(({ sentences: ofDocument }, k) => {
    ofDocument.forEach((sentence, index) => {
      sentences.push([ids[k]!, index, sentence.paragraph, sentence.start, sentence.end, sentence.boilerplate ? 1 : 0]);
    });
  });
  if (db.dialect === 'postgres') {
    const insert = deferred(db, `INSERT INTO ${SENTENCE_COLUMNS} ${unnestIntegers(6)}`);
    for (let first = 0; first < sentences.length; first += SENTENCES_PER_ARRAY) {
      const rows = sentences.slice(first, first + SENTENCES_PER_ARRAY);
      insert(...Array.from({ length: 6 }, (_, column) => integerArray(rows.map((row) => row[column]!))));
    }
  }
}

/** SQLite's multi-row INSERTs of the sentences, their parameters in one flat list (no array per sentence: 1.2 M of them in an import of 100,000 articles). */
function insertSentencesSqlite(db: Db, entries: readonly { sentences: readonly NewSentence[] }[], ids: readonly number[]): void {
  const params: number[] = [];
  entries.forEach(({ sentences }, k) => {
    const id = ids[k]!;
    for (let index = 0; index < sentences.length; index++) {
      const sentence = sentences[index]!;
      params.push(id, index, sentence.paragraph, sentence.start, sentence.end, sentence.boilerplate ? 1 : 0);
    }
  });
  for (const [first, count] of chunks(params.length / 6, SENTENCES_PER_INSERT)) {
    sql(db, `INSERT INTO ${SENTENCE_COLUMNS} VALUES ${rowsOf(count, 6)}`).run(...params.slice(6 * first, 6 * (first + count)));
  }
}

// Rows per multi-row INSERT: 64 documents are 768 parameters, 512 sentences 3,072, far below
// either engine's limit (SQLite 32,766, PostgreSQL 65,535).
const DOCUMENTS_PER_INSERT = 64;
/**
 * PostgreSQL keeps a new document's title words and its project's count by triggers that run
 * once per INSERT statement (migrations 0020, 0021), and each statement is a round trip:
 * 512 documents (6,144 parameters) per statement instead of 64 cost its server ~7 % less CPU in an
 * import of 50,000 articles (19.8-20.3 s against 21.2-21.7 s, load 2.4-4.6).
 */
const DOCUMENTS_PER_INSERT_POSTGRES = 512;
const SENTENCES_PER_INSERT = 512;
/** Sentences per PostgreSQL statement of column arrays: a batch of 500 articles is one or two. */
const SENTENCES_PER_ARRAY = 4096;

/**
 * `total` rows as [first, count] chunks: full chunks of `size` (a power of two), then the rest in
 * smaller powers of two, so that at most log2(size) + 1 statement texts exist, each prepared once
 * per connection.
 */
function chunks(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  let first = 0;
  for (; total - first >= size; first += size) out.push([first, size]);
  for (let count = size / 2; count >= 1; count /= 2) {
    if (total - first < count) continue;
    out.push([first, count]);
    first += count;
  }
  return out;
}

const rowTexts = new Map<string, string>();
/** `(?, …), (?, …)`: `rows` rows of `columns` placeholders. */
function rowsOf(rows: number, columns: number): string {
  const key = `${rows}x${columns}`;
  let text = rowTexts.get(key);
  if (text === undefined) {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    text = Array.from({ length: rows }, () => row).join(', ');
    rowTexts.set(key, text);
  }
  return text;
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
