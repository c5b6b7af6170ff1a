import { z } from 'zod';
import { MAX_CLAIMS_PER_SENTENCE, STANCE_KEY_MAX } from '../limits.ts';
import { Id } from './common.ts';
import { OriginModel, OriginScore } from './annotations.ts';

// Model predictions (issue 16, item 4): claims a model proposes for sentences named by their export
// record id, so a model trained on an export answers in its ids. Spans count Unicode code points, as
// in the export.

const CodePointSpan = z
  .strictObject({ start: z.number().int().min(0), end: z.number().int().min(1) })
  .refine((span) => span.end > span.start, { message: 'end must be after start' });

/** A speaker or target: a registry actor by id, by name, alias or code, or a span of the document. */
export const PredictedSide = z.union([
  z.strictObject({ actorId: Id }),
  z.strictObject({ actor: z.string().trim().min(1).max(200) }),
  z.strictObject({ span: CodePointSpan }),
]);
export type PredictedSide = z.infer<typeof PredictedSide>;

export const PredictedClaim = z.strictObject({
  speaker: PredictedSide,
  stance: z.string().min(1).max(STANCE_KEY_MAX),
  target: PredictedSide,
  cue: CodePointSpan.nullable().optional(),
  negated: z.boolean().optional(),
  hypothetical: z.boolean().optional(),
  score: OriginScore.optional(),
});
export type PredictedClaim = z.infer<typeof PredictedClaim>;

/** The predictions for one sentence: `id` is its export record id (text hash prefix and sentence index). */
export const PredictionRecord = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{12}:[0-9]{1,9}$/, 'must be an export record id like 4b3669bf7516:7'),
  claims: z.array(PredictedClaim).max(MAX_CLAIMS_PER_SENTENCE),
});
export type PredictionRecord = z.infer<typeof PredictionRecord>;

export const PREDICTION_RECORDS_MAX = 20_000;

export const ImportPredictionsBody = z.strictObject({
  model: OriginModel,
  records: z.array(PredictionRecord).min(1).max(PREDICTION_RECORDS_MAX),
});
export type ImportPredictionsBody = z.infer<typeof ImportPredictionsBody>;

export const ImportPredictionsResult = z.object({
  model: z.string(),
  /** Sentences and claims stored for the model now. */
  records: z.number().int(),
  claims: z.number().int(),
  /** Claims of the model's earlier import that this one replaced. */
  replaced: z.number().int(),
});
export type ImportPredictionsResult = z.infer<typeof ImportPredictionsResult>;
