import { Fragment, useEffect, useRef, type Key, type ReactNode } from 'react';
import type { SortOrder } from '../../shared/schemas/paging.ts';
import { errorMessage } from '../api.ts';
import type { PagedList } from './usePagedList.ts';
import { useLoadAhead, useVirtualRows } from './useVirtualRows.ts';
import './paged.css';

export interface Column<Item, Sort extends string> {
  id: string;
  header: ReactNode;
  cell: (item: Item) => ReactNode;
  /** The server sort this column's header button asks for. */
  sort?: Sort;
  /** A width for `table-layout: fixed` (rows come and go as they scroll; the columns must not jump). Columns without one share the rest, at least MIN_FREE_COLUMN each. */
  width?: string;
  /** The cell names its row (a `<th scope="row">`). */
  rowHeader?: boolean;
  className?: string;
}

/** What a table needs of its view: the sort, and how to clear a search or filters from the empty state. */
export interface TableView<Sort extends string> {
  /** The view's whole query: a new one scrolls the table back to its top. */
  query: Record<string, string>;
  q: string;
  sort: Sort;
  order: SortOrder;
  sortBy: (sort: Sort) => void;
  filtered: boolean;
  clearSearch: () => void;
  clearAll: () => void;
}

export interface Noun {
  one: string;
  many: string;
}

interface Props<Item, Sort extends string> {
  /** The table's accessible name (its caption). */
  label: string;
  noun: Noun;
  columns: readonly Column<Item, Sort>[];
  list: PagedList<Item>;
  view: TableView<Sort>;
  rowKey: (item: Item) => Key;
  /** Shown when the list is empty with no search or filter ("No documents yet."). */
  empty: ReactNode;
  /** A first guess of a row's height in pixels; rows are measured once drawn. */
  rowHeight?: number;
  /**
   * Draws an item's rows itself, for rows that turn into fields or add a row under them (the item
   * gets its own `<tbody>`, measured as one). Only the items in view are drawn, as for columns.
   */
  renderRow?: (item: Item) => ReactNode;
  /** Items drawn however far they are scrolled away: a row being edited keeps what was typed. */
  keepRow?: (item: Item) => boolean;
  className?: string;
  /** Classes of the table itself (besides paged-table), for a list's own row styles. */
  tableClassName?: string;
}

/** The least a column without a width gets: below it the table scrolls sideways in its box rather than squeeze a title to nothing. */
const MIN_FREE_COLUMN = '12rem';

/** "1 document", "12,408 documents". */
export const countOf = (n: number, noun: Noun): string => `${n.toLocaleString('en')} ${n === 1 ? noun.one : noun.many}`;

/** The line above a list: "12,408 of 100,000 documents", or "100,000 documents", or that it is searching. */
export function ListCount({ list, noun, filtered }: { list: PagedList<unknown>; noun: Noun; filtered: boolean }) {
  const { total, totalAll } = list;
  let text = '';
  if (list.isPending || list.isUpdating) text = filtered ? 'Searching…' : 'Loading…';
  else if (total !== null && filtered && totalAll !== null) text = `${total.toLocaleString('en')} of ${countOf(totalAll, noun)}`;
  else if (total !== null) text = countOf(total, noun);
  return (
    // A live region, not role=status: a page keeps its one status message (a save, a creation) for itself.
    <p className="list-count" aria-live="polite" aria-busy={list.isPending || list.isUpdating}>
      {text}
    </p>
  );
}

/** Why a list shows nothing, and the way back: clear the search, or the filters. */
export function ListEmpty({
  noun,
  view,
  empty,
}: {
  noun: Noun;
  view: Pick<TableView<string>, 'q' | 'filtered' | 'clearSearch' | 'clearAll'>;
  empty: ReactNode;
}) {
  if (!view.filtered) return <div className="list-empty">{empty}</div>;
  return (
    <p className="list-empty">
      {view.q ? `No ${noun.many} match “${view.q}”` : `No ${noun.many} match these filters`} —{' '}
      <button type="button" className="link-button" onClick={view.q ? view.clearSearch : view.clearAll}>
        {view.q ? 'clear the search' : 'clear the filters'}
      </button>
    </p>
  );
}

/** An error of a list, with a way to ask again. */
export function ListError({ list }: { list: PagedList<unknown> }) {
  if (!list.error) return null;
  return (
    <p role="alert" className="error">
      {errorMessage(list.error)}{' '}
      <button type="button" onClick={list.retry}>
        Try again
      </button>
    </p>
  );
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * A long server list as a table: sortable column headers (buttons; the header says its aria-sort),
 * only the rows in view drawn (a 100,000-row list stays a few hundred DOM nodes), the next page
 * asked for as the end comes near, and a "Load more" button for keyboards and screen readers.
 * The table scrolls in its own box under a sticky header, so what follows it on the page stays
 * reachable however many rows are loaded.
 */
export function PagedTable<Item, Sort extends string>({
  label,
  noun,
  columns,
  list,
  view,
  rowKey,
  empty,
  rowHeight = 44,
  renderRow,
  keepRow,
  className = '',
  tableClassName = '',
}: Props<Item, Sort>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items } = list;
  const { rows, after, lastInView, measure, focusHandlers } = useVirtualRows({ items, rowKey, scrollRef, estimate: rowHeight, keepRow });

  // A new view starts at its top.
  const viewKey = JSON.stringify(view.query);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [viewKey]);

  useLoadAhead(list, lastInView);

  const spacer = (height: number) => (
    <tr className="paged-spacer" aria-hidden="true">
      <td colSpan={columns.length} style={{ height }} />
    </tr>
  );
  const showEmpty = !list.isPending && !list.isUpdating && items.length === 0 && !list.error;

  return (
    <div className={`paged ${className}`}>
      <div className="paged-scroll" ref={scrollRef} {...focusHandlers}>
        <table
          className={`paged-table ${tableClassName}`}
          style={{ minWidth: `calc(${columns.map((column) => column.width ?? MIN_FREE_COLUMN).join(' + ')} + ${columns.length}rem)` }}
          // Rows an item draws itself carry no aria-rowindex: a row count would then misplace them.
          aria-rowcount={list.total === null || renderRow ? undefined : list.total + 1}
          aria-busy={list.isUpdating}
        >
          <caption className="visually-hidden">{label}</caption>
          <colgroup>
            {columns.map((column) => (
              <col key={column.id} style={column.width ? { width: column.width } : undefined} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  className={column.className}
                  aria-sort={column.sort === undefined ? undefined : column.sort === view.sort ? ARIA_SORT[view.order] : 'none'}
                >
                  {column.sort === undefined ? (
                    column.header
                  ) : (
                    <button type="button" className="sort-button" onClick={() => view.sortBy(column.sort!)}>
                      {column.header}
                      <span aria-hidden="true" className="sort-mark">
                        {column.sort === view.sort ? (view.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          {renderRow ? (
            <>
              {rows.map((row) => (
                <Fragment key={row.key}>
                  {row.gap > 0 && <tbody>{spacer(row.gap)}</tbody>}
                  <tbody data-index={row.index} ref={measure}>
                    {renderRow(row.item)}
                  </tbody>
                </Fragment>
              ))}
              {after > 0 && <tbody>{spacer(after)}</tbody>}
            </>
          ) : (
            <tbody>
              {rows.map((row) => (
                <Fragment key={row.key}>
                  {row.gap > 0 && spacer(row.gap)}
                  <tr data-index={row.index} ref={measure} aria-rowindex={row.index + 2}>
                    {columns.map((column) =>
                      column.rowHeader ? (
                        <th key={column.id} scope="row" className={column.className}>
                          {column.cell(row.item)}
                        </th>
                      ) : (
                        <td key={column.id} className={column.className}>
                          {column.cell(row.item)}
                        </td>
                      ),
                    )}
                  </tr>
                </Fragment>
              ))}
              {after > 0 && spacer(after)}
            </tbody>
          )}
        </table>
        {showEmpty && <ListEmpty noun={noun} view={view} empty={empty} />}
      </div>
      <ListError list={list} />
      <LoadMore list={list} noun={noun} />
    </div>
  );
}

/** How many rows are loaded, and a button for the next page (scrolling near the end asks for it too). */
export function LoadMore({ list, noun }: { list: PagedList<unknown>; noun: Noun }) {
  if (list.total === null || list.items.length === 0 || !list.hasNextPage) return null;
  return (
    <p className="load-more">
      {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus while the page loads. */}
      <button type="button" onClick={() => !list.isFetchingNextPage && list.fetchNextPage()} aria-disabled={list.isFetchingNextPage}>
        {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
      </button>{' '}
      <span className="muted small">
        {list.items.length.toLocaleString('en')} of {countOf(list.total, noun)} loaded
      </span>
    </p>
  );
}
