import { Link } from 'react-router';
import { errorMessage } from '../api.ts';
import type { NextDocument } from './useNextDocument.ts';

/** Shown in the panel once every sentence is labelled: the next document of the queue, one key away. */
export function NextDocumentOffer({ projectId, next, onGo }: { projectId: number; next: NextDocument; onGo: () => void }) {
  if (!next.complete) return null;
  return (
    <div className="next-document" role="region" aria-label="Next document">
      <p>
        <strong>This document is complete.</strong>
      </p>
      {next.loading && <p className="muted small">Looking at your queue…</p>}
      {next.next && !next.exhausted && (
        <p>
          <button type="button" onClick={onGo} disabled={next.pending}>
            {next.next.kind === 'held' ? `Next document: ${next.next.title}` : 'Start the next document'} <kbd>Shift+N</kbd>
          </button>
          {next.next.kind === 'pool' && <span className="muted small"> {next.next.count} waiting for annotators</span>}
        </p>
      )}
      {!next.loading && (!next.next || next.exhausted) && (
        <p>
          No document needs you right now. <Link to={`/projects/${projectId}`}>Back to the project</Link>
        </p>
      )}
      {next.error && (
        <p role="alert" className="error">
          {errorMessage(next.error)}
        </p>
      )}
    </div>
  );
}
