import type { Db } from '../db/connection.ts';
import { parseAliases } from '../db/json.ts';
import type { ActorRow } from '../db/schema.ts';
import { jsonEquals } from '../db/dialect.ts';
import { now, sql, values } from '../db/statements.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { NamedActor } from '../../shared/suggestions.ts';

function toActor(row: ActorRow): Actor {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    kind: row.kind,
    code: row.code,
    aliases: parseAliases(row.aliases),
    parentId: row.parent_id,
    status: row.status,
  };
}

export type ActorFields = Omit<Actor, 'id' | 'projectId'>;

export function listActors(db: Db, projectId: number): Actor[] {
  return sql<[number], ActorRow>(db, 'SELECT * FROM actors WHERE project_id = ? ORDER BY name').all(projectId).map(toActor);
}

/**
 * The project's actors, each with how many claims (annotators' and gold) name it as speaker or
 * target (a claim naming it twice counts once). Two correlated counts instead of one `OR` so both use their index.
 */
export function listActorsWithClaimCounts(db: Db, projectId: number): Actor[] {
  const rows = sql<[number], ActorRow & { claim_count: number }>(
    db,
    `SELECT a.*,
       (SELECT count(*) FROM claims c WHERE c.speaker_actor_id = a.id)
       + (SELECT count(*) FROM claims c WHERE c.target_actor_id = a.id AND c.speaker_actor_id IS DISTINCT FROM a.id)
       + (SELECT count(*) FROM gold_claims g WHERE g.speaker_actor_id = a.id)
       + (SELECT count(*) FROM gold_claims g WHERE g.target_actor_id = a.id AND g.speaker_actor_id IS DISTINCT FROM a.id) AS claim_count
     FROM actors a WHERE a.project_id = ? ORDER BY a.name`,
  ).all(projectId);
  return rows.map((row) => ({ ...toActor(row), claimCount: row.claim_count }));
}

export function findActor(db: Db, id: number): Actor | undefined {
  const row = sql<[number], ActorRow>(db, 'SELECT * FROM actors WHERE id = ?').get(id);
  return row && toActor(row);
}

export function findActorByName(db: Db, projectId: number, name: string): Actor | undefined {
  const row = sql<[number, string], ActorRow>(db, 'SELECT * FROM actors WHERE project_id = ? AND name = ?').get(projectId, name);
  return row && toActor(row);
}

/**
 * An actor whose name equals `name` ignoring case: "china" would duplicate "China". lower() on both
 * sides is the spelling both engines share; the project's actors are found through the
 * (project_id, name) index either way, and the names compared among them.
 */
export function findActorByNameIgnoringCase(db: Db, projectId: number, name: string): Actor | undefined {
  const row = sql<[number, string], ActorRow>(db, 'SELECT * FROM actors WHERE project_id = ? AND lower(name) = lower(?) ORDER BY id LIMIT 1').get(
    projectId,
    name,
  );
  return row && toActor(row);
}

/**
 * The given ids that are actors of the project, with the words that name them (for linking a claim's
 * ref to its span). Primary-key lookups, eight ids a statement (unused places hold NULL): every
 * save runs this, and a save's claims seldom name more than eight actors, so it is one round trip.
 */
export function namedActorsInProject(db: Db, projectId: number, ids: readonly number[]): Map<number, NamedActor> {
  const find = sql<(number | null)[], Pick<ActorRow, 'id' | 'name' | 'code' | 'aliases'>>(
    db,
    'SELECT id, name, code, aliases FROM actors WHERE id IN (?, ?, ?, ?, ?, ?, ?, ?) AND project_id = ?',
  );
  const found = new Map<number, NamedActor>();
  for (let from = 0; from < ids.length; from += 8) {
    const some = Array.from({ length: 8 }, (_, i) => ids[from + i] ?? null);
    for (const row of find.all(...some, projectId)) found.set(row.id, { id: row.id, name: row.name, code: row.code, aliases: parseAliases(row.aliases) });
  }
  return found;
}

export function insertActor(db: Db, projectId: number, fields: ActorFields): Actor {
  const at = now();
  const row = sql<unknown[], ActorRow>(
    db,
    `INSERT INTO actors (project_id, name, kind, code, aliases, parent_id, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  ).get(projectId, fields.name, fields.kind, fields.code, JSON.stringify(fields.aliases), fields.parentId, fields.status, at, at);
  // An INSERT … RETURNING returns its row or throws.
  if (!row) throw new Error('INSERT INTO actors returned no row.');
  return toActor(row);
}

/** Writes an actor's fields whatever they were (a merge, inside the transaction that read them); see updateActorIfUnchanged. */
export function updateActor(db: Db, id: number, fields: ActorFields): Actor {
  const row = sql<unknown[], ActorRow>(
    db,
    'UPDATE actors SET name = ?, kind = ?, code = ?, aliases = ?, parent_id = ?, status = ?, updated_at = ? WHERE id = ? RETURNING *',
  ).get(fields.name, fields.kind, fields.code, JSON.stringify(fields.aliases), fields.parentId, fields.status, now(), id);
  if (!row) throw new Error(`Actor ${id} does not exist: nothing to update.`);
  return toActor(row);
}

/**
 * Writes the actor's fields only while it still holds what `before` read (every field an edit
 * starts from), in the UPDATE itself: an edit committed by another writer since makes it write
 * nothing and return undefined (a conflict), instead of being overwritten with fields computed from
 * the older state.
 */
export function updateActorIfUnchanged(db: Db, before: Actor, fields: ActorFields): Actor | undefined {
  const changes = sql(
    db,
    `UPDATE actors SET name = ?, kind = ?, code = ?, aliases = ?, parent_id = ?, status = ?, updated_at = ?
     WHERE id = ? AND name = ? AND kind = ? AND code IS NOT DISTINCT FROM ? AND ${jsonEquals(db, 'aliases')}
       AND parent_id IS NOT DISTINCT FROM ? AND status = ?`,
  ).run(
    fields.name,
    fields.kind,
    fields.code,
    JSON.stringify(fields.aliases),
    fields.parentId,
    fields.status,
    now(),
    before.id,
    before.name,
    before.kind,
    before.code,
    JSON.stringify(before.aliases),
    before.parentId,
    before.status,
  ).changes;
  return changes === 0 ? undefined : findActor(db, before.id);
}

/**
 * Whether `candidateId` is the actor `actorId` or one of its ancestors (its parent, the parent's
 * parent, …): one recursive query instead of a read per generation. UNION (not UNION ALL) stops at
 * an actor already met, so even a cycle in the data ends.
 */
export function isSelfOrAncestor(db: Db, actorId: number, candidateId: number): boolean {
  return (
    values<[number, number], number>(
      db,
      `WITH RECURSIVE chain (id) AS (
         SELECT CAST(? AS BIGINT) UNION SELECT a.parent_id FROM actors a JOIN chain ON a.id = chain.id WHERE a.parent_id IS NOT NULL
       )
       SELECT EXISTS (SELECT 1 FROM chain WHERE id = ?)`,
    ).get(actorId, candidateId) === 1
  );
}

/** Claims that name the actor: annotators' and gold (adjudicated) ones. */
export function countClaimsOfActor(db: Db, id: number): number {
  return (
    values<[number, number, number, number], number>(
      db,
      `SELECT (SELECT count(*) FROM claims WHERE speaker_actor_id = ? OR target_actor_id = ?)
            + (SELECT count(*) FROM gold_claims WHERE speaker_actor_id = ? OR target_actor_id = ?)`,
    ).get(id, id, id, id) ?? 0
  );
}

export function deleteActor(db: Db, id: number): void {
  sql(db, 'DELETE FROM actors WHERE id = ?').run(id);
}

/** Ids of the annotators' claims and of the gold claims that name the actor as speaker or target. */
export function claimIdsOfActor(db: Db, id: number): { claims: number[]; goldClaims: number[] } {
  const ids = (table: 'claims' | 'gold_claims') =>
    values<[number, number], number>(
      db,
      `SELECT id FROM ${table} WHERE speaker_actor_id = ? UNION SELECT id FROM ${table} WHERE target_actor_id = ? ORDER BY id`,
    ).all(id, id);
  return { claims: ids('claims'), goldClaims: ids('gold_claims') };
}

/** The labels (annotators' and gold) holding a claim that names the actor as speaker or target: what a merge changes. */
export function labelsNamingActor(db: Db, id: number): { annotations: { sentenceId: number; annotatorId: number }[]; goldSentenceIds: number[] } {
  const annotations = sql<[number, number], { sentenceId: number; annotatorId: number }>(
    db,
    `SELECT sentence_id AS "sentenceId", annotator_id AS "annotatorId" FROM annotations
     WHERE id IN (SELECT annotation_id FROM claims WHERE speaker_actor_id = ? UNION SELECT annotation_id FROM claims WHERE target_actor_id = ?)
     ORDER BY id`,
  ).all(id, id);
  const goldSentenceIds = values<[number, number], number>(
    db,
    `SELECT sentence_id FROM gold
     WHERE id IN (SELECT gold_id FROM gold_claims WHERE speaker_actor_id = ? UNION SELECT gold_id FROM gold_claims WHERE target_actor_id = ?)
     ORDER BY id`,
  ).all(id, id);
  return { annotations, goldSentenceIds };
}

/**
 * Points every claim reference (annotators' and gold) to `fromId` at `intoId`, and bumps the
 * version of the annotations and gold labels that hold them: their content changed, so a tab still
 * showing the old actor gets a 409 conflict on its next save instead of writing the deleted actor
 * back. Call inside a transaction.
 */
export function moveClaimReferences(db: Db, fromId: number, intoId: number): void {
  const at = now();
  sql(
    db,
    `UPDATE annotations SET version = version + 1, updated_at = ?
     WHERE id IN (SELECT annotation_id FROM claims WHERE speaker_actor_id = ? UNION SELECT annotation_id FROM claims WHERE target_actor_id = ?)`,
  ).run(at, fromId, fromId);
  sql(
    db,
    `UPDATE gold SET version = version + 1, updated_at = ?
     WHERE id IN (SELECT gold_id FROM gold_claims WHERE speaker_actor_id = ? UNION SELECT gold_id FROM gold_claims WHERE target_actor_id = ?)`,
  ).run(at, fromId, fromId);
  // Models' predictions (server/suggestions/predictions.ts) follow too, or deleting the actor would take them along.
  for (const table of ['claims', 'gold_claims', 'predictions'] as const) {
    sql(db, `UPDATE ${table} SET speaker_actor_id = ? WHERE speaker_actor_id = ?`).run(intoId, fromId);
    sql(db, `UPDATE ${table} SET target_actor_id = ? WHERE target_actor_id = ?`).run(intoId, fromId);
  }
}

/** Ids of the actors whose parent is `id`. */
export function childIdsOfActor(db: Db, id: number): number[] {
  return values<[number], number>(db, 'SELECT id FROM actors WHERE parent_id = ? ORDER BY id').all(id);
}

/** Gives the children of `fromId` the parent `intoId`. Call inside a transaction. */
export function reparentChildren(db: Db, fromId: number, intoId: number): void {
  sql(db, 'UPDATE actors SET parent_id = ?, updated_at = ? WHERE parent_id = ?').run(intoId, now(), fromId);
}
