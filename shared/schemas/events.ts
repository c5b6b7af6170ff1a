import { z } from 'zod';
import { Id } from './common.ts';

/** One entry of the audit log as a reviewer reads it. */
export const HistoryEvent = z.object({
  id: Id,
  at: z.string(),
  user: z.object({ id: Id, username: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const History = z.object({ events: z.array(HistoryEvent) });
