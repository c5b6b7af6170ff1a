import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { actorQueries } from '../actors/queries.ts';
import { adminQueries } from '../admin/queries.ts';
import type { Disagreement } from '../../shared/schemas/review.ts';
import { AdjudicationPanel } from './AdjudicationPanel.tsx';
import { BulkUnanimous } from './BulkUnanimous.tsx';
import { QueuePane } from './QueuePane.tsx';
import { useQueuePages } from './queries.ts';
import { useDocumentLabels } from './useDocumentLabels.ts';
import { useFindRequested, useQueueNavigation, useReviewParams } from './useReviewQueue.ts';

/**
 * The disagreement queue and adjudication (reviewers and admins): disputed sentences, most disputed
 * first, filterable by document and field; the selected one is resolved in the panel beside it.
 * `n` or `]` goes to the next open conflict, `[` to the previous item.
 */
export function ReviewPage() {
  const projectId = Number(useParams().projectId);
  const { filter, requested, setParam, setFilter } = useReviewParams();
  const project = useQuery(projectQueries.detail(projectId));
  const queue = useQueuePages(projectId, filter);
  const actors = useQuery(actorQueries.list(projectId));
  const members = useQuery(adminQueries.members(projectId));
  const [hideNames, setHideNames] = useState(false);
  const [notice, setNotice] = useState('');
  const pane = useRef<HTMLDivElement>(null);

  const items = queue.items;
  const requestedItem = items.find((item) => item.sentenceId === requested);
  const usernames = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m.username])), [members.data]);
  const finding = useFindRequested(items, requested, queue);
  // While a linked sentence is looked for further down the queue, nothing else is opened in its place.
  const current: Disagreement | undefined = requestedItem ?? (finding ? undefined : (items.find((item) => !item.resolved) ?? items[0]));
  const { select, goNextOpen, itemRef } = useQueueNavigation(items, current, setParam, setNotice, queue);

  // Each sentence opens at the top of the panel, not where the previous one was scrolled to.
  const currentId = current?.sentenceId;
  useEffect(() => {
    pane.current?.scrollTo({ top: 0 });
  }, [currentId]);

  const { doc, annotations, gold } = useDocumentLabels(current?.documentId);
  const error = project.error ?? queue.error ?? doc.error ?? annotations.error ?? gold.error ?? actors.error;

  return (
    <main className="review-page">
      <div className="review-head">
        <div>
          <Link to={`/projects/${projectId}`}>{project.data?.name ?? 'Project'}</Link>
          <h1>Review disagreements</h1>
        </div>
        <div className="review-tools">
          <label className="inline">
            <input type="checkbox" checked={hideNames} onChange={(e) => setHideNames(e.target.checked)} /> Hide names
          </label>
          <BulkUnanimous projectId={projectId} onDone={setNotice} />
          <Link to={`/projects/${projectId}/agreement`}>Agreement</Link>
        </div>
      </div>
      <p role="status" className="review-notice">
        {notice}
      </p>
      {error && (
        <p role="alert" className="error review-error">
          {errorMessage(error)}
        </p>
      )}
      <div className="review-body">
        <QueuePane
          filter={filter}
          onFilter={setFilter}
          projectId={projectId}
          queue={queue}
          current={current}
          onSelect={(item) => select(item, false)}
          itemRef={itemRef}
        />
        <div className="adjudication-pane" ref={pane}>
          {current && doc.data && doc.data.id === current.documentId && annotations.data && gold.data ? (
            <AdjudicationPanel
              key={current.sentenceId}
              projectId={projectId}
              item={current}
              doc={doc.data}
              annotations={annotations.data}
              gold={gold.data.find((g) => g.sentenceId === current.sentenceId)}
              actors={actors.data ?? []}
              stanceLabels={project.data?.stanceLabels ?? []}
              usernames={usernames}
              hideNames={hideNames}
              onSaved={(summary) => {
                setNotice(summary);
                goNextOpen(`${summary} No open conflicts left in this list.`);
              }}
            />
          ) : (
            current && <p aria-busy="true">Loading the sentence…</p>
          )}
          <ShortcutHelp />
        </div>
      </div>
    </main>
  );
}

/** The keys of this page, always in view. */
function ShortcutHelp() {
  return (
    <p className="shortcut-help muted small">
      <kbd>1</kbd>…<kbd>9</kbd> accept annotator A…I · <kbd>m</kbd> merge ticked · <kbd>e</kbd> edit · <kbd>n</kbd> or <kbd>]</kbd> next open conflict ·{' '}
      <kbd>[</kbd> previous
    </p>
  );
}
