// What a test reads back beyond what a client sees: the audit log, stored sessions, sign-in counts,
// time spent. Through named repository functions, never SQL, so that a test runs on either engine.
// Everything a route shows is read through the route instead (exportRecords below).
import type { Db } from '../../server/db/connection.ts';
import { listEvents, type EventFilter, type StoredEvent } from '../../server/events/repo.ts';
import { listSessions } from '../../server/session/repo.ts';
import { ExportRecord } from '../../shared/schemas/export.ts';
import type { Agent } from './api.ts';

/** The audit log, oldest first, narrowed by `filter` (entity, action, entity id, project). */
export function auditLog(db: Db, filter: EventFilter = {}): StoredEvent[] {
  return listEvents(db, filter);
}

/** How many audit events there are: a refused request must not add one. */
export function eventCount(db: Db): number {
  return listEvents(db).length;
}

/** The ids of the users with a stored session, one entry per session, in order of user id. */
export function sessionUsers(db: Db): number[] {
  return listSessions(db).map((session) => session.userId);
}

/** How many sessions of the user are stored. */
export function sessionCount(db: Db, userId: number): number {
  return sessionUsers(db).filter((id) => id === userId).length;
}

/** A project's export as a client downloads it (GET /api/projects/:id/export), each line parsed with the shared schema. */
export async function exportRecords(agent: Agent, projectId: number, query = ''): Promise<ExportRecord[]> {
  const res = await agent.get(`/api/projects/${projectId}/export${query}`).buffer(true).expect(200);
  return res.text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => ExportRecord.parse(JSON.parse(line)));
}
