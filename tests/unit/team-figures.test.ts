// The team figures' pure parts (issue 17, item 8): weeks, medians and the chart's scales.
import { describe, expect, it } from 'vitest';
import { median, weekOf, weeksBetween } from '../../server/agreement/team.ts';
import { formatDuration, linePath, niceMax, seriesOf, yRange } from '../../client/agreement/teamChart.ts';
import type { TeamReport } from '../../shared/schemas/team.ts';

describe('weeks', () => {
  it('start on Monday (UTC), whatever the day and hour of the label', () => {
    expect(weekOf('2026-11-30T00:00:00.000Z')).toBe('2026-11-30'); // a Monday
    expect(weekOf('2026-12-06T23:59:59.999Z')).toBe('2026-11-30'); // the Sunday after
    expect(weekOf('2027-01-01T12:00:00.000Z')).toBe('2026-12-28'); // across a year's end
  });

  it('run without gaps from the first to the last', () => {
    expect(weeksBetween('2026-12-21', '2027-01-04')).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']);
    expect(weeksBetween('2026-12-21', '2026-12-21')).toEqual(['2026-12-21']);
  });
});

describe('the median time', () => {
  it('is the middle value, or the mean of the two middle ones, and null for none', () => {
    expect(median([9000, 2000, 4000])).toBe(4000);
    expect(median([1000, 3000])).toBe(2000);
    expect(median([1, 2])).toBe(2); // rounded to whole milliseconds
    expect(median([])).toBeNull();
  });

  it('reads as a person would say it', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('the team chart', () => {
  const figure = { value: null, units: 0 };
  const week = (w: string, labelled: number, medianTimeMs: number | null) => ({
    week: w,
    labelled,
    skipped: 0,
    medianTimeMs,
    timed: 1,
    goldKappa: figure,
    goldF1: figure,
  });
  const team: TeamReport = {
    weeks: ['2026-11-02', '2026-11-09', '2026-11-16'],
    members: [
      {
        annotator: { id: 1, username: 'ada' },
        ...week('', 7, 3000),
        weeks: [week('2026-11-02', 4, 2000), week('2026-11-16', 3, 4000)],
      },
    ],
  };

  it('counts a week without labels as 0 labelled and no time (a gap in the line)', () => {
    expect(seriesOf(team, 'labelled')[0]!.values).toEqual([4, 0, 3]);
    expect(seriesOf(team, 'medianTimeMs')[0]!.values).toEqual([2000, null, 4000]);
    const path = linePath(
      [2000, null, 4000],
      (i) => i * 10,
      (v) => v / 100,
    );
    expect(path).toBe('M0.0,20.0M20.0,40.0');
  });

  it('has round y bounds from 0, and κ from −1 only when some week is below 0', () => {
    expect(niceMax(7)).toBe(10);
    expect(niceMax(0)).toBe(1);
    expect(niceMax(230)).toBe(500);
    expect(yRange(seriesOf(team, 'labelled'), 'labelled')).toEqual([0, 5]);
    expect(yRange([{ annotatorId: 1, username: 'a', values: [0.4, null] }], 'goldKappa')).toEqual([0, 1]);
    expect(yRange([{ annotatorId: 1, username: 'a', values: [-0.2] }], 'goldKappa')).toEqual([-1, 1]);
  });
});
