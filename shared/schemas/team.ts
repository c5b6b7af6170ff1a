import { z } from 'zod';
import { Id } from './common.ts';
import { Figure } from './figure.ts';

// The team at a glance (issue 17, item 8): how much each annotator has labelled, how long a sentence
// takes them, and how often they agree with gold, in all and week by week. Part of the agreement
// report, read in its snapshot.

/** A week, named by its Monday (UTC), e.g. 2026-11-30. */
const Week = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Figures of one annotator over some of their labels (all of them, or one week's). */
const TeamFigures = z.object({
  /** Sentences they labelled (claims or no claim; boilerplate not counted). */
  labelled: z.number().int(),
  /** Sentences they skipped. */
  skipped: z.number().int(),
  /** Median time spent on a sentence (`timeSpentMs` of their labels, skips included), in ms; null when none was recorded. */
  medianTimeMs: z.number().int().nullable(),
  /** How many labels carry a recorded time (the median rests on these). */
  timed: z.number().int(),
  /** Cohen's κ on "has a claim" against gold, over their sentences that have gold. */
  goldKappa: Figure,
  /** Exact-triple F1 against gold over the same sentences. */
  goldF1: Figure,
});

export const TeamWeek = TeamFigures.extend({ week: Week });
export type TeamWeek = z.infer<typeof TeamWeek>;

export const TeamMember = TeamFigures.extend({
  /** As the rest of the agreement report shows annotators to reviewers. */
  annotator: z.object({ id: Id, username: z.string() }),
  /** The weeks in which they labelled (a week counts a label by when it was first given), oldest first. */
  weeks: z.array(TeamWeek),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamReport = z.object({
  /** Every week from the first label to the last, oldest first (the chart's axis; weeks without labels included). */
  weeks: z.array(Week),
  members: z.array(TeamMember),
});
export type TeamReport = z.infer<typeof TeamReport>;
