import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api.ts';
import { assignmentQueries } from './queries.ts';
import { useTakeNext } from './mutations.ts';

/** My queue: the documents I hold, and a button that takes the next one that needs annotators. */
export function QueuePanel({ projectId }: { projectId: number }) {
  const queue = useQuery(assignmentQueries.queue(projectId));
  const takeNext = useTakeNext(projectId);
  const navigate = useNavigate();

  const start = () =>
    takeNext.mutate(undefined, {
      onSuccess: ({ document }) => {
        if (document) void navigate(`/projects/${projectId}/documents/${document.id}`);
      },
    });

  return (
    <section className="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">My queue</h2>
      {queue.isError && (
        <p role="alert" className="error">
          {errorMessage(queue.error)}
        </p>
      )}
      {queue.data && (
        <>
          {queue.data.mine.length > 0 ? (
            <ul className="queue-list">
              {queue.data.mine.map((doc) => (
                <li key={doc.id}>
                  <Link to={`/projects/${projectId}/documents/${doc.id}`}>{doc.title}</Link>{' '}
                  <span className="muted small">
                    {doc.progress.mine}/{doc.progress.total} labelled
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">You hold no unfinished documents.</p>
          )}
          <p>
            <button type="button" onClick={start} disabled={takeNext.isPending || queue.data.available.length === 0}>
              Start next document
            </button>{' '}
            <span className="muted small">
              {queue.data.available.length} document{queue.data.available.length === 1 ? '' : 's'} waiting for annotators · {queue.data.done} done by you
            </span>
          </p>
          {takeNext.data && takeNext.data.document === null && <p role="status">No document needs you right now.</p>}
          {takeNext.isError && (
            <p role="alert" className="error">
              {errorMessage(takeNext.error)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
