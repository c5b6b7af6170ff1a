// The reads linking needs (server/claims/link.ts) that no other repository has: where the claim's
// sentence lies. It runs only for a ref that lacks a side.
import type { Db } from '../db/connection.ts';
import { sql } from '../db/statements.ts';
import type { Span } from '../../shared/schemas/common.ts';

/** Where a sentence lies in its document. */
export function sentenceBounds(db: Db, sentenceId: number): Span {
  const row = sql(db, 'SELECT start, "end" FROM sentences WHERE id = ?').get(sentenceId) as { start: number; end: number } | undefined;
  return row ?? { start: 0, end: 0 };
}
