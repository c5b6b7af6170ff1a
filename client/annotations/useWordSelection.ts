import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import { sentenceWords, snapToSentenceWords, textDirection } from '../../shared/language.ts';
import { selectedSpan } from './spans.ts';
import type { SentenceListHandle } from './SentenceList.tsx';
import type { Span } from '../../shared/schemas/common.ts';
import type { Sentence } from '../../shared/schemas/documents.ts';

/** A keyboard text selection: indexes into the words near the current sentence. */
interface KeyboardSelection {
  anchor: number;
  focus: number;
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

  const [selection, setSelection] = useState<KeyboardSelection | null>(null);
  useEffect(() => setSelection(null), [index]);

  /** The keyboard selection as a document span, null when there is none. */
  const span = useMemo<Span | null>(() => {
    if (!selection) return null;
    const a = nearWords[selection.anchor];
    const f = nearWords[selection.focus];
    return a && f ? { start: Math.min(a.start, f.start), end: Math.max(a.end, f.end) } : null;
  }, [selection, nearWords]);

  /**
   * ←/→: the cursor starts at the current sentence's first (→) or last (←) word. In a sentence laid
   * out right to left the arrows keep their visual sense: → goes to the word on the right, the one before.
   */
  const moveCursor = (key: 1 | -1, extend: boolean) => {
    if (!current) return;
    const direction = textDirection(current.text, language) === 'rtl' ? -key : key;
    const inCurrent = nearWords.map((w, i) => [w, i] as const).filter(([w]) => w.start >= current.start && w.end <= current.end);
    const start = direction > 0 ? inCurrent[0]?.[1] : inCurrent.at(-1)?.[1];
    if (start === undefined) return;
    setSelection((old) => {
      const focus = old ? Math.max(0, Math.min(nearWords.length - 1, old.focus + direction)) : start;
      return { anchor: extend ? (old?.anchor ?? start) : focus, focus };
    });
  };

  /** The selected words (the mouse's selection first), consumed: the selection is cleared. */
  const take = useCallback((): Span | null => {
    if (text === undefined) return null;
    const fromMouse = selectedSpan(list.current?.textRoot() ?? null, text, (selected) =>
      snapToSentenceWords(text, selected, (offset) => sentenceAt(sentences, offset), language),
    );
    if (fromMouse) {
      window.getSelection()?.removeAllRanges();
      return fromMouse;
    }
    setSelection(null);
    return span;
  }, [text, span, list, sentences, language]);

  /** Esc: clears the keyboard selection; false when there was none. */
  const clear = () => {
    if (!selection) return false;
    setSelection(null);
    return true;
  };

  return { span, moveCursor, take, clear };
}
