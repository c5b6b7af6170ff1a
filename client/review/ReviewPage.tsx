import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../api.ts';
import { projectQueries } from '../projects/queries.ts';
import { documentQueries } from '../documents/queries.ts';
import { actorQueries } from '../actors/queries.ts';
import { adminQueries } from '../admin/queries.ts';
import { Modal } from '../ui/Modal.tsx';
import { DisagreementField, type Disagreement } from '../../shared/schemas/review.ts';
import { AdjudicationPanel } from './AdjudicationPanel.tsx';
import { isReviewShortcut } from './keys.ts';
import { useAcceptUnanimous } from './mutations.ts';
import { reviewQueries, type QueueFilter } from './queries.ts';

const FIELD_TEXT: Record<DisagreementField, string> = { status: 'status', speaker: 'speaker', stance: 'stance', target: 'target', flags: 'negated / hypothetical' };

/** How far apart a sentence's annotators are, from the size of the largest group that agrees exactly. */
function agreementText(item: Disagreement): string {
  const largest = item.annotators - Math.round(item.dispute * item.annotators);
  if (largest > 1) return `${largest} of ${item.annotators} agree`;
  return item.annotators === 2 ? 'both differ' : `all ${item.annotators} differ`;
}

/** The queue filter from the URL (`?document=…&field=…`), ignoring values that are not valid. */
function filterFrom(params: URLSearchParams): QueueFilter {
  const documentId = Number(params.get('document'));
  const field = DisagreementField.safeParse(params.get('field'));
  return {
    ...(Number.isSafeInteger(documentId) && documentId > 0 ? { documentId } : {}),
    ...(field.success ? { field: field.data } : {}),
  };
}

/**
 * The disagreement queue and adjudication (reviewers and admins): disputed sentences, most disputed
 * first, filterable by document and field; the selected one is resolved in the panel beside it.
 * `n` or `]` goes to the next open conflict, `[` to the previous item.
 */
export function ReviewPage() {
  const projectId = Number(useParams().projectId);
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = useMemo(() => filterFrom(searchParams), [searchParams]);
  const project = useQuery(projectQueries.detail(projectId));
  const documents = useQuery(documentQueries.list(projectId));
  const queue = useQuery(reviewQueries.queue(projectId, filter));
  const actors = useQuery(actorQueries.list(projectId));
  const members = useQuery(adminQueries.members(projectId));
  const [hideNames, setHideNames] = useState(false);
  const [notice, setNotice] = useState('');
  const itemButtons = useRef(new Map<number, HTMLButtonElement>());
  const pane = useRef<HTMLDivElement>(null);

  const items = useMemo(() => queue.data?.disagreements ?? [], [queue.data]);
  const open = items.filter((item) => !item.resolved).length;
  const requested = Number(searchParams.get('sentence'));
  const current: Disagreement | undefined = items.find((item) => item.sentenceId === requested) ?? items.find((item) => !item.resolved) ?? items[0];

  const usernames = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m.username])), [members.data]);

  const setParam = useCallback(
    (name: string, value: string | null) =>
      setSearchParams(
        (old) => {
          const next = new URLSearchParams(old);
          if (value === null) next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  // Keys can come faster than React re-renders: navigation reads the list and position from a ref
  // that `select` moves at once, so two quick presses of `n` go two items on.
  const position = useRef({ items, currentId: current?.sentenceId });
  position.current = { items, currentId: current?.sentenceId };

  const select = useCallback(
    (item: Disagreement | undefined, focus: boolean) => {
      if (!item) return;
      position.current = { ...position.current, currentId: item.sentenceId };
      setParam('sentence', String(item.sentenceId));
      if (focus) requestAnimationFrame(() => itemButtons.current.get(item.sentenceId)?.focus());
    },
    [setParam],
  );

  /** The next item after the current one that still needs gold (the current one may just have been resolved), wrapping round. */
  const nextOpen = useCallback(() => {
    const { items: list, currentId } = position.current;
    const at = list.findIndex((item) => item.sentenceId === currentId);
    const rest = [...list.slice(at + 1), ...list.slice(0, Math.max(at, 0))];
    return rest.find((item) => !item.resolved && item.sentenceId !== currentId);
  }, []);

  const goNext = useCallback(() => {
    const next = nextOpen();
    if (next) select(next, true);
    else setNotice('No open conflicts left in this list.');
  }, [nextOpen, select]);

  const goPrevious = useCallback(() => {
    const { items: list, currentId } = position.current;
    select(list[list.findIndex((item) => item.sentenceId === currentId) - 1], true);
  }, [select]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isReviewShortcut(event)) return;
      if (event.key === 'n' || event.key === ']') {
        event.preventDefault();
        goNext();
      } else if (event.key === '[') {
        event.preventDefault();
        goPrevious();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [goNext, goPrevious]);

  // Each sentence opens at the top of the panel, not where the previous one was scrolled to.
  const currentId = current?.sentenceId;
  useEffect(() => {
    pane.current?.scrollTo({ top: 0 });
  }, [currentId]);

  const documentId = current?.documentId;
  const doc = useQuery({ ...documentQueries.detail(documentId ?? 0), enabled: documentId !== undefined });
  const annotations = useQuery({ ...reviewQueries.annotations(documentId ?? 0), enabled: documentId !== undefined });
  const gold = useQuery({ ...reviewQueries.gold(documentId ?? 0), enabled: documentId !== undefined });
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
        <aside className="queue-pane" aria-labelledby="queue-heading">
          <h2 id="queue-heading" className="visually-hidden">
            Disagreement queue
          </h2>
          <div className="queue-filters">
            <label>
              Document
              <select value={filter.documentId ?? ''} onChange={(e) => setParam('document', e.target.value || null)}>
                <option value="">All documents</option>
                {documents.data?.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Field
              <select value={filter.field ?? ''} onChange={(e) => setParam('field', e.target.value || null)}>
                <option value="">Any field</option>
                {DisagreementField.options.map((field) => (
                  <option key={field} value={field}>
                    {FIELD_TEXT[field]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {queue.isPending && <p aria-busy="true">Loading disagreements…</p>}
          {queue.data && (
            <p className="queue-count" aria-live="polite">
              <strong>{open}</strong> open {open === 1 ? 'conflict' : 'conflicts'} of {queue.data.total} disputed{' '}
              {queue.data.total === 1 ? 'sentence' : 'sentences'}
              {queue.data.total > items.length && ` (first ${items.length} shown)`}
            </p>
          )}
          {queue.data && items.length === 0 && <p className="muted">No disagreements{filter.documentId || filter.field ? ' match these filters' : ''}.</p>}
          <ol className="queue-items" aria-label="Disagreements">
            {items.map((item) => (
              <li key={item.sentenceId}>
                <button
                  type="button"
                  ref={(el) => {
                    if (el) itemButtons.current.set(item.sentenceId, el);
                    else itemButtons.current.delete(item.sentenceId);
                  }}
                  className={`queue-item${item.resolved ? ' resolved' : ''}`}
                  aria-current={item === current ? 'true' : undefined}
                  onClick={() => select(item, false)}
                >
                  <span className="queue-item-head">
                    <span className="muted small">
                      {item.documentTitle} · {item.index + 1}
                    </span>
                    {item.resolved ? (
                      <span className="badge resolved">resolved</span>
                    ) : (
                      <span className="badge dispute">{agreementText(item)}</span>
                    )}
                  </span>
                  <span className="queue-text">{item.text}</span>
                  <span className="queue-fields small">
                    {item.fields.map((field) => (
                      <span key={field} className="field-tag">
                        {FIELD_TEXT[field]}
                      </span>
                    ))}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </aside>
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
                const next = nextOpen();
                setNotice(next ? summary : `${summary} No open conflicts left in this list.`);
                select(next ?? current, true);
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
      <kbd>1</kbd>…<kbd>9</kbd> accept annotator A…I · <kbd>m</kbd> merge ticked · <kbd>e</kbd> edit · <kbd>n</kbd> or <kbd>]</kbd> next open
      conflict · <kbd>[</kbd> previous
    </p>
  );
}

/** "Accept all unanimous…": counts first (dry run), asks, then accepts. */
function BulkUnanimous({ projectId, onDone }: { projectId: number; onDone: (message: string) => void }) {
  const unanimous = useAcceptUnanimous(projectId);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => setCount(null), []);

  const start = () => {
    setError(null);
    unanimous.mutate(false, {
      onSuccess: (result) => setCount(result.count),
      onError: (e) => setError(`Could not count the unanimous sentences: ${errorMessage(e)}`),
    });
  };
  const apply = () =>
    unanimous.mutate(true, {
      onSuccess: (result) => {
        setCount(null);
        onDone(`Accepted ${result.count} unanimous ${result.count === 1 ? 'sentence' : 'sentences'} as gold.`);
      },
      onError: (e) => setError(`Nothing was accepted: ${errorMessage(e)}`),
    });

  return (
    <>
      <button type="button" onClick={start} disabled={unanimous.isPending}>
        Accept all unanimous…
      </button>
      {error && count === null && (
        <span role="alert" className="error small">
          {error}
        </span>
      )}
      <Modal title="Accept all unanimous sentences" open={count !== null} onClose={close}>
        {count === 0 ? (
          <p>There is no sentence without gold on which all annotators agree exactly.</p>
        ) : (
          <p>
            <strong>{count}</strong> {count === 1 ? 'sentence' : 'sentences'} without gold {count === 1 ? 'has' : 'have'} the same label from every
            annotator. Each will get that label as gold (method “unanimous”). Sentences that already have gold are left alone.
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          {count !== 0 && (
            <button type="button" className="primary" onClick={apply} disabled={unanimous.isPending}>
              Accept {count} {count === 1 ? 'sentence' : 'sentences'}
            </button>
          )}
          <button type="button" onClick={close}>
            {count === 0 ? 'Close' : 'Cancel'}
          </button>
        </div>
      </Modal>
    </>
  );
}
