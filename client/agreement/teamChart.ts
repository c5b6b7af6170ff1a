// The geometry of the team chart (TeamChart.tsx): pure, so the scales can be reasoned about apart
// from the SVG.
import type { TeamReport, TeamWeek } from '../../shared/schemas/team.ts';

/** What the chart plots per annotator and week. */
export type TeamMetric = 'labelled' | 'medianTimeMs' | 'goldKappa';

export const METRICS: readonly { key: TeamMetric; name: string }[] = [
  { key: 'labelled', name: 'Labelled sentences' },
  { key: 'medianTimeMs', name: 'Median time per sentence' },
  { key: 'goldKappa', name: 'Agreement with gold (κ)' },
];

/** A week's value of the metric; null where there is none (no labels that week, no time, no gold). */
export function metricOf(week: TeamWeek | undefined, metric: TeamMetric): number | null {
  if (!week) return metric === 'labelled' ? 0 : null;
  if (metric === 'labelled') return week.labelled;
  if (metric === 'medianTimeMs') return week.medianTimeMs;
  return week.goldKappa.value;
}

/** "850 ms", "12.3 s", "2 min 05 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** A value as the chart's labels and the week table write it. */
export function formatMetric(value: number | null, metric: TeamMetric): string {
  if (value === null) return '—';
  if (metric === 'medianTimeMs') return formatDuration(value);
  if (metric === 'goldKappa') return value.toFixed(2);
  return String(value);
}

/** A round upper bound for the y axis (1, 2, 5 × 10^n), at least `minimum`. */
export function niceMax(value: number, minimum = 1): number {
  const target = Math.max(value, minimum);
  const power = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 5, 10]) if (step * power >= target) return step * power;
  return 10 * power;
}

export interface Series {
  annotatorId: number;
  username: string;
  /** One point per week of the report; null where the metric has no value (the line breaks). */
  values: (number | null)[];
}

/** One series per annotator over every week of the report. */
export function seriesOf(team: TeamReport, metric: TeamMetric): Series[] {
  return team.members.map((member) => {
    const byWeek = new Map(member.weeks.map((week) => [week.week, week]));
    return { annotatorId: member.annotator.id, username: member.annotator.username, values: team.weeks.map((week) => metricOf(byWeek.get(week), metric)) };
  });
}

/** The y range of a metric: κ runs from −1 to 1 (drawn from its lowest value or 0), counts and times from 0. */
export function yRange(series: readonly Series[], metric: TeamMetric): [number, number] {
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (metric === 'goldKappa') return [Math.min(0, ...values) < 0 ? -1 : 0, 1];
  return [0, niceMax(Math.max(0, ...values), metric === 'medianTimeMs' ? 1000 : 1)];
}

/** The SVG path of a series: segments between weeks that have values, a gap where one has none. */
export function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let path = '';
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  });
  return path;
}
