import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Sentence } from '../../shared/schemas/documents.ts';
import { matchingSentences, nextMatch, sentenceNumberIndex } from './find.ts';

export type FindMode = 'search' | 'goto';

interface Props {
  mode: FindMode;
  sentences: readonly Sentence[];
  currentIndex: number;
  moveTo: (index: number) => void;
  /** Changes each time `/` or `g` is pressed: the box takes the focus again (the text typed stays). */
  focusToken: number;
  /** Esc or done: the bar closes and the focus goes back to the sentences. */
  onClose: () => void;
}

/**
 * Finding a sentence in a long article: `/` searches the sentences' text (Enter or ↓ the next
 * match, Shift+Enter or ↑ the one before), `g` goes to a sentence number. Esc closes either.
 */
export function FindBar({ mode, sentences, currentIndex, moveTo, focusToken, onClose }: Props) {
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusToken, mode]);
  const matches = useMemo(() => (mode === 'search' ? matchingSentences(sentences, query) : []), [mode, sentences, query]);
  const [message, setMessage] = useState<string | null>(null);
  const position = matches.indexOf(currentIndex);

  const search = (direction: 1 | -1) => {
    const next = nextMatch(matches, currentIndex, direction);
    if (next < 0) setMessage(query.trim() ? `No sentence contains “${query.trim()}”.` : null);
    else {
      setMessage(null);
      moveTo(next);
    }
  };

  const go = () => {
    const index = sentenceNumberIndex(query, sentences.length);
    if (index === null) {
      setMessage(`Type a sentence number from 1 to ${sentences.length}.`);
      return;
    }
    moveTo(index);
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Keys stay here: the workspace's shortcuts must not fire while typing a search.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' || (mode === 'search' && (event.key === 'ArrowDown' || event.key === 'ArrowUp'))) {
      event.preventDefault();
      if (mode === 'goto') go();
      else search(event.key === 'ArrowUp' || (event.key === 'Enter' && event.shiftKey) ? -1 : 1);
    }
  };

  const label = mode === 'search' ? 'Search the sentences' : `Go to sentence (1–${sentences.length})`;
  return (
    <div className="find-bar" role="search" aria-label={mode === 'search' ? 'Search the document' : 'Go to a sentence'}>
      <label>
        {label}{' '}
        <input
          ref={input}
          type={mode === 'search' ? 'search' : 'text'}
          inputMode={mode === 'goto' ? 'numeric' : undefined}
          value={query}
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value);
            setMessage(null);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      {mode === 'search' && query.trim() !== '' && (
        <span className="muted small" aria-live="polite">
          {matches.length === 0
            ? 'no match'
            : position >= 0
              ? `${position + 1} of ${matches.length}`
              : `${matches.length} match${matches.length === 1 ? '' : 'es'}: Enter for the next`}
        </span>
      )}
      {message && <span className="error small">{message}</span>}
      <span className="muted small find-keys">
        {mode === 'search' ? (
          <>
            <kbd>Enter</kbd> <kbd>↓</kbd> next · <kbd>↑</kbd> previous · <kbd>Esc</kbd> closes
          </>
        ) : (
          <>
            <kbd>Enter</kbd> goes · <kbd>Esc</kbd> closes
          </>
        )}
      </span>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
