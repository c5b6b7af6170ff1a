import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { reviewQueries } from './queries.ts';

/** The audit trail of one sentence, fetched when first opened; annotators stay anonymous while names are hidden. */
export function SentenceHistory({ sentenceId, hideNames }: { sentenceId: number; hideNames: boolean }) {
  const history = useQuery({ ...reviewQueries.history(sentenceId), enabled: false });
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
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
