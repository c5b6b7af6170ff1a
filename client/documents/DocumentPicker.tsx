import { useId, useState, type KeyboardEvent } from 'react';
import type { DocumentSummary } from '../../shared/schemas/documents.ts';
import { errorMessage } from '../api.ts';
import { useDebounced } from '../ui/useDebounced.ts';
import { SEARCH_DEBOUNCE_MS } from '../ui/useListParams.ts';
import { useDocumentPages } from './queries.ts';
import '../ui/paged.css';

type Option = { kind: 'search'; q: string; total: number } | { kind: 'doc'; doc: DocumentSummary };

/** How many matches the list under the box offers; more are found by typing more. */
const MATCHES = 12;

interface Props {
  projectId: number;
  label: string;
  onPick: (doc: DocumentSummary) => void;
  /** Documents already picked: offered as picked (a second pick does nothing). */
  picked?: ReadonlySet<number>;
  /** When given, the first option is every document the search matches (e.g. "export them all"). */
  onPickSearch?: (q: string, total: number) => void;
  placeholder?: string;
}

/**
 * A search over the project's documents that offers the matching titles to pick (a combobox: type,
 * ↓/↑ to move, Enter to pick, Escape to close). It replaces lists of every document, which at
 * 100,000 documents were 100,000 checkboxes or options.
 */
export function DocumentPicker({ projectId, label, onPick, picked, onPickSearch, placeholder = 'Type a title or source…' }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const list = useDocumentPages(projectId, { sort: 'title', order: 'asc', ...(q ? { q } : {}) }, { limit: MATCHES, enabled: open });
  const matches = list.items.slice(0, MATCHES);
  // The answer is for what is typed now (not a previous search still shown while the new one loads).
  const settled = q === text.trim() && !list.isUpdating && !list.isPending;
  const searchOption = onPickSearch && q && settled && list.total !== null && list.total > 0 ? { q, total: list.total } : null;
  // The whole search comes last: Enter on a fresh search picks its first document, as in any picker.
  const options: Option[] = [...matches.map((doc) => ({ kind: 'doc' as const, doc })), ...(searchOption ? [{ kind: 'search' as const, ...searchOption }] : [])];
  const at = Math.min(active, Math.max(options.length - 1, 0));
  const optionId = (option: Option) => (option.kind === 'search' ? `${id}-search` : `${id}-${option.doc.id}`);

  const pick = (option: Option | undefined) => {
    if (!option) return;
    if (option.kind === 'search') {
      onPickSearch?.(option.q, option.total);
      setText('');
      setOpen(false);
    } else onPick(option.doc);
    // Closed after a pick, so the list does not cover what the pick changed (its chip); typing,
    // ↓ or a click opens it again for the next.
    setOpen(false);
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(options.length === 0 ? 0 : (at + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (open && settled) pick(options[at]);
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
        aria-activedescendant={open && options[at] ? optionId(options[at]) : undefined}
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
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label={`${label}: matches`}>
          {list.error && <li className="picker-note error">{errorMessage(list.error)}</li>}
          {list.isPending && <li className="picker-note">Searching…</li>}
          {!list.isPending && matches.length === 0 && !list.error && <li className="picker-note">{q ? `No document matches “${q}”.` : 'No documents yet.'}</li>}
          {options.map((option, index) => {
            const isPicked = option.kind === 'doc' && (picked?.has(option.doc.id) ?? false);
            return (
              <li
                key={optionId(option)}
                id={optionId(option)}
                role="option"
                aria-selected={index === at}
                aria-checked={picked && option.kind === 'doc' ? isPicked : undefined}
                className={option.kind === 'search' ? 'picker-search' : undefined}
                // mousedown, not click: the box keeps the focus, ready for the next search.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(option);
                }}
              >
                {option.kind === 'search' ? (
                  `Every document matching “${option.q}” (${option.total.toLocaleString('en')})`
                ) : (
                  <>
                    {isPicked && <span aria-hidden="true">✓ </span>}
                    {option.doc.title}
                    {option.doc.source && <span className="muted small"> · {option.doc.source}</span>}
                  </>
                )}
              </li>
            );
          })}
          {more > 0 && settled && !searchOption && (
            <li className="picker-note small" aria-hidden="true">
              {more.toLocaleString('en')} more match — type more of the title
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
