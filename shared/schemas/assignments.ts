import { z } from 'zod';
import { Id, IdParam } from './common.ts';
import { DocumentSummary } from './documents.ts';
import { PAGE_LIMIT_MAX, pageOf, pageQuery } from './paging.ts';

/** A document that still needs annotators, with how many hold or have labelled it. */
export const QueueDocument = DocumentSummary.extend({ annotators: z.number().int() });
export type QueueDocument = z.infer<typeof QueueDocument>;

/**
 * Sorts of the queue's `available` documents: `coverage` least-covered first (then in import
 * order: what "take next" takes), `title`, `id` (import order).
 */
export const QUEUE_SORTS = ['coverage', 'title', 'id'] as const;

/**
 * `GET …/queue`: the paging parameters page `available`; `q` searches both parts as the documents
 * list does (every word of it starts a word of the title or source, ignoring case).
 */
export const QueueQuery = pageQuery(QUEUE_SORTS);
export type QueueQuery = z.infer<typeof QueueQuery>;

/** The most held documents `mine` lists (oldest first); `mineTotal` says how many there are. */
export const QUEUE_MINE_MAX = PAGE_LIMIT_MAX;

/** An annotator's queue: documents they hold, then a page of the documents that still need annotators. */
export const Queue = pageOf('available', QueueDocument).extend({
  /** Documents assigned to or taken by me that I have not completed, oldest first (at most QUEUE_MINE_MAX). */
  mine: z.array(DocumentSummary),
  /** How many documents I hold and have not completed (what the search matches). */
  mineTotal: z.number().int(),
  /** Documents I completed. */
  done: z.number().int(),
});
export type Queue = z.infer<typeof Queue>;

export const Assignment = z.object({
  documentId: Id,
  documentTitle: z.string(),
  userId: Id,
  username: z.string(),
  assignedAt: z.string(),
  assignedBy: Id.nullable(),
  lastActivityAt: z.string().nullable(),
  /** Non-boilerplate sentences the holder has labelled, of `total`. */
  labelled: z.number().int(),
  total: z.number().int(),
  /** Untouched for longer than the project's hold time: the document is back in the pool (listed with `state=expired` or `all`). */
  expired: z.boolean().optional(),
});
export type Assignment = z.infer<typeof Assignment>;

/** Sorts of the assignments: `document` (title), `user` (username), `assigned` (when), `activity` (last label saved; untouched ones first). */
export const ASSIGNMENT_SORTS = ['document', 'user', 'assigned', 'activity'] as const;

/** `held`: assignments that hold their document (the default); `expired`: untouched past the hold time; `all`: both. */
export const AssignmentState = z.enum(['held', 'expired', 'all']);
export type AssignmentState = z.infer<typeof AssignmentState>;

/** `GET …/assignments`: `q` is a prefix of the document title (ignoring case); filters by holder, document and state. */
export const AssignmentsQuery = pageQuery(ASSIGNMENT_SORTS).extend({
  userId: IdParam.optional(),
  documentId: IdParam.optional(),
  state: AssignmentState.default('held'),
});
export type AssignmentsQuery = z.infer<typeof AssignmentsQuery>;

/**
 * A page of assignments. Creating or releasing one answers with the first page in the default
 * order (document title), not every assignment of a project of 100,000 documents.
 */
export const AssignmentList = pageOf('assignments', Assignment);
export type AssignmentList = z.infer<typeof AssignmentList>;

export const CreateAssignmentBody = z.strictObject({
  documentId: Id,
  userId: Id,
  beyondOverlap: z
    .boolean()
    .optional()
    .describe(
      "true: assign even when the document already has the project's overlap of annotators (without it, that answers 409 with `annotators` and `overlap`).",
    ),
});
export type CreateAssignmentBody = z.infer<typeof CreateAssignmentBody>;

export const AssignmentParams = z.object({ projectId: IdParam, documentId: IdParam, userId: IdParam });

/** Taking the next document from the queue answers with the document taken, or null when none is left. */
export const TakeNextResult = z.object({ document: DocumentSummary.nullable() });

/** Give the next `count` documents of the member's queue (those that still need annotators, least-covered first) to them. */
export const BulkAssignmentBody = z.strictObject({ userId: Id, count: z.number().int().min(1).max(1000) });
export type BulkAssignmentBody = z.infer<typeof BulkAssignmentBody>;

/** The documents given (fewer than asked when the queue ran out, none when it was empty) and the first page of the assignments after. */
export const BulkAssignmentResult = AssignmentList.extend({
  assigned: z.array(z.object({ id: Id, title: z.string() })),
});
export type BulkAssignmentResult = z.infer<typeof BulkAssignmentResult>;
