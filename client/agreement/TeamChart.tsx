import type { TeamReport } from '../../shared/schemas/team.ts';
import { formatMetric, linePath, METRICS, seriesOf, yRange, type TeamMetric } from './teamChart.ts';

/** Line colours with dashes beside them, so two annotators differ in more than colour. */
const STYLES: readonly { colour: string; dash: string }[] = [
  { colour: '#2457c5', dash: '' },
  { colour: '#b3261e', dash: '6 3' },
  { colour: '#1b7f3b', dash: '2 3' },
  { colour: '#7a3db8', dash: '8 3 2 3' },
  { colour: '#a15c00', dash: '4 4' },
  { colour: '#00727a', dash: '1 2' },
];
const styleOf = (index: number) => STYLES[index % STYLES.length]!;

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 64 };

/**
 * A small line chart in plain SVG: one line per annotator over the weeks of the report, for one
 * metric. The same figures are in the week-by-week table beside it (the chart is a picture of it).
 */
export function TeamChart({ team, metric }: { team: TeamReport; metric: TeamMetric }) {
  const series = seriesOf(team, metric);
  const [low, high] = yRange(series, metric);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const weeks = team.weeks.length;
  const x = (i: number) => MARGIN.left + (weeks <= 1 ? plotWidth / 2 : (i * plotWidth) / (weeks - 1));
  const y = (value: number) => MARGIN.top + plotHeight - ((value - low) / (high - low)) * plotHeight;
  const ticks = [low, (low + high) / 2, high];
  // At most about eight week labels, evenly spaced, the last always shown.
  const every = Math.max(1, Math.ceil(weeks / 8));
  const name = METRICS.find((m) => m.key === metric)!.name;
  const summary = series
    .map((s) => {
      const last = [...s.values].reverse().find((v) => v !== null) ?? null;
      return `${s.username}: ${formatMetric(last, metric)} in the latest week with a value`;
    })
    .join('; ');

  return (
    <figure className="team-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="team-chart-title team-chart-desc">
        <title id="team-chart-title">{`${name} per week, by annotator`}</title>
        <desc id="team-chart-desc">{`${weeks} ${weeks === 1 ? 'week' : 'weeks'} from ${team.weeks[0]} to ${team.weeks.at(-1)}. ${summary}.`}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#d0d4dc" />
            <text x={MARGIN.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="#4a4f5a">
              {metric === 'labelled' && !Number.isInteger(tick) ? tick.toFixed(1) : formatMetric(tick, metric)}
            </text>
          </g>
        ))}
        {team.weeks.map((week, i) =>
          i % every === 0 || i === weeks - 1 ? (
            <text key={week} x={x(i)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fontSize="11" fill="#4a4f5a">
              {week.slice(5)}
            </text>
          ) : null,
        )}
        <text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="11" fill="#4a4f5a">
          week starting (month-day)
        </text>
        {series.map((s, index) => {
          const { colour, dash } = styleOf(index);
          return (
            <g key={s.annotatorId} data-annotator={s.username}>
              <path d={linePath(s.values, x, y)} fill="none" stroke={colour} strokeWidth="2" strokeDasharray={dash || undefined} />
              {s.values.map((value, i) =>
                value === null ? null : (
                  <circle key={team.weeks[i]} cx={x(i)} cy={y(value)} r="3" fill={colour}>
                    <title>{`${s.username}, week of ${team.weeks[i]}: ${formatMetric(value, metric)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="team-legend" aria-label="Annotators in the chart">
          {series.map((s, index) => {
            const { colour, dash } = styleOf(index);
            return (
              <li key={s.annotatorId}>
                <svg width="28" height="10" aria-hidden="true">
                  <line x1="0" x2="28" y1="5" y2="5" stroke={colour} strokeWidth="2" strokeDasharray={dash || undefined} />
                </svg>{' '}
                {s.username}
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}
