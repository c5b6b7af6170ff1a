// The reads linking needs (server/claims/link.ts) that no other repository has: where the claim's
// sentence lies. It runs only for a ref that lacks a side.
import type { Db } from '../db/connection.ts';
import { sql, values } from '../db/statements.ts';
import type { Span } from '../../shared/schemas/common.ts';

/** Where a sentence lies in its document. */
export function sentenceBounds(db: Db, sentenceId: number): Span {
  const row = sql<[number], Span>(db, 'SELECT start, "end" FROM sentences WHERE id = ?').get(sentenceId);
  return row ?? { start: 0, end: 0 };
}

/**
 * The version of a project's actor registry (migration 0009: database triggers move it with every
 * actor added, edited, merged or deleted): the matcher linking compiles is kept while it holds.
 */
export function actorsVersion(db: Db, projectId: number): number {
  return values<[number], number>(db, 'SELECT actors_version FROM projects WHERE id = ?').get(projectId) ?? -1;
}
