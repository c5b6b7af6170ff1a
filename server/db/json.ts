// JSON columns, parsed with the shared zod schemas where they are read: a row that does not hold
// what the API promises fails here, naming the column, instead of reaching a client.
import { z } from 'zod';
import { Actor } from '../../shared/schemas/actors.ts';
import { DocumentDetail } from '../../shared/schemas/documents.ts';
import { HistoryEvent } from '../../shared/schemas/events.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { Gold } from '../../shared/schemas/review.ts';

/** The value of a JSON column, checked by `schema`; throws naming the column when it does not fit. */
export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string, column: string): T {
  const result = schema.safeParse(JSON.parse(text));
  if (!result.success) throw new Error(`Column ${column} holds JSON the schema refuses: ${z.prettifyError(result.error)}`);
  return result.data;
}

// One parser per JSON column of schema.ts (the columns marked `Json`).
export const parseAliases = (text: string) => parseJsonColumn(Actor.shape.aliases, text, 'actors.aliases');
export const parseStanceLabels = (text: string) => parseJsonColumn(Project.shape.stanceLabels, text, 'projects.stance_labels');
export const parseMeta = (text: string) => parseJsonColumn(DocumentDetail.shape.meta, text, 'documents.meta');
/** An audit event's `before` or `after`: any JSON (the entity's shape when it was written). */
export const parseEventPayload = (text: string, column: 'events.before' | 'events.after') => parseJsonColumn(HistoryEvent.shape.before, text, column);
export const parseSourceAnnotators = (text: string) => parseJsonColumn(Gold.shape.sourceAnnotators, text, 'gold.source_annotators');
