import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { DisagreementField, type Disagreement } from '../../shared/schemas/review.ts';
import { isReviewShortcut } from './keys.ts';
import type { QueueFilter } from './queries.ts';

/** The queue filter from the URL (`?document=…&field=…`), ignoring values that are not valid. */
function filterFrom(params: URLSearchParams): QueueFilter {
  const documentId = Number(params.get('document'));
  const field = DisagreementField.safeParse(params.get('field'));
  return {
    ...(Number.isSafeInteger(documentId) && documentId > 0 ? { documentId } : {}),
    ...(field.success ? { field: field.data } : {}),
  };
}

/** The page's state in its URL: the filter, and the sentence asked for (`?sentence=…`), so a link opens the same view. */
export function useReviewParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = useMemo(() => filterFrom(searchParams), [searchParams]);
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
  return { filter, requested: Number(searchParams.get('sentence')), setParam };
}

/**
 * Moving through the queue: selecting an item, the next open one, and the keys `n` / `]` (next open
 * conflict) and `[` (previous item). `onEnd` hears when no open conflict is left.
 */
export function useQueueNavigation(
  items: readonly Disagreement[],
  current: Disagreement | undefined,
  setParam: (name: string, value: string | null) => void,
  onEnd: (message: string) => void,
) {
  const itemButtons = useRef(new Map<number, HTMLButtonElement>());
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

  useEffect(() => {
    const goNext = () => {
      const next = nextOpen();
      if (next) select(next, true);
      else onEnd('No open conflicts left in this list.');
    };
    const goPrevious = () => {
      const { items: list, currentId } = position.current;
      select(list[list.findIndex((item) => item.sentenceId === currentId) - 1], true);
    };
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
  }, [nextOpen, select, onEnd]);

  /** A callback ref for an item's button, so navigating by key can focus it. */
  const itemRef = useCallback(
    (sentenceId: number) => (element: HTMLButtonElement | null) => {
      if (element) itemButtons.current.set(sentenceId, element);
      else itemButtons.current.delete(sentenceId);
    },
    [],
  );

  return { select, nextOpen, itemRef };
}
