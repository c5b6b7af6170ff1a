import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { DISAGREEMENT_SORTS, DisagreementField, type Disagreement } from '../../shared/schemas/review.ts';
import { isReviewShortcut } from './keys.ts';
import type { QueueFilter } from './queries.ts';

/** The queue filter from the URL (`?document=…&field=…&sort=position`), ignoring values that are not valid. */
function filterFrom(params: URLSearchParams): QueueFilter {
  const documentId = Number(params.get('document'));
  const field = DisagreementField.safeParse(params.get('field'));
  const sort = DISAGREEMENT_SORTS.find((s) => s === params.get('sort'));
  return {
    ...(Number.isSafeInteger(documentId) && documentId > 0 ? { documentId } : {}),
    ...(field.success ? { field: field.data } : {}),
    ...(sort && sort !== DISAGREEMENT_SORTS[0] ? { sort } : {}),
  };
}

/** What navigation needs of the queue's paging: when the loaded items run out, the next page. */
export interface QueueMore {
  hasNextPage: boolean;
  fetchNextPage: () => void;
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
  /** A new filter or order starts at its own first conflict: the sentence asked for goes (it may not be in the new view). */
  const setFilter = useCallback(
    (name: 'document' | 'field' | 'sort', value: string | null) =>
      setSearchParams(
        (old) => {
          const next = new URLSearchParams(old);
          next.delete('sentence');
          if (value === null) next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return { filter, requested: Number(searchParams.get('sentence')), setParam, setFilter };
}

/** Pages a link's sentence is looked for in before the queue gives up on it (1,000 items). */
const FIND_PAGES = 20;

/**
 * A link to a sentence (`?sentence=…`) further down than the first page: the next pages are loaded
 * until it is among the items (or FIND_PAGES have been looked through).
 */
export function useFindRequested(items: readonly Disagreement[], requested: number, more: QueueMore & { isFetchingNextPage: boolean }) {
  const found = !requested || items.some((item) => item.sentenceId === requested);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = more;
  const looking = !found && hasNextPage && items.length < FIND_PAGES * 50;
  useEffect(() => {
    if (looking && !isFetchingNextPage) fetchNextPage();
  }, [looking, isFetchingNextPage, fetchNextPage]);
  return looking;
}

/**
 * Moving through the queue: selecting an item, the next open one, and the keys `n` / `]` (next open
 * conflict) and `[` (previous item). The queue comes a page at a time: when no open conflict is
 * left among the loaded items, the next page is asked for and the move finishes once it is in.
 * `onEnd` hears when no open conflict is left.
 */
export function useQueueNavigation(
  items: readonly Disagreement[],
  current: Disagreement | undefined,
  setParam: (name: string, value: string | null) => void,
  onEnd: (message: string) => void,
  more: QueueMore,
) {
  const itemButtons = useRef(new Map<number, HTMLButtonElement>());
  /** An item to focus as soon as its button is drawn. */
  const pendingFocus = useRef<number | null>(null);
  // Keys can come faster than React re-renders: navigation reads the list and position from a ref
  // that `select` moves at once, so two quick presses of `n` go two items on.
  const position = useRef({ items, currentId: current?.sentenceId });
  position.current = { items, currentId: current?.sentenceId };

  const select = useCallback(
    (item: Disagreement | undefined, focus: boolean) => {
      if (!item) return;
      position.current = { ...position.current, currentId: item.sentenceId };
      setParam('sentence', String(item.sentenceId));
      if (!focus) return;
      // The queue draws only the items in view (and the current one): the button may come with the next render.
      pendingFocus.current = item.sentenceId;
      requestAnimationFrame(() => {
        const button = itemButtons.current.get(item.sentenceId);
        if (button && pendingFocus.current === item.sentenceId) {
          pendingFocus.current = null;
          button.focus();
        }
      });
    },
    [setParam],
  );

  const moreRef = useRef(more);
  moreRef.current = more;
  /** A move waiting for the next page: the message to give if that page has no open conflict either. */
  const waiting = useRef<string | null>(null);

  /** The next loaded item after the current one that still needs gold (the current one may just have been resolved); wraps round when every page is loaded. */
  const nextOpen = useCallback((wrap = true) => {
    const { items: list, currentId } = position.current;
    const at = list.findIndex((item) => item.sentenceId === currentId);
    const after = list.slice(at + 1).find((item) => !item.resolved && item.sentenceId !== currentId);
    if (after || !wrap || moreRef.current.hasNextPage) return after;
    return list.slice(0, Math.max(at, 0)).find((item) => !item.resolved && item.sentenceId !== currentId);
  }, []);

  /** Goes to the next open conflict, loading the next page first when the loaded ones are done; `ended` is said when there is none. */
  const goNextOpen = useCallback(
    (ended: string) => {
      const next = nextOpen();
      if (next) return select(next, true);
      if (moreRef.current.hasNextPage) {
        waiting.current = ended;
        moreRef.current.fetchNextPage();
      } else onEnd(ended);
    },
    [nextOpen, select, onEnd],
  );

  // A page asked for by a move has come: finish the move.
  useEffect(() => {
    if (waiting.current === null) return;
    const next = nextOpen(false);
    if (next) {
      waiting.current = null;
      select(next, true);
    } else if (more.hasNextPage) more.fetchNextPage();
    else {
      const ended = waiting.current;
      waiting.current = null;
      goNextOpen(ended);
    }
  }, [items, more, nextOpen, select, goNextOpen]);

  useEffect(() => {
    const goNext = () => goNextOpen('No open conflicts left in this list.');
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
  }, [goNextOpen, select]);

  /** A callback ref for an item's button, so navigating by key can focus it. */
  const itemRef = useCallback(
    (sentenceId: number) => (element: HTMLButtonElement | null) => {
      if (element) {
        itemButtons.current.set(sentenceId, element);
        if (pendingFocus.current === sentenceId) {
          pendingFocus.current = null;
          element.focus();
        }
      } else itemButtons.current.delete(sentenceId);
    },
    [],
  );

  return { select, goNextOpen, itemRef };
}
