// The team figures (issue 17, item 8), computed from rows read in the agreement report's snapshot:
// per annotator and per week, sentences labelled and skipped, the median time per sentence, and
// agreement with gold (the same κ and F1 as "each annotator against gold").
import type { TeamMember, TeamReport, TeamWeek } from '../../shared/schemas/team.ts';
import { comparePair, GOLD, type SentenceLabels } from './compute.ts';
import type { AnnotationTimeRow } from './teamRepo.ts';

const DAY_MS = 86_400_000;

/** The Monday (UTC) of the week holding an ISO instant, as YYYY-MM-DD. */
export function weekOf(instant: string): string {
  const day = new Date(instant);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - sinceMonday)).toISOString().slice(0, 10);
}

/** Every week from `first` to `last` (Mondays, YYYY-MM-DD), both included. */
export function weeksBetween(first: string, last: string): string[] {
  const weeks: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += 7 * DAY_MS) {
    weeks.push(new Date(t).toISOString().slice(0, 10));
  }
  return weeks;
}

/** The median of some whole numbers, rounded to a whole number; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** The figures of one annotator over some of their labels. */
function figuresOf(rows: readonly AnnotationTimeRow[], annotatorId: number, sentences: ReadonlyMap<number, SentenceLabels>): Omit<TeamWeek, 'week'> {
  let labelled = 0;
  let skipped = 0;
  const times: number[] = [];
  const withGold: SentenceLabels[] = [];
  for (const [, sentenceId, status, timeSpentMs] of rows) {
    if (status === 'skipped') skipped++;
    else labelled++;
    // 0 is "not recorded" (labels imported from a file, or saved by a client that does not time).
    if (timeSpentMs > 0) times.push(timeSpentMs);
    const sentence = sentences.get(sentenceId);
    if (sentence?.labels.has(GOLD)) withGold.push(sentence);
  }
  const { kappa, f1 } = comparePair(withGold, annotatorId, GOLD);
  return { labelled, skipped, medianTimeMs: median(times), timed: times.length, goldKappa: kappa, goldF1: f1 };
}

/** Each annotator's figures, in all and per week, in the order of `annotators`. */
export function teamReport(
  annotators: readonly { id: number; username: string }[],
  rows: readonly AnnotationTimeRow[],
  sentences: ReadonlyMap<number, SentenceLabels>,
): TeamReport {
  const byAnnotator = new Map<number, AnnotationTimeRow[]>();
  let first: string | null = null;
  let last: string | null = null;
  for (const row of rows) {
    let list = byAnnotator.get(row[0]);
    if (!list) byAnnotator.set(row[0], (list = []));
    list.push(row);
    if (first === null || row[4] < first) first = row[4];
    if (last === null || row[4] > last) last = row[4];
  }
  const members: TeamMember[] = annotators.map((annotator) => {
    const own = byAnnotator.get(annotator.id) ?? [];
    const byWeek = new Map<string, AnnotationTimeRow[]>();
    for (const row of own) {
      const week = weekOf(row[4]);
      let list = byWeek.get(week);
      if (!list) byWeek.set(week, (list = []));
      list.push(row);
    }
    const weeks = [...byWeek.keys()].sort().map((week) => ({ week, ...figuresOf(byWeek.get(week)!, annotator.id, sentences) }));
    return { annotator, ...figuresOf(own, annotator.id, sentences), weeks };
  });
  return { weeks: first !== null && last !== null ? weeksBetween(weekOf(first), weekOf(last)) : [], members };
}
