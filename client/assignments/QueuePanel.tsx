import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../api.ts';
import { assignmentQueries } from './queries.ts';
import { useTakeNext } from './mutations.ts';

/** Held documents listed before "Show all": the project page stays short for someone who holds hundreds. */
const FIRST_HELD = 10;

/** My queue: the documents I hold, and a button that takes the next one that needs annotators. */
export function QueuePanel({ projectId }: { projectId: number }) {
  const queue = useQuery(assignmentQueries.queue(projectId));
  const takeNext = useTakeNext(projectId);
  const navigate = useNavigate();
  const [showAll, setShowAll] = useState(false);

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
          {queue.data.mineTotal > 0 ? (
            <ul className="queue-list">
              {(showAll ? queue.data.mine : queue.data.mine.slice(0, FIRST_HELD)).map((doc) => (
                <li key={doc.id}>
                  <Link to={`/projects/${projectId}/documents/${doc.id}`}>{doc.title}</Link>{' '}
                  <span className="muted small">
                    {doc.progress.mine}/{doc.progress.total} labelled
                  </span>
                </li>
              ))}
              {!showAll && queue.data.mine.length > FIRST_HELD && (
                <li>
                  <button type="button" className="link-button" onClick={() => setShowAll(true)}>
                    Show all {queue.data.mine.length} held documents
                  </button>
                </li>
              )}
              {showAll && queue.data.mineTotal > queue.data.mine.length && (
                <li className="muted small">and {(queue.data.mineTotal - queue.data.mine.length).toLocaleString('en')} more (the oldest are listed)</li>
              )}
            </ul>
          ) : (
            <p className="muted">You hold no unfinished documents.</p>
          )}
          <p>
            <button type="button" onClick={start} disabled={takeNext.isPending || queue.data.total === 0}>
              Start next document
            </button>{' '}
            <span className="muted small">
              {queue.data.total.toLocaleString('en')} document{queue.data.total === 1 ? '' : 's'} waiting for annotators · {queue.data.done} done by you
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
