// The registry as a paged list (issue 15): a keyset page of a project's actors, searched by a
// prefix of the name, of an alias or of the code, filtered by kind and status.
import type { Db } from '../db/connection.ts';
import type { ActorRow } from '../db/schema.ts';
import { parseAliases } from '../db/json.ts';
import { sql, values } from '../db/statements.ts';
import { cursorScope, keysetOf, pageFrom, type SortPart } from '../http/paging.ts';
import { likePrefix } from '../review/state.ts';
import type { ActorList, ActorListQuery } from '../../shared/schemas/actors.ts';

/** How many claims (annotators' and gold) name the actor `a` as speaker or target; a claim naming it twice counts once. */
const CLAIM_COUNT = `((SELECT count(*) FROM claims c WHERE c.speaker_actor_id = a.id)
  + (SELECT count(*) FROM claims c WHERE c.target_actor_id = a.id AND c.speaker_actor_id IS DISTINCT FROM a.id)
  + (SELECT count(*) FROM gold_claims g WHERE g.speaker_actor_id = a.id)
  + (SELECT count(*) FROM gold_claims g WHERE g.target_actor_id = a.id AND g.speaker_actor_id IS DISTINCT FROM a.id))`;

const SORTS: Record<ActorListQuery['sort'], SortPart[]> = {
  name: [
    { sql: 'a.name', kind: 'string' },
    { sql: 'a.id', kind: 'integer' },
  ],
  kind: [
    { sql: 'a.kind', kind: 'string' },
    { sql: 'a.name', kind: 'string' },
    { sql: 'a.id', kind: 'integer' },
  ],
  // Most used first by default (order desc), ties by name.
  usage: [
    { sql: CLAIM_COUNT, kind: 'integer' },
    { sql: 'a.name', kind: 'string', reverse: true },
    { sql: 'a.id', kind: 'integer', reverse: true },
  ],
};

/** A page of the project's actors; `counts` adds each one's claimCount (the caller decides who may see it). */
export function pageActors(db: Db, projectId: number, query: ActorListQuery, counts: boolean): ActorList {
  const where = ['a.project_id = ?'];
  const params: (string | number)[] = [projectId];
  if (query.kind !== undefined) {
    where.push('a.kind = ?');
    params.push(query.kind);
  }
  if (query.status !== undefined) {
    where.push('a.status = ?');
    params.push(query.status);
  }
  if (query.q !== undefined) {
    // An alias is found in the JSON text of the list: `"` then the prefix (JSON-escaped as stored).
    where.push(
      "(lower(a.name) LIKE lower(?) ESCAPE '\\' OR lower(coalesce(a.code, '')) LIKE lower(?) ESCAPE '\\' OR lower(a.aliases) LIKE lower(?) ESCAPE '\\')",
    );
    params.push(likePrefix(query.q), likePrefix(query.q), `%"${likePrefix(JSON.stringify(query.q).slice(1, -1))}`);
  }
  const scope = cursorScope('actors', query.sort, query.order);
  const page = keysetOf(SORTS[query.sort], query.order, query.cursor, scope);
  const rows = sql<(string | number)[], ActorRow & { claim_count: number | null }>(
    db,
    `SELECT a.*, ${counts || query.sort === 'usage' ? CLAIM_COUNT : 'NULL'} AS claim_count FROM actors a
     WHERE ${where.join(' AND ')} AND ${page.where} ORDER BY ${page.orderBy} LIMIT ?`,
  ).all(...params, ...page.params, query.limit + 1);
  const total = values<(string | number)[], number>(db, `SELECT count(*) FROM actors a WHERE ${where.join(' AND ')}`).get(...params) ?? 0;
  const shown = pageFrom(rows, query.limit, scope, (row) =>
    query.sort === 'name' ? [row.name, row.id] : query.sort === 'kind' ? [row.kind, row.name, row.id] : [row.claim_count ?? 0, row.name, row.id],
  );
  return {
    actors: shown.rows.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      name: row.name,
      kind: row.kind,
      code: row.code,
      aliases: parseAliases(row.aliases),
      parentId: row.parent_id,
      status: row.status,
      ...(counts ? { claimCount: row.claim_count ?? 0 } : {}),
    })),
    total,
    nextCursor: shown.nextCursor,
  };
}
