import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import { api } from '../api.ts';
import { queryString } from './listParams.ts';

/** A page as every paged list answers (shared/schemas/paging.ts `pageOf`): its rows under `Key`, the match count and the next cursor. */
export type Page<Key extends string, Item> = { [K in Key]: Item[] } & { total: number; nextCursor: string | null };

export interface PagedListOptions<Key extends string, Item> {
  /** The list's query key; the view's query is added after it, so invalidating this key refreshes every view. */
  queryKey: readonly unknown[];
  /** The API path, e.g. `/projects/3/documents`. */
  path: string;
  schema: z.ZodType<Page<Key, Item>>;
  itemsKey: Key;
  /** Search, sort, order and filters (from useListParams().query, plus any fixed parameters). */
  query: Record<string, string>;
  /** Also ask for the list's size with no search or filter, to say "12,408 of 100,000" (only asked for when filtered). */
  filtered?: boolean;
  /** Parameters the unfiltered count keeps (a list always scoped to something, e.g. `resolved=1`). */
  baseQuery?: Record<string, string>;
  /** The unfiltered count when the page knows it already (e.g. from the project's figures): not asked for again. */
  knownTotal?: number;
  limit?: number;
  enabled?: boolean;
}

export interface PagedList<Item> {
  /** Every row loaded so far, page after page. */
  items: readonly Item[];
  /** Rows matching the view (null until the first page arrives). */
  total: number | null;
  /** Rows of the list with no search or filter (the same as `total` when unfiltered). */
  totalAll: number | null;
  /** True before the first page of the first view arrives. */
  isPending: boolean;
  /** True while a new view's first page loads (the previous view's rows are still shown). */
  isUpdating: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  error: Error | null;
  retry: () => void;
}

const PAGE = 50;

/** A paged server list as one growing array: the first page of the view, then each next page as asked. */
export function usePagedList<Key extends string, Item>(options: PagedListOptions<Key, Item>): PagedList<Item> {
  const { queryKey, path, schema, itemsKey, query, filtered = false, baseQuery = {}, knownTotal, limit = PAGE, enabled = true } = options;
  const pages = useInfiniteQuery({
    queryKey: [...queryKey, 'paged', query, limit],
    queryFn: ({ pageParam, signal }) => api(`${path}${queryString({ ...query, limit: String(limit), cursor: pageParam ?? undefined })}`, schema, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A new search keeps the last rows in view until its answer comes, instead of flashing empty.
    placeholderData: keepPreviousData,
    enabled,
  });
  const all = useQuery({
    queryKey: [...queryKey, 'total', baseQuery],
    queryFn: ({ signal }) => api(`${path}${queryString({ ...baseQuery, limit: '1' })}`, schema, { signal }).then((page) => page.total),
    enabled: enabled && filtered && knownTotal === undefined,
    staleTime: 30_000,
  });

  const data = pages.data;
  const items = useMemo(() => data?.pages.flatMap((page) => page[itemsKey]) ?? [], [data, itemsKey]);
  const total = data?.pages[0]?.total ?? null;
  const { fetchNextPage, refetch } = pages;
  return {
    items,
    total,
    totalAll: filtered ? (knownTotal ?? all.data ?? null) : total,
    isPending: pages.isPending,
    isUpdating: pages.isPlaceholderData,
    hasNextPage: pages.hasNextPage,
    isFetchingNextPage: pages.isFetchingNextPage,
    fetchNextPage: () => void fetchNextPage({ cancelRefetch: false }),
    error: pages.error ?? all.error,
    retry: () => void refetch(),
  };
}
