import { z } from 'zod';
import { Id } from './common.ts';
import { ClaimInput, OriginModel, OriginScore } from './annotations.ts';

/** Which kind of machine proposed a claim: the built-in rules, or an imported model's predictions. */
export const SuggestionSource = z.string().regex(/^[a-z_]{1,32}$/, 'must be 1–32 lower-case letters or _');

/**
 * A proposed claim of one sentence. `claim` is ready to save as it is: its origin already says
 * `suggestion:<source>`, with the model and score, so an accepted suggestion keeps where it came from.
 */
export const Suggestion = z.object({
  sentenceId: Id,
  claim: ClaimInput,
  source: SuggestionSource,
  model: OriginModel.optional(),
  score: OriginScore.optional(),
  /** Why the rules proposed it, in words ("reported speech: speaker after the quote"), for the workspace. */
  reason: z.string().optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/**
 * `GET /api/documents/:documentId/suggestions`. Never derived from anyone's labels of the document
 * (annotation is blind): its text, the actor registry, the project's stance labels and, for the
 * built-in rules, what they learned from the adjudicated gold of the project's *other* documents
 * (a suggestion resting on such a lesson says so in its `reason`).
 */
export const SuggestionList = z.object({ suggestions: z.array(Suggestion) });
export type SuggestionList = z.infer<typeof SuggestionList>;
