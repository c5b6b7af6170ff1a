import { z } from 'zod';
import { Id, Span } from './common.ts';
import { MAX_CLAIMS_PER_SENTENCE, NOTE_MAX, STANCE_KEY_MAX } from '../limits.ts';

/** Who or what a claim's speaker or target is: an actor, a span of the document, or both. */
export const Ref = z
  .strictObject({
    actorId: Id.nullable().optional(),
    span: Span.nullable().optional(),
  })
  .refine((ref) => ref.actorId != null || ref.span != null, { message: 'needs an actorId or a span (or both)' });
export type Ref = z.infer<typeof Ref>;

export const AnnotationStatus = z.enum(['claims', 'no_claim', 'skipped']);
export type AnnotationStatus = z.infer<typeof AnnotationStatus>;

/** Which model proposed a claim: letters, digits and . _ / : - (a name and version). */
export const OriginModel = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,99}$/, 'must be 1–100 letters, digits or . _ / : @ + -, starting with a letter or digit');
/** A suggestion's score: a probability or confidence between 0 and 1. */
export const OriginScore = z.number().min(0).max(1);

/** A claim as a client sends it: speaker — stance → target, edited and saved as one unit. */
export const ClaimInput = z.strictObject({
  id: Id.optional(),
  speaker: Ref,
  stance: z.string().min(1).max(STANCE_KEY_MAX),
  target: Ref,
  cue: Span.nullable().optional(),
  negated: z.boolean().optional(),
  hypothetical: z.boolean().optional(),
  /** 'manual', or which suggestion proposed it (e.g. 'suggestion:rules'). */
  origin: z
    .string()
    .regex(/^(manual|suggestion:[a-z_]{1,32})$/)
    .optional(),
  /** The model (and version) behind an accepted suggestion, e.g. 'parley-rules/1'; null for a manual claim. */
  originModel: OriginModel.nullable().optional(),
  /** The suggestion's score (0–1) when its source gave one. */
  originScore: OriginScore.nullable().optional(),
});
export type ClaimInput = z.infer<typeof ClaimInput>;

/** The claims of one label (an annotation or a gold label), as every writer sends them. */
export const LabelClaims = z.array(ClaimInput).max(MAX_CLAIMS_PER_SENTENCE, `at most ${MAX_CLAIMS_PER_SENTENCE} claims per sentence`);
export type LabelClaims = z.infer<typeof LabelClaims>;

/** A claim as the server returns it. */
export const Claim = z.object({
  /** Opaque and random (not a row count): send it back to keep the claim's identity across saves. */
  id: Id,
  speaker: z.object({ actorId: Id.nullable(), span: Span.nullable() }),
  stance: z.string(),
  target: z.object({ actorId: Id.nullable(), span: Span.nullable() }),
  cue: Span.nullable(),
  negated: z.boolean(),
  hypothetical: z.boolean(),
  origin: z.string(),
  /** With origin, where an accepted suggestion came from: {source: origin, model, score}. The server always sends both (null for manual claims). */
  originModel: z.string().nullable().optional(),
  originScore: z.number().nullable().optional(),
});
export type Claim = z.infer<typeof Claim>;

export const SaveAnnotationBody = z
  .strictObject({
    status: AnnotationStatus,
    claims: LabelClaims,
    note: z.string().max(NOTE_MAX).nullable().optional(),
    /** The version this edit started from (0 for a first label); a stale one gets 409. Absent or null: no check, the save replaces whatever is stored. */
    baseVersion: z.number().int().min(0).nullable().optional(),
    /** Milliseconds the annotator spent on this sentence since the last save. */
    timeSpentMs: z.number().int().min(0).max(86_400_000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.status === 'claims' && body.claims.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['claims'], message: 'status "claims" needs at least one claim' });
    }
    if (body.status !== 'claims' && body.claims.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['claims'], message: `status "${body.status}" must not carry claims` });
    }
    if (body.status === 'skipped' && !body.note?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'a skipped sentence needs a reason in note' });
    }
  });
export type SaveAnnotationBody = z.infer<typeof SaveAnnotationBody>;

export const Annotation = z.object({
  sentenceId: Id,
  annotatorId: Id,
  status: AnnotationStatus,
  claims: z.array(Claim),
  note: z.string().nullable(),
  /**
   * Counts every change of this annotator's label of the sentence and never starts over: after the
   * label is taken back (DELETE), the next save, sent with base version 0, continues the count.
   */
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export const AnnotationList = z.object({ annotations: z.array(Annotation) });

/** `DELETE /api/sentences/:id/annotation?baseVersion=N`: takes a label back (undo), 409 when stale. */
export const DeleteAnnotationQuery = z.strictObject({
  baseVersion: z
    .string()
    .regex(/^[0-9]{1,15}$/, 'must be a whole number')
    .transform(Number),
});

/** `?annotator=me` (default for annotators) or a user id (reviewers and admins). */
export const AnnotationsQuery = z.strictObject({
  annotator: z
    .union([
      z.literal('me'),
      z
        .string()
        .regex(/^[1-9][0-9]{0,15}$/, 'must be "me" or a user id')
        .transform(Number),
    ])
    .optional(),
});
