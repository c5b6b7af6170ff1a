import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import type { SourceFigures } from '../../shared/schemas/sourceQuality.ts';
import { agreementQueries } from './queries.ts';

const ratio = (value: number | null) => (value === null ? '—' : value.toFixed(3));
const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)} %`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const SOURCE_NAMES: Record<string, string> = { rules: 'Built-in rules', model: 'Model' };

/** A figure cell: the value, and under it what it rests on. */
function Cell({ value, units }: { value: string; units: string }) {
  return (
    <td className="figure">
      <span className="figure-value">{value}</span>
      <span className="figure-units">{units}</span>
    </td>
  );
}

function SourceRow({ figures }: { figures: SourceFigures }) {
  const { use } = figures;
  const used = use.unchanged + use.edited + use.ignored;
  const of = `of ${plural(used, 'suggestion')}`;
  return (
    <tr>
      <th scope="row">
        {SOURCE_NAMES[figures.source] ?? figures.source}
        {figures.model && <span className="figure-units">{figures.model}</span>}
      </th>
      <Cell value={ratio(figures.precision)} units={`${figures.right} right of ${plural(figures.suggestions, 'suggestion')}`} />
      <Cell value={ratio(figures.recall)} units={`${figures.right} found of ${plural(figures.goldClaims, 'gold claim')}`} />
      <Cell value={ratio(figures.f1)} units={`on ${plural(figures.documents, 'document')} with gold`} />
      {used === 0 ? (
        // Said once for the three columns, not "— 0 no suggestions…" in each.
        <td className="figure" colSpan={3}>
          <span className="figure-units">No suggestions on the sentences annotators labelled yet</span>
        </td>
      ) : (
        <>
          <Cell value={percent(use.shares.unchanged)} units={`${use.unchanged} ${of}`} />
          <Cell value={percent(use.shares.edited)} units={`${use.edited} ${of}`} />
          <Cell value={percent(use.shares.ignored)} units={`${use.ignored} ${of}`} />
        </>
      )}
    </tr>
  );
}

/**
 * Each suggestion source and model judged like an annotator (reviewers and admins): precision,
 * recall and F1 against gold, and what annotators did with its suggestions, each with its counts.
 */
export function SourcesPanel({ projectId }: { projectId: number }) {
  const report = useQuery(agreementQueries.sources(projectId));
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">Suggestion sources against gold</h2>
      {report.error && (
        <p role="alert" className="error">
          {errorMessage(report.error)}
        </p>
      )}
      {report.isPending && <p aria-busy="true">Scoring suggestions…</p>}
      {report.data && (
        <>
          <p className="muted small">
            {report.data.goldDocuments === 0
              ? 'No gold labels yet: precision, recall and F1 need adjudicated sentences.'
              : `On ${plural(report.data.goldSentences, 'gold sentence')} (${plural(report.data.goldClaims, 'claim')}) of ${plural(report.data.goldDocuments, 'document')}. ` +
                'A suggestion is right when its speaker, stance and target are all gold’s, people counted as their state. ' +
                'The built-in rules are scored as annotators see them: each document learning only from the other documents’ gold.'}{' '}
            The last three columns say what annotators did with the suggestions on the sentences they labelled: saved a claim exactly as suggested (accepted
            unchanged), saved one after changing it (accepted, edited), or took no claim from it (ignored).
          </p>
          <table className="figures" aria-labelledby="sources-heading">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Precision</th>
                <th scope="col">Recall</th>
                <th scope="col">F1</th>
                <th scope="col">Accepted unchanged</th>
                <th scope="col">Accepted, edited</th>
                <th scope="col">Ignored</th>
              </tr>
            </thead>
            <tbody>
              {report.data.sources.map((figures) => (
                <SourceRow key={`${figures.source} ${figures.model ?? ''}`} figures={figures} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
