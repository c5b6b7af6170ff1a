import { z } from 'zod';
import { Id, IdParam } from './common.ts';
import { DocumentSummary } from './documents.ts';

/** An annotator's queue: documents they hold, then documents that still need annotators. */
export const Queue = z.object({
  /** Documents assigned to or taken by me that I have not completed, oldest first. */
  mine: z.array(DocumentSummary),
  /** Documents that still need annotators and that I have not done, least-covered first. */
  available: z.array(DocumentSummary.extend({ annotators: z.number().int() })),
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
});
export type Assignment = z.infer<typeof Assignment>;

export const AssignmentList = z.object({ assignments: z.array(Assignment) });

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

/** The documents given (fewer than asked when the queue ran out, none when it was empty) and every assignment after. */
export const BulkAssignmentResult = z.object({
  assigned: z.array(z.object({ id: Id, title: z.string() })),
  assignments: z.array(Assignment),
});
export type BulkAssignmentResult = z.infer<typeof BulkAssignmentResult>;
