import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DisagreementField, type Disagreement } from '../../shared/schemas/review.ts';
import { reviewQueries, type QueueFilter } from './queries.ts';
import type { PagedList } from '../ui/usePagedList.ts';
import { ListError, LoadMore } from '../ui/PagedTable.tsx';
import { useLoadAhead, useVirtualRows } from '../ui/useVirtualRows.ts';
import { DocumentPicker } from '../documents/DocumentPicker.tsx';

export const FIELD_TEXT: Record<DisagreementField, string> = {
  status: 'status',
  speaker: 'speaker',
  stance: 'stance',
  target: 'target',
  flags: 'negated / hypothetical',
  contradiction: 'claims contradict',
};

/** How far apart a sentence's annotators are, from the size of the largest group that agrees exactly. */
function agreementText(item: Disagreement): string {
  const largest = item.annotators - Math.round(item.dispute * item.annotators);
  // A label all gave whose claims contradict each other: in the queue for its label, not a dispute.
  if (largest === item.annotators) return 'all agree';
  if (largest > 1) return `${largest} of ${item.annotators} agree`;
  return item.annotators === 2 ? 'both differ' : `all ${item.annotators} differ`;
}

interface Props {
  filter: QueueFilter;
  onFilter: (name: 'document' | 'field' | 'sort', value: string | null) => void;
  projectId: number;
  queue: PagedList<Disagreement>;
  current: Disagreement | undefined;
  onSelect: (item: Disagreement) => void;
  /** Registers each item's button, so keyboard navigation can focus it. */
  itemRef: (sentenceId: number) => (element: HTMLButtonElement | null) => void;
}

const NOUN = { one: 'disputed sentence', many: 'disputed sentences' };

/** A first guess of an item's height in pixels (two lines of text under its head); items are measured once drawn. */
const ITEM_HEIGHT = 96;

/** "3 open conflicts of 40 disputed sentences"; filtered, also the whole queue's size: "3 open conflicts · 40 of 1,200 disputed sentences". */
function countText(open: number | undefined, total: number, totalAll: number | null, filtered: boolean): string {
  const openText = open === undefined ? '' : `${open.toLocaleString('en')} open ${open === 1 ? 'conflict' : 'conflicts'}`;
  const noun = (n: number) => (n === 1 ? NOUN.one : NOUN.many);
  if (filtered && totalAll !== null)
    return `${openText ? `${openText} · ` : ''}${total.toLocaleString('en')} of ${totalAll.toLocaleString('en')} ${noun(totalAll)}`;
  return `${openText ? `${openText} of ` : ''}${total.toLocaleString('en')} ${noun(total)}`;
}

/**
 * The queue: filters by document and field, its order, the count of open conflicts, and the
 * disputed sentences a page at a time (the next page comes as the pane scrolls near the end, with
 * "Load more", or when `n` runs past the last one loaded). Only the items in view are drawn, and
 * the current one wherever it is, so a queue of thousands stays a few dozen DOM nodes.
 */
export function QueuePane({ filter, onFilter, projectId, queue, current, onSelect, itemRef }: Props) {
  const items = queue.items;
  const open = useQuery(reviewQueries.openCount(projectId, filter)).data;
  const total = queue.total;
  const filtered = filter.documentId !== undefined || filter.field !== undefined;

  const paneRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // Where the list starts in the pane, under the filters and the count (they scroll with it).
  const firstTitle = items[0]?.documentTitle;
  const empty = items.length === 0;
  const [listTop, setListTop] = useState(0);
  useLayoutEffect(() => {
    const pane = paneRef.current;
    const list = listRef.current;
    if (!pane || !list) return;
    setListTop(Math.round(list.getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientTop + pane.scrollTop));
    // What is drawn above the list: the document filter (a picker or a chip with its title), the loading line, the count, the empty line.
  }, [filter.documentId, firstTitle, queue.isPending, total, empty]);
  const { rows, after, lastInView, measure, focusHandlers } = useVirtualRows({
    items,
    rowKey: (item) => item.sentenceId,
    scrollRef: paneRef,
    estimate: ITEM_HEIGHT,
    keepRow: (item) => item === current,
    scrollMargin: listTop,
  });
  useLoadAhead(queue, lastInView);

  // The current item in view when it changes (a link to one far down, a move by key).
  const currentId = current?.sentenceId;
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);

  return (
    <aside className="queue-pane" aria-labelledby="queue-heading" ref={paneRef}>
      <h2 id="queue-heading" className="visually-hidden">
        Disagreement queue
      </h2>
      <div className="queue-filters">
        {filter.documentId === undefined ? (
          <DocumentPicker
            projectId={projectId}
            label="Document"
            placeholder="All documents — type a title…"
            onPick={(doc) => onFilter('document', String(doc.id))}
          />
        ) : (
          <div>
            <span id="queue-document-label">Document</span>
            <ul className="chips" aria-labelledby="queue-document-label">
              <li>
                {/* The queue's rows name their document; before they come, its number. */}
                <span>{items[0]?.documentTitle ?? `Document ${filter.documentId}`}</span>
                <button type="button" aria-label="Show all documents" onClick={() => onFilter('document', null)}>
                  ×
                </button>
              </li>
            </ul>
          </div>
        )}
        <label>
          Field
          <select value={filter.field ?? ''} onChange={(e) => onFilter('field', e.target.value || null)}>
            <option value="">Any field</option>
            {DisagreementField.options.map((field) => (
              <option key={field} value={field}>
                {FIELD_TEXT[field]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Order
          <select value={filter.sort ?? 'dispute'} onChange={(e) => onFilter('sort', e.target.value === 'dispute' ? null : e.target.value)}>
            <option value="dispute">Most disputed first</option>
            <option value="position">Reading order</option>
          </select>
        </label>
      </div>
      {queue.isPending && <p aria-busy="true">Loading disagreements…</p>}
      {total !== null && (
        <p className="queue-count" aria-live="polite">
          {countText(open, total, queue.totalAll, filtered)}
        </p>
      )}
      {total !== null && items.length === 0 && !queue.isUpdating && <p className="muted">No disagreements{filtered ? ' match these filters' : ''}.</p>}
      <ol className="queue-items" aria-label="Disagreements" ref={listRef} {...focusHandlers}>
        {rows.map(({ index, key, item, gap }) => (
          <Fragment key={key}>
            {gap > 0 && <li className="queue-spacer" aria-hidden="true" style={{ height: gap }} />}
            <li data-index={index} ref={measure} aria-posinset={index + 1} aria-setsize={total ?? undefined}>
              <button
                type="button"
                ref={itemRef(item.sentenceId)}
                className={`queue-item${item.resolved ? ' resolved' : ''}`}
                aria-current={item === current ? 'true' : undefined}
                onClick={() => onSelect(item)}
              >
                <span className="queue-item-head">
                  <span className="muted small">
                    {item.documentTitle} · {item.index + 1}
                  </span>
                  {item.resolved ? <span className="badge resolved">resolved</span> : <span className="badge dispute">{agreementText(item)}</span>}
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
          </Fragment>
        ))}
        {after > 0 && <li className="queue-spacer" aria-hidden="true" style={{ height: after }} />}
      </ol>
      <ListError list={queue} />
      <LoadMore list={queue} noun={NOUN} />
    </aside>
  );
}
