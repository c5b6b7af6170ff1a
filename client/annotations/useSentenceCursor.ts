import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Sentence } from '../../shared/schemas/documents.ts';

/**
 * The current sentence of the workspace: opened from a deep link (`?sentence=id`), else where the
 * user stopped (`resumeAt`, null until the labels are loaded), moved by keys and clicks, and
 * written back into the URL so a reload opens at the same sentence.
 */
export function useSentenceCursor(sentences: readonly Sentence[], resumeAt: number | null) {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = Number(searchParams.get('sentence'));
  const requestedIndex = sentences.findIndex((s) => s.id === requested);
  const [currentIndex, setCurrentIndex] = useState<number | null>(null);
  // The opening sentence is decided once, as soon as it is known (before the first paint of the
  // list): labelling later moves `resumeAt` on, and must not move the cursor with it.
  if (currentIndex === null && sentences.length > 0 && (requestedIndex >= 0 || resumeAt !== null)) {
    setCurrentIndex(requestedIndex >= 0 ? requestedIndex : resumeAt);
  }
  const index = Math.min(currentIndex ?? 0, Math.max(sentences.length - 1, 0));

  // A deep link decides where the workspace opens. Every move writes its sentence into the URL
  // too, but the router commits those URLs later, after faster keys have moved on: a URL the
  // workspace wrote itself must not pull the selection back.
  const movedTo = useRef(new Set<number>());
  useEffect(() => {
    if (requestedIndex >= 0 && !movedTo.current.has(requested)) setCurrentIndex(requestedIndex);
  }, [requestedIndex, requested]);

  // The sentence a move was last asked for, ahead of React's render: two keys pressed before the
  // screen catches up (holding j) must move two sentences, not one.
  const targetIndex = useRef(index);
  targetIndex.current = index;

  /** Makes sentence `next` (clamped to the document) current. */
  const moveTo = useCallback(
    (next: number) => {
      const clamped = Math.max(0, Math.min(sentences.length - 1, next));
      targetIndex.current = clamped;
      setCurrentIndex(clamped);
      const sentence = sentences[clamped];
      if (sentence) {
        movedTo.current.add(sentence.id);
        setSearchParams({ sentence: String(sentence.id) }, { replace: true });
      }
    },
    [sentences, setSearchParams],
  );

  /** Moves `delta` sentences from where the last move went, even if that is not on screen yet. */
  const step = useCallback((delta: number) => moveTo(targetIndex.current + delta), [moveTo]);

  // A deep link to a sentence this document does not have (mistyped, or merged away): said, not
  // silently ignored; gone once the cursor moves (the URL then names a real sentence).
  const missingLink = sentences.length > 0 && searchParams.has('sentence') && requestedIndex < 0 ? searchParams.get('sentence') : null;

  return { index, current: sentences[index], moveTo, step, missingLink };
}
