import { useState } from 'react';
import type { Figure } from '../../shared/schemas/review.ts';
import type { TeamReport } from '../../shared/schemas/team.ts';
import { TeamChart } from './TeamChart.tsx';
import { formatDuration, formatMetric, metricOf, METRICS, type TeamMetric } from './teamChart.ts';
import './team.css';

const kappa = (figure: Figure) => (figure.value === null ? '—' : figure.value.toFixed(3));
const sentencesText = (units: number) => `${units} ${units === 1 ? 'sentence' : 'sentences'}`;
/** What a figure against gold rests on; F1 has no value where neither side has a claim. */
const onUnits = (figure: Figure) => {
  if (figure.units === 0) return 'no sentences with gold';
  return figure.value === null ? `no claims on ${sentencesText(figure.units)}` : `on ${sentencesText(figure.units)}`;
};

/**
 * The team at a glance (reviewers and admins): per annotator, how much they labelled, how long a
 * sentence takes them and how they agree with gold; below, the same week by week as a chart of
 * one chosen figure and as a table.
 */
export function TeamPanel({ team }: { team: TeamReport }) {
  const [metric, setMetric] = useState<TeamMetric>('labelled');
  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading">The team</h2>
      {team.members.length === 0 ? (
        <p className="muted">Nobody has labelled a sentence yet.</p>
      ) : (
        <>
          <table className="figures" aria-labelledby="team-heading">
            <thead>
              <tr>
                <th scope="col">Annotator</th>
                <th scope="col">Labelled sentences</th>
                <th scope="col">Skipped</th>
                <th scope="col">Median time per sentence</th>
                <th scope="col">κ against gold</th>
                <th scope="col">F1 against gold</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((member) => (
                <tr key={member.annotator.id}>
                  <th scope="row">{member.annotator.username}</th>
                  <td className="number">{member.labelled}</td>
                  <td className="number">{member.skipped}</td>
                  <td className="figure">
                    <span className="figure-value">{formatDuration(member.medianTimeMs)}</span>
                    <span className="figure-units">{member.timed === 0 ? 'no time recorded' : `of ${member.timed} timed`}</span>
                  </td>
                  <td className="figure">
                    <span className="figure-value">{kappa(member.goldKappa)}</span>
                    <span className="figure-units">{onUnits(member.goldKappa)}</span>
                  </td>
                  <td className="figure">
                    <span className="figure-value">{kappa(member.goldF1)}</span>
                    <span className="figure-units">{onUnits(member.goldF1)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 id="team-weeks-heading">Week by week</h3>
          <p>
            <label>
              Show{' '}
              <select value={metric} onChange={(event) => setMetric(METRICS.find((m) => m.key === event.target.value)?.key ?? 'labelled')}>
                {METRICS.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
          </p>
          <TeamChart team={team} metric={metric} />
          <WeekTable team={team} metric={metric} />
        </>
      )}
    </section>
  );
}

/** The chart's figures as a table: a row per week, a column per annotator. */
function WeekTable({ team, metric }: { team: TeamReport; metric: TeamMetric }) {
  const name = METRICS.find((m) => m.key === metric)!.name;
  return (
    // Focusable: a region that scrolls must be reachable by keyboard.
    <div className="team-weeks" role="region" aria-label={`${name} per week`} tabIndex={0}>
      <table className="figures">
        <caption>{`${name} per week`}</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            {team.members.map((member) => (
              <th key={member.annotator.id} scope="col">
                {member.annotator.username}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {team.weeks.map((week) => (
            <tr key={week}>
              <th scope="row">{week}</th>
              {team.members.map((member) => (
                <td key={member.annotator.id} className="number">
                  {formatMetric(
                    metricOf(
                      member.weeks.find((w) => w.week === week),
                      metric,
                    ),
                    metric,
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
