import { useEffect, useState, type FocusEvent, type Key, type RefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { PagedList } from './usePagedList.ts';

/** Rows from the end of what is loaded at which the next page is asked for. */
const LOAD_AHEAD = 15;

/** Asks for a list's next page as the rows in view come near the end of those loaded. */
export function useLoadAhead(list: PagedList<unknown>, lastInView: number): void {
  const { hasNextPage, isFetchingNextPage, fetchNextPage, error, items } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !error && lastInView >= items.length - LOAD_AHEAD) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, error, lastInView, items.length, fetchNextPage]);
}

interface Options<Item> {
  items: readonly Item[];
  rowKey: (item: Item) => Key;
  /** The element that scrolls (a table's box, a side pane). */
  scrollRef: RefObject<HTMLElement | null>;
  /** A first guess of a row's height in pixels; rows are measured once drawn. */
  estimate: number;
  /** Rows drawn however far they are scrolled away: one being edited keeps its fields, the current one its focus. */
  keepRow?: (item: Item) => boolean;
  /** Where the rows start in the scrolling element, when something comes before them in it (filters, a count). */
  scrollMargin?: number;
}

export interface VirtualRow<Item> {
  index: number;
  key: Key;
  item: Item;
  /** The height of the rows not drawn just above this one (a spacer goes before it). */
  gap: number;
}

/**
 * The rows of a long list to draw: those in view and a few either side, plus any kept row (the one
 * holding the keyboard focus, so it is not lost when the row scrolls out; one the page keeps open).
 * The rows not drawn are spacers of their measured or guessed height, so the scrollbar is the
 * whole list's. `lastInView` is the last row in view (not a kept one), for asking the next page.
 */
export function useVirtualRows<Item>({ items, rowKey, scrollRef, estimate, keepRow, scrollMargin = 0 }: Options<Item>) {
  const [focused, setFocused] = useState<Key | null>(null);
  const kept: number[] = [];
  if (focused !== null || keepRow) {
    items.forEach((item, index) => {
      if (rowKey(item) === focused || keepRow?.(item)) kept.push(index);
    });
  }
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan: 8,
    scrollMargin,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : rowKey(item);
    },
    rangeExtractor: (range: Range) =>
      kept.length === 0 ? defaultRangeExtractor(range) : [...new Set([...defaultRangeExtractor(range), ...kept])].sort((a, b) => a - b),
  });

  let end = scrollMargin;
  const rows: VirtualRow<Item>[] = virtualizer.getVirtualItems().map((row) => {
    const gap = row.start - end;
    end = row.end;
    return { index: row.index, key: row.key as Key, item: items[row.index]!, gap };
  });
  const after = rows.length > 0 ? virtualizer.getTotalSize() + scrollMargin - end : 0;

  /** On the list's container: which row holds the focus (an element inside a `data-index` row). */
  const focusHandlers = {
    onFocus: (event: FocusEvent<HTMLElement>) => {
      const index = (event.target as Element).closest('[data-index]')?.getAttribute('data-index');
      const item = index == null ? undefined : items[Number(index)];
      setFocused(item === undefined ? null : rowKey(item));
    },
    onBlur: (event: FocusEvent<HTMLElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget)) setFocused(null);
    },
  };

  return { virtualizer, rows, after, lastInView: virtualizer.range?.endIndex ?? -1, measure: virtualizer.measureElement, focusHandlers };
}
