import type { Db } from '../db/connection.ts';
import { now, sql } from '../db/statements.ts';

export interface AuditEvent {
  userId: number | null;
  projectId?: number | null;
  action: string;
  entity: string;
  entityId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit event; called inside the same transaction as the write it records. */
export function recordEvent(db: Db, event: AuditEvent): void {
  sql(
    db,
    'INSERT INTO events (at, user_id, project_id, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
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

export interface EventRow {
  id: number;
  at: string;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}

export function listEventsFor(db: Db, entity: string, entityId: number): EventRow[] {
  return sql(db, 'SELECT * FROM events WHERE entity = ? AND entity_id = ? ORDER BY id').all(entity, entityId) as EventRow[];
}
