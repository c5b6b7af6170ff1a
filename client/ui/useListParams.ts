import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { SortOrder } from '../../shared/schemas/paging.ts';
import { listQuery, readListParams, writeListParams, type ListSpec, type ListState } from './listParams.ts';

/**
 * How long typing pauses before the search is sent (and written to the URL): short, since the
 * answer is meant to be on screen 300 ms after the keys (issue 15) and a search costs the server
 * little; the previous rows stay in view meanwhile, so nothing flashes.
 */
export const SEARCH_DEBOUNCE_MS = 150;

export interface ListParams<Sort extends string, Filter extends string> extends ListState<Sort, Filter> {
  /** What the search box shows: the search being typed, sent after a pause. */
  search: string;
  setSearch: (text: string) => void;
  /** Sorts by a column: the same column again reverses the order. */
  sortBy: (sort: Sort) => void;
  setFilter: (name: Filter, value: string | null) => void;
  clearSearch: () => void;
  /** Clears the search and every filter (the sort stays). */
  clearAll: () => void;
  /** True when a search or a filter narrows the list. */
  filtered: boolean;
  /** The list's query parameters for the server: search, sort, order and filters. */
  query: Record<string, string>;
}

/**
 * A list's search, sort and filters, kept in the page's URL so a link shows the same view and
 * back/forward move between views. Sorting and filtering add a history entry; typing a search
 * adds one when a search starts or ends and replaces it while it is edited (one entry per search,
 * not one per key). `spec` is a module constant (it describes the list, not the view).
 */
export function useListParams<const Sort extends string, const Filter extends string = never>(spec: ListSpec<Sort, Filter>): ListParams<Sort, Filter> {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => readListParams(spec, searchParams), [spec, searchParams]);

  const update = useCallback(
    (patch: Partial<ListState<Sort, Filter>>, replace: boolean) =>
      setSearchParams((old) => writeListParams(spec, old, { ...readListParams(spec, old), ...patch }), { replace }),
    [spec, setSearchParams],
  );

  // The box follows the URL when the URL moves on its own (back, forward, a link, "clear").
  const [search, setSearchText] = useState(state.q);
  const [shownQ, setShownQ] = useState(state.q);
  if (shownQ !== state.q) {
    setShownQ(state.q);
    // A pause in typing wrote the box's own text (trimmed): keep what was typed, spaces and all.
    if (search.trim() !== state.q) setSearchText(state.q);
  }

  const typed = useRef<string | null>(null);
  useEffect(() => {
    if (typed.current === null) return;
    const text = typed.current;
    const timer = setTimeout(() => {
      typed.current = null;
      const q = text.trim();
      if (q === state.q) return;
      update({ q }, q !== '' && state.q !== '');
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, state.q, update]);

  const setSearch = useCallback((text: string) => {
    typed.current = text;
    setSearchText(text);
  }, []);
  const sortBy = useCallback(
    (sort: Sort) => {
      const order: SortOrder = sort === state.sort ? (state.order === 'asc' ? 'desc' : 'asc') : (spec.orders?.[sort] ?? 'asc');
      update({ sort, order }, false);
    },
    [spec, state.sort, state.order, update],
  );
  const setFilter = useCallback(
    (name: Filter, value: string | null) => update({ filters: { ...state.filters, [name]: value ?? undefined } }, false),
    [state.filters, update],
  );
  const clearSearch = useCallback(() => {
    typed.current = null;
    setSearchText('');
    update({ q: '' }, false);
  }, [update]);
  const clearAll = useCallback(() => {
    typed.current = null;
    setSearchText('');
    update({ q: '', filters: {} }, false);
  }, [update]);

  const query = useMemo(() => listQuery(state), [state]);
  const filtered = state.q !== '' || Object.values(state.filters).some((value) => value !== undefined);
  return { ...state, search, setSearch, sortBy, setFilter, clearSearch, clearAll, filtered, query };
}
