// Export pseudonyms ("annotator-2", "reviewer-1"): stored per (project, user, kind) and never
// renumbered (migrations/sqlite/0005_pseudonyms.sql). The database gives them, by trigger, in the
// transaction of the first label or gold label that needs one; this module reads them, and lets
// import-annotations keep the numbers a file already carries.
import type { Db } from '../db/connection.ts';
import { now, sql, values } from '../db/statements.ts';

export type PseudonymKind = 'annotator' | 'reviewer';

/** The pseudonym as exports write it. */
export const pseudonymName = (kind: PseudonymKind, number: number) => `${kind}-${number}`;

/** The number in a pseudonym of this kind ("annotator-7" → 7), or undefined when the name is not one. */
export function pseudonymNumber(name: string, kind: PseudonymKind): number | undefined {
  const match = /^(annotator|reviewer)-([1-9][0-9]{0,8})$/.exec(name);
  return match && match[1] === kind ? Number(match[2]) : undefined;
}

/** Every pseudonym of a project, by kind and user id. */
export function listPseudonyms(db: Db, projectId: number): Record<PseudonymKind, Map<number, string>> {
  const rows = sql<[number], { userId: number; kind: PseudonymKind; number: number }>(
    db,
    'SELECT user_id AS "userId", kind, number FROM pseudonyms WHERE project_id = ?',
  ).all(projectId);
  const found: Record<PseudonymKind, Map<number, string>> = { annotator: new Map(), reviewer: new Map() };
  for (const row of rows) found[row.kind].set(row.userId, pseudonymName(row.kind, row.number));
  return found;
}

/** One user's pseudonym of a kind in a project, when they have one. */
export function findPseudonym(db: Db, projectId: number, userId: number, kind: PseudonymKind): string | undefined {
  const number = values<[number, number, PseudonymKind], number>(db, 'SELECT number FROM pseudonyms WHERE project_id = ? AND user_id = ? AND kind = ?').get(
    projectId,
    userId,
    kind,
  );
  return number === undefined ? undefined : pseudonymName(kind, number);
}

/**
 * Gives the user this number, if they have no pseudonym of the kind in the project yet and nobody
 * holds the number: re-importing an export then exports the same pseudonyms, whatever order the
 * file names them in. Otherwise nothing changes (the user's first label gets the next free number).
 * Call inside the transaction that writes the user's labels.
 */
export function keepPseudonym(db: Db, projectId: number, userId: number, kind: PseudonymKind, number: number): void {
  sql(
    db,
    `INSERT INTO pseudonyms (project_id, user_id, kind, number, created_at)
     SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT)
     WHERE NOT EXISTS (SELECT 1 FROM pseudonyms WHERE project_id = ? AND kind = ? AND (user_id = ? OR number = ?))`,
  ).run(projectId, userId, kind, number, now(), projectId, kind, userId, number);
}
