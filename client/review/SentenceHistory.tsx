import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { reviewQueries } from './queries.ts';
import { summariseChange } from './historyDiff.ts';
import { refText, stanceName } from '../ui/claimText.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';
import type { HistoryEvent } from '../../shared/schemas/events.ts';
import type { StanceLabel } from '../../shared/schemas/projects.ts';

interface Props {
  sentenceId: number;
  hideNames: boolean;
  actorsById: ReadonlyMap<number, Actor>;
  stanceLabels: readonly StanceLabel[];
  text: string;
}

/** Before and after of one change: changed fields side by side, claims taken out and put in. */
function ChangeDetails({ event, claimLine }: { event: HistoryEvent; claimLine: (claim: Claim) => string }) {
  const { fields, removedClaims, addedClaims } = summariseChange(event.before, event.after, claimLine);
  if (fields.length === 0 && removedClaims.length === 0 && addedClaims.length === 0) return <p className="muted small">No change in content.</p>;
  return (
    <>
      {fields.length > 0 && (
        <table className="history-diff">
          <caption className="visually-hidden">Fields before and after this change</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((change) => (
              <tr key={change.field}>
                <th scope="row">{change.field}</th>
                <td>{change.before}</td>
                <td>{change.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(removedClaims.length > 0 || addedClaims.length > 0) && (
        <ul className="history-claims">
          {removedClaims.map((line, i) => (
            <li key={`r${i}`}>
              <del>
                <span className="visually-hidden">Removed claim: </span>− {line}
              </del>
            </li>
          ))}
          {addedClaims.map((line, i) => (
            <li key={`a${i}`}>
              <ins>
                <span className="visually-hidden">Added claim: </span>+ {line}
              </ins>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The audit trail of one sentence, fetched when first opened, each change with its before and after; annotators stay anonymous while names are hidden. */
export function SentenceHistory({ sentenceId, hideNames, actorsById, stanceLabels, text }: Props) {
  const history = useQuery({ ...reviewQueries.history(sentenceId), enabled: false });
  const claimLine = (claim: Claim) =>
    `${refText(claim.speaker, actorsById, text)} — ${stanceName(claim.stance, stanceLabels)} → ${refText(claim.target, actorsById, text)}` +
    `${claim.negated ? ' (negated)' : ''}${claim.hypothetical ? ' (hypothetical)' : ''}`;
  return (
    <details
      className="history"
      onToggle={(event) => {
        if (event.currentTarget.open) void history.refetch();
      }}
    >
      <summary>History of this sentence</summary>
      {history.isFetching && <p aria-busy="true">Loading…</p>}
      {history.error && <p className="error">{errorMessage(history.error)}</p>}
      {history.data && (
        <ol className="history-list">
          {history.data.map((event) => (
            <li key={event.id}>
              <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time> —{' '}
              {hideNames && event.entity === 'annotation' ? 'an annotator' : (event.user?.username ?? 'system')} {event.action}{' '}
              {event.entity === 'gold' ? 'gold label' : event.entity}
              <ChangeDetails event={event} claimLine={claimLine} />
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
