import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';
import type { Actor, ActorKind } from '../../shared/schemas/actors.ts';

interface ActorRow {
  id: number;
  project_id: number;
  name: string;
  kind: ActorKind;
  code: string | null;
  aliases: string;
  parent_id: number | null;
  status: 'accepted' | 'proposed';
}

function toActor(row: ActorRow): Actor {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    kind: row.kind,
    code: row.code,
    aliases: JSON.parse(row.aliases) as string[],
    parentId: row.parent_id,
    status: row.status,
  };
}

export type ActorFields = Omit<Actor, 'id' | 'projectId'>;

export function listActors(db: Db, projectId: number): Actor[] {
  return (sql(db, 'SELECT * FROM actors WHERE project_id = ? ORDER BY name').all(projectId) as ActorRow[]).map(toActor);
}

export function findActor(db: Db, id: number): Actor | undefined {
  const row = sql(db, 'SELECT * FROM actors WHERE id = ?').get(id) as ActorRow | undefined;
  return row && toActor(row);
}

export function findActorByName(db: Db, projectId: number, name: string): Actor | undefined {
  const row = sql(db, 'SELECT * FROM actors WHERE project_id = ? AND name = ?').get(projectId, name) as ActorRow | undefined;
  return row && toActor(row);
}

/** Which of the given ids are actors of the project. */
export function actorIdsInProject(db: Db, projectId: number, ids: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = sql(db, 'SELECT value AS id FROM json_each(?) WHERE value IN (SELECT id FROM actors WHERE project_id = ?)').all(
    JSON.stringify(ids),
    projectId,
  ) as { id: number }[];
  return new Set(rows.map((row) => row.id));
}

export function insertActor(db: Db, projectId: number, fields: ActorFields): Actor {
  const at = now();
  const result = sql(
    db,
    `INSERT INTO actors (project_id, name, kind, code, aliases, parent_id, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(projectId, fields.name, fields.kind, fields.code, JSON.stringify(fields.aliases), fields.parentId, fields.status, at, at);
  return findActor(db, Number(result.lastInsertRowid))!;
}

export function updateActor(db: Db, id: number, fields: ActorFields): Actor {
  sql(
    db,
    'UPDATE actors SET name = ?, kind = ?, code = ?, aliases = ?, parent_id = ?, status = ?, updated_at = ? WHERE id = ?',
  ).run(fields.name, fields.kind, fields.code, JSON.stringify(fields.aliases), fields.parentId, fields.status, now(), id);
  return findActor(db, id)!;
}

export function countClaimsOfActor(db: Db, id: number): number {
  return (
    sql(db, 'SELECT count(*) AS n FROM claims WHERE speaker_actor_id = ? OR target_actor_id = ?').get(id, id) as { n: number }
  ).n;
}

export function deleteActor(db: Db, id: number): void {
  sql(db, 'DELETE FROM actors WHERE id = ?').run(id);
}
