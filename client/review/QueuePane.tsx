import type { z } from 'zod';
import { DisagreementField, type Disagreement, type DisagreementList } from '../../shared/schemas/review.ts';
import type { QueueFilter } from './queries.ts';
import { DocumentPicker } from '../documents/DocumentPicker.tsx';

export const FIELD_TEXT: Record<DisagreementField, string> = {
  status: 'status',
  speaker: 'speaker',
  stance: 'stance',
  target: 'target',
  flags: 'negated / hypothetical',
};

/** How far apart a sentence's annotators are, from the size of the largest group that agrees exactly. */
function agreementText(item: Disagreement): string {
  const largest = item.annotators - Math.round(item.dispute * item.annotators);
  if (largest > 1) return `${largest} of ${item.annotators} agree`;
  return item.annotators === 2 ? 'both differ' : `all ${item.annotators} differ`;
}

interface Props {
  filter: QueueFilter;
  onFilter: (name: 'document' | 'field', value: string | null) => void;
  projectId: number;
  queue: z.infer<typeof DisagreementList> | undefined;
  loading: boolean;
  current: Disagreement | undefined;
  onSelect: (item: Disagreement) => void;
  /** Registers each item's button, so keyboard navigation can focus it. */
  itemRef: (sentenceId: number) => (element: HTMLButtonElement | null) => void;
}

/** The queue: filters by document and field, the count of open conflicts, and the disputed sentences. */
export function QueuePane({ filter, onFilter, projectId, queue, loading, current, onSelect, itemRef }: Props) {
  const items = queue?.disagreements ?? [];
  const open = items.filter((item) => !item.resolved).length;
  return (
    <aside className="queue-pane" aria-labelledby="queue-heading">
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
      </div>
      {loading && <p aria-busy="true">Loading disagreements…</p>}
      {queue && (
        <p className="queue-count" aria-live="polite">
          <strong>{open}</strong> open {open === 1 ? 'conflict' : 'conflicts'} of {queue.total} disputed {queue.total === 1 ? 'sentence' : 'sentences'}
          {queue.total > items.length && ` (first ${items.length} shown)`}
        </p>
      )}
      {queue && items.length === 0 && <p className="muted">No disagreements{filter.documentId || filter.field ? ' match these filters' : ''}.</p>}
      <ol className="queue-items" aria-label="Disagreements">
        {items.map((item) => (
          <li key={item.sentenceId}>
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
        ))}
      </ol>
    </aside>
  );
}
