import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { sentenceWords, snapToSentenceWords, textDirection } from '../../shared/language.ts';
import { selectedSpan } from './spans.ts';
import type { SentenceListHandle } from './SentenceList.tsx';
import type { Span } from '../../shared/schemas/common.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

/**
 * The keyboard word cursor: indexes into the words near the current sentence. `selected`: the words
 * from anchor to focus are selected; false once `s` / `t` took them, when it only remembers where the
 * cursor is, so the next arrow goes on from the marked word instead of the sentence's first word.
 */
interface WordCursor {
  anchor: number;
  focus: number;
  selected: boolean;
}

/** How far (in sentences) the keyboard selection may reach from the current sentence. */
const SELECTION_REACH = 5;

/** The sentence holding a document offset (sentences are in text order), by binary search. */
function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const s = sentences[middle]!;
    if (offset < s.start) high = middle - 1;
    else if (offset >= s.end) low = middle + 1;
    else return s;
  }
  return undefined;
}

/**
 * Selecting words of the text for a speaker or target span: with the keyboard (←/→ move a word
 * cursor, into neighbouring sentences too; Shift extends it) or with the mouse, snapped to words.
 * Words are the document language's (`sentenceWords`: Chinese and Japanese by dictionary).
 */
export function useWordSelection(
  text: string | undefined,
  sentences: readonly Sentence[],
  index: number,
  list: RefObject<SentenceListHandle | null>,
  language: string | null = null,
) {
  const current = sentences[index];
  // Only the words of a few sentences around the current one: a long article has tens of thousands.
  const nearWords = useMemo(() => {
    if (text === undefined) return [];
    const words: Span[] = [];
    for (let i = Math.max(0, index - SELECTION_REACH); i <= Math.min(sentences.length - 1, index + SELECTION_REACH); i++) {
      const s = sentences[i]!;
      words.push(...sentenceWords(text.slice(s.start, s.end), s.start, language));
    }
    return words;
  }, [text, sentences, index, language]);

  const [cursor, setCursorState] = useState<WordCursor | null>(null);
  // The cursor as the last key left it, ahead of React's render: `→ s` pressed before the screen
  // catches up must mark the word → went to.
  const latest = useRef<WordCursor | null>(null);
  const setCursor = useCallback((next: WordCursor | null) => {
    latest.current = next;
    setCursorState(next);
  }, []);
  useEffect(() => setCursor(null), [index, setCursor]);

  /** The selected words of a cursor as a document span, null when none are selected. */
  const spanOf = useCallback(
    (of: WordCursor | null): Span | null => {
      if (!of?.selected) return null;
      const a = nearWords[of.anchor];
      const f = nearWords[of.focus];
      return a && f ? { start: Math.min(a.start, f.start), end: Math.max(a.end, f.end) } : null;
    },
    [nearWords],
  );
  /** The keyboard selection as a document span, null when there is none. */
  const span = useMemo(() => spanOf(cursor), [spanOf, cursor]);

  /**
   * ←/→: the cursor starts at the current sentence's first (→) or last (←) word, or goes on from
   * where it is (also from words `s` / `t` just took); Shift extends a selection, or starts one at
   * the next word. In a sentence laid out right to left the arrows keep their visual sense: → goes
   * to the word on the right, the one before.
   */
  const moveCursor = (key: 1 | -1, extend: boolean) => {
    if (!current) return;
    const direction = textDirection(current.text, language) === 'rtl' ? -key : key;
    const inCurrent = nearWords.map((w, i) => [w, i] as const).filter(([w]) => w.start >= current.start && w.end <= current.end);
    const start = direction > 0 ? inCurrent[0]?.[1] : inCurrent.at(-1)?.[1];
    if (start === undefined) return;
    const old = latest.current;
    const focus = old ? Math.max(0, Math.min(nearWords.length - 1, old.focus + direction)) : start;
    setCursor({ anchor: extend && old?.selected ? old.anchor : focus, focus, selected: true });
  };

  /**
   * The selected words (the mouse's selection first), consumed: nothing is selected after, and the
   * word cursor stays on the last word taken.
   */
  const take = useCallback((): Span | null => {
    if (text === undefined) return null;
    const fromMouse = selectedSpan(list.current?.textRoot() ?? null, text, (selected) =>
      snapToSentenceWords(text, selected, (offset) => sentenceAt(sentences, offset), language),
    );
    if (fromMouse) {
      window.getSelection()?.removeAllRanges();
      const last = nearWords.findLastIndex((w) => w.start < fromMouse.end && w.end > fromMouse.start);
      setCursor(last >= 0 ? { anchor: last, focus: last, selected: false } : null);
      return fromMouse;
    }
    const old = latest.current;
    const taken = spanOf(old);
    if (old) setCursor({ anchor: old.focus, focus: old.focus, selected: false });
    return taken;
  }, [text, list, sentences, language, nearWords, spanOf, setCursor]);

  /** Esc: clears the keyboard selection (and where the cursor was); false when nothing was selected. */
  const clear = () => {
    const had = !!latest.current?.selected;
    setCursor(null);
    return had;
  };

  return { span, moveCursor, take, clear };
}
