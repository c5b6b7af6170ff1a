import type { Db } from '../db/connection.ts';
import { parseEventPayload } from '../db/json.ts';
import type { EventRow } from '../db/schema.ts';
import { jsonTextList } from '../db/dialect.ts';
import { deferred, now, sql } from '../db/statements.ts';
import type { HistoryEvent } from '../../shared/schemas/events.ts';

export interface AuditEvent {
  userId: number | null;
  projectId?: number | null;
  action: string;
  entity: string;
  entityId?: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit event; called inside the same transaction as the write it records. Nothing
 * reads its result, so on PostgreSQL it travels with the transaction's next statement or COMMIT.
 */
export function recordEvent(db: Db, event: AuditEvent): void {
  deferred(db, 'INSERT INTO events (at, user_id, project_id, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')(
    now(),
    event.userId,
    event.projectId ?? null,
    event.action,
    event.entity,
    event.entityId ?? null,
    event.before === undefined ? null : JSON.stringify(event.before),
    event.after === undefined ? null : JSON.stringify(event.after),
  );
}

/**
 * Appends audit events in order, as recordEvent one by one would (the same rows, ids in order). On
 * PostgreSQL a batch's events are one statement of a JSON array, not one statement each: an import
 * of 100,000 articles records 100,000 events, and each single-row INSERT cost more than its row.
 */
export function recordEvents(db: Db, events: readonly AuditEvent[]): void {
  if (db.dialect !== 'postgres') {
    for (const event of events) recordEvent(db, event);
    return;
  }
  const insert = deferred<[string]>(
    db,
    `INSERT INTO events (at, user_id, project_id, action, entity, entity_id, before, after)
     SELECT v.at, v.user_id, v.project_id, v.action, v.entity, v.entity_id, v.before, v.after
     FROM ROWS FROM (json_to_recordset(CAST(? AS JSON))
       AS (at TEXT, user_id BIGINT, project_id BIGINT, action TEXT, entity TEXT, entity_id BIGINT, before TEXT, after TEXT))
       WITH ORDINALITY AS v (at, user_id, project_id, action, entity, entity_id, before, after, n)
     ORDER BY v.n`,
  );
  for (let first = 0; first < events.length; first += EVENTS_PER_STATEMENT) {
    const rows = events.slice(first, first + EVENTS_PER_STATEMENT).map((event) => ({
      at: now(),
      user_id: event.userId,
      project_id: event.projectId ?? null,
      action: event.action,
      entity: event.entity,
      entity_id: event.entityId ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    }));
    insert(JSON.stringify(rows));
  }
}

/** Events per PostgreSQL statement: a batch of 500 imported documents is one. */
const EVENTS_PER_STATEMENT = 1000;

/** An event as the history reads it: who did it by name (null for the system or a removed account). */
type HistoryRow = Pick<EventRow, 'id' | 'at' | 'user_id' | 'action' | 'entity' | 'before' | 'after'> & { username: string | null };

/**
 * Every event about the given entities (e.g. a sentence and its annotations) within one project,
 * oldest first. The project matters: a deleted sentence's id can be given to another project's.
 */
export function listEventsFor(db: Db, projectId: number, entities: readonly string[], entityId: number): HistoryEvent[] {
  const rows = sql<[number, string, number], HistoryRow>(
    db,
    `SELECT e.id, e.at, e.user_id, u.username, e.action, e.entity, e.before, e.after
     FROM events e LEFT JOIN users u ON u.id = e.user_id
     WHERE e.project_id = ? AND e.entity IN (${jsonTextList(db)}) AND e.entity_id = ? ORDER BY e.id`,
  ).all(projectId, JSON.stringify(entities), entityId);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    user: row.user_id === null || row.username === null ? null : { id: row.user_id, username: row.username },
    action: row.action,
    entity: row.entity,
    before: row.before === null ? null : parseEventPayload(row.before, 'events.before'),
    after: row.after === null ? null : parseEventPayload(row.after, 'events.after'),
  }));
}

/** An audit event as stored, its before and after parsed. */
export interface StoredEvent {
  id: number;
  at: string;
  userId: number | null;
  projectId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

/** Which events `listEvents` reads; a field left out matches every event. */
export interface EventFilter {
  entity?: string;
  action?: string;
  entityId?: number;
  projectId?: number;
}

/**
 * The audit log, oldest first, narrowed by `filter`. No route lists the whole log (a reviewer reads
 * one sentence's history); checks of what a change recorded, or that a refused request recorded
 * nothing, read it here.
 */
export function listEvents(db: Db, filter: EventFilter = {}): StoredEvent[] {
  const { entity = null, action = null, entityId = null, projectId = null } = filter;
  const rows = sql<[string | null, string | null, string | null, string | null, number | null, number | null, number | null, number | null], EventRow>(
    db,
    `SELECT * FROM events
     WHERE (CAST(? AS TEXT) IS NULL OR entity = ?) AND (CAST(? AS TEXT) IS NULL OR action = ?)
       AND (CAST(? AS BIGINT) IS NULL OR entity_id = ?) AND (CAST(? AS BIGINT) IS NULL OR project_id = ?)
     ORDER BY id`,
  ).all(entity, entity, action, action, entityId, entityId, projectId, projectId);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    userId: row.user_id,
    projectId: row.project_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before === null ? null : parseEventPayload(row.before, 'events.before'),
    after: row.after === null ? null : parseEventPayload(row.after, 'events.after'),
  }));
}
