import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';
import type { DocumentDetail, DocumentSummary, Sentence } from '../../shared/schemas/documents.ts';

interface DocumentRow {
  id: number;
  project_id: number;
  title: string;
  source: string | null;
  published: string | null;
  text: string;
  text_sha256: string;
  text_length: number;
  meta: string;
  segmenter: string;
  created_at: string;
}

interface SentenceRow {
  id: number;
  idx: number;
  paragraph: number;
  start: number;
  end: number;
  boilerplate: number;
}

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
  const row = sql(db, 'SELECT id FROM documents WHERE project_id = ? AND text_sha256 = ?').get(projectId, textSha256) as
    | { id: number }
    | undefined;
  return row?.id;
}

/** Inserts a document and its sentences; call inside a transaction. */
export function insertDocument(db: Db, doc: NewDocument, sentences: readonly NewSentence[]): number {
  const result = sql(
    db,
    `INSERT INTO documents (project_id, title, source, published, text, text_sha256, text_length, meta, segmenter, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    doc.projectId,
    doc.title,
    doc.source,
    doc.published,
    doc.text,
    doc.textSha256,
    doc.text.length,
    JSON.stringify(doc.meta),
    doc.segmenter,
    doc.createdBy,
    now(),
  );
  const documentId = Number(result.lastInsertRowid);
  const insertSentence = sql(
    db,
    'INSERT INTO sentences (document_id, idx, paragraph, start, "end", boilerplate) VALUES (?, ?, ?, ?, ?, ?)',
  );
  sentences.forEach((sentence, index) => {
    insertSentence.run(documentId, index, sentence.paragraph, sentence.start, sentence.end, sentence.boilerplate ? 1 : 0);
  });
  return documentId;
}

/** The facts about a document that most checks need, without its text. */
export interface DocumentHead {
  id: number;
  projectId: number;
  title: string;
  textLength: number;
}

export function findDocumentHead(db: Db, id: number): DocumentHead | undefined {
  return sql(db, 'SELECT id, project_id AS projectId, title, text_length AS textLength FROM documents WHERE id = ?').get(id) as
    | DocumentHead
    | undefined;
}

export function findDocument(db: Db, id: number): DocumentDetail | undefined {
  const row = sql(db, 'SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  if (!row) return undefined;
  const sentences = (
    sql(db, 'SELECT id, idx, paragraph, start, "end", boilerplate FROM sentences WHERE document_id = ? ORDER BY idx').all(
      id,
    ) as SentenceRow[]
  ).map(
    (s): Sentence => ({
      id: s.id,
      index: s.idx,
      paragraph: s.paragraph,
      start: s.start,
      end: s.end,
      text: row.text.slice(s.start, s.end),
      boilerplate: s.boilerplate === 1,
    }),
  );
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    source: row.source,
    published: row.published,
    text: row.text,
    textSha256: row.text_sha256,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    segmenter: row.segmenter,
    createdAt: row.created_at,
    sentences,
  };
}

/** Documents of a project with sentence counts for the progress bars (boilerplate not counted). */
export function listDocuments(db: Db, projectId: number, userId: number, overlap: number): DocumentSummary[] {
  const rows = sql(
    db,
    `SELECT d.id, d.project_id, d.title, d.source, d.published, d.created_at,
       (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentence_count,
       (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND s.boilerplate = 0) AS total,
       (SELECT count(*) FROM sentences s JOIN annotations a ON a.sentence_id = s.id AND a.annotator_id = ?
          WHERE s.document_id = d.id AND s.boilerplate = 0) AS mine,
       (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND s.boilerplate = 0
          AND (SELECT count(*) FROM annotations a WHERE a.sentence_id = s.id) >= ?) AS overall
     FROM documents d WHERE d.project_id = ? ORDER BY d.id`,
  ).all(userId, overlap, projectId) as {
    id: number;
    project_id: number;
    title: string;
    source: string | null;
    published: string | null;
    created_at: string;
    sentence_count: number;
    total: number;
    mine: number;
    overall: number;
  }[];
  return rows.map((row) => ({
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    source: row.source,
    published: row.published,
    sentenceCount: row.sentence_count,
    // Gold labels arrive with adjudication; until then nothing is adjudicated.
    progress: { total: row.total, mine: row.mine, overall: row.overall, adjudicated: 0 },
    createdAt: row.created_at,
  }));
}
