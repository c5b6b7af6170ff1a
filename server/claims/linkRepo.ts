// The reads linking needs (server/claims/link.ts): the words a ref's span covers, the sentence a
// claim belongs to, and the project's actors. Each runs only for a ref that lacks a side.
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';
import type { Span } from '../../shared/schemas/common.ts';

/**
 * A part of the text of a document without astral characters. SQLite's substr counts code points,
 * which in such a text are exactly the UTF-16 units offsets count; the rest of the text never
 * reaches JavaScript (a long article is ~300 KB).
 */
export function bmpTextSlice(db: Db, documentId: number, span: Span): string {
  const text = sql(db, 'SELECT substr(text, ?, ?) FROM documents WHERE id = ?').pluck().get(span.start + 1, span.end - span.start, documentId);
  return typeof text === 'string' ? text : '';
}

/** Where a sentence lies in its document. */
export function sentenceBounds(db: Db, sentenceId: number): Span {
  const row = sql(db, 'SELECT start, "end" FROM sentences WHERE id = ?').get(sentenceId) as { start: number; end: number } | undefined;
  return row ?? { start: 0, end: 0 };
}
