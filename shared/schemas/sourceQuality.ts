import { z } from 'zod';
import { SuggestionSource } from './suggestions.ts';

/** Share of a count in its total, null when the total is 0. */
const Share = z.number().min(0).max(1).nullable();

/**
 * One suggestion source and model judged like an annotator (issue 16, item 7). Quality: its
 * suggestions on the gold sentences of the documents it suggested for, scored by
 * shared/suggestionScore.ts (speaker, stance and target all right, people counted as their state).
 * Use: what annotators did with its suggestions on the sentences they labelled.
 */
export const SourceFigures = z.object({
  source: SuggestionSource,
  model: z.string().nullable(),
  /** Units of the quality figures: documents with gold it suggested for, their gold claims, its suggestions on their gold sentences. */
  documents: z.number().int(),
  goldClaims: z.number().int(),
  suggestions: z.number().int(),
  /** Suggestions gold has, suggestions gold has not, gold claims it did not suggest. */
  right: z.number().int(),
  wrong: z.number().int(),
  missed: z.number().int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  f1: z.number().nullable(),
  use: z.object({
    /** Saved claims from its suggestions whose content is the suggestion's (actors, stance, flags; spans and cue where it gave them). */
    unchanged: z.number().int(),
    /** Saved claims from its suggestions, changed before saving. */
    edited: z.number().int(),
    /** Its suggestions on sentences an annotator labelled that no claim of that label came from. */
    ignored: z.number().int(),
    /** Labels (annotator × sentence, not skipped) of sentences it suggested for: the units of the shares. */
    labels: z.number().int(),
    shares: z.object({ unchanged: Share, edited: Share, ignored: Share }),
  }),
});
export type SourceFigures = z.infer<typeof SourceFigures>;

/** `GET /api/projects/:projectId/agreement/sources`: every suggestion source of the project, the built-in rules first. */
export const SourceQualityReport = z.object({
  /** Documents with gold, their gold sentences (not skipped) and gold claims. */
  goldDocuments: z.number().int(),
  goldSentences: z.number().int(),
  goldClaims: z.number().int(),
  sources: z.array(SourceFigures),
});
export type SourceQualityReport = z.infer<typeof SourceQualityReport>;
