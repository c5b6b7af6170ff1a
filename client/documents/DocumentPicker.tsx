import { useId, useState, type KeyboardEvent } from 'react';
import type { DocumentSummary } from '../../shared/schemas/documents.ts';
import { errorMessage } from '../api.ts';
import { useDebounced } from '../ui/useDebounced.ts';
import { SEARCH_DEBOUNCE_MS } from '../ui/useListParams.ts';
import { useDocumentPages } from './queries.ts';
import '../ui/paged.css';

/** How many matches the list under the box offers; more are found by typing more. */
const MATCHES = 12;

interface Props {
  projectId: number;
  label: string;
  onPick: (doc: DocumentSummary) => void;
  /** Documents already picked: offered as picked (a second pick does nothing). */
  picked?: ReadonlySet<number>;
  placeholder?: string;
}

/**
 * A search over the project's documents that offers the matching titles to pick (a combobox: type,
 * ↓/↑ to move, Enter to pick, Escape to close). It replaces lists of every document, which at
 * 100,000 documents were 100,000 checkboxes or options.
 */
export function DocumentPicker({ projectId, label, onPick, picked, placeholder = 'Type a title or source…' }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const list = useDocumentPages(projectId, { sort: 'title', order: 'asc', ...(q ? { q } : {}) }, { limit: MATCHES, enabled: open });
  const matches = list.items.slice(0, MATCHES);
  const at = Math.min(active, Math.max(matches.length - 1, 0));

  const pick = (doc: DocumentSummary | undefined) => {
    if (!doc) return;
    onPick(doc);
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(matches.length === 0 ? 0 : (at + step + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (open) pick(matches[at]);
    } else if (event.key === 'Escape' && open) {
      // Closes the list only; a second Escape is the page's again.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const more = list.total !== null ? list.total - matches.length : 0;
  return (
    <div className="search-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[at] ? `${id}-${matches[at].id}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label={`${label}: matches`}>
          {list.error && <li className="picker-note error">{errorMessage(list.error)}</li>}
          {list.isPending && <li className="picker-note">Searching…</li>}
          {!list.isPending && matches.length === 0 && !list.error && <li className="picker-note">{q ? `No document matches “${q}”.` : 'No documents yet.'}</li>}
          {matches.map((doc, index) => {
            const isPicked = picked?.has(doc.id) ?? false;
            return (
              <li
                key={doc.id}
                id={`${id}-${doc.id}`}
                role="option"
                aria-selected={index === at}
                aria-checked={picked ? isPicked : undefined}
                // mousedown, not click: the box keeps the focus, so the list stays open for the next pick.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(doc);
                }}
              >
                {isPicked && <span aria-hidden="true">✓ </span>}
                {doc.title}
                {doc.source && <span className="muted small"> · {doc.source}</span>}
              </li>
            );
          })}
          {more > 0 && !list.isUpdating && (
            <li className="picker-note small" aria-hidden="true">
              {more.toLocaleString('en')} more match — type more of the title
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
