// A paged list's view (search, sort, order, filters) as URL search parameters and as the server's
// query. Pure functions, so the URL form is tested apart from React (tests/unit/list-params.test.ts).
import type { SortOrder } from '../../shared/schemas/paging.ts';

export interface ListSpec<Sort extends string, Filter extends string> {
  /** The sorts the server offers; the first is the default. */
  sorts: readonly [Sort, ...Sort[]];
  /** The order a sort starts in (newest first for dates, most first for progress); 'asc' otherwise. */
  orders?: Partial<Record<Sort, SortOrder>>;
  /** The list's filters, each with a check of its value: a hand-edited link with a bad value is ignored, not sent. */
  filters?: Record<Filter, (value: string) => boolean>;
  /** Put before every parameter name, when two lists share a page (`a_q`, `a_sort`). */
  prefix?: string;
}

export interface ListState<Sort extends string, Filter extends string> {
  /** The search, trimmed; '' for none. */
  q: string;
  sort: Sort;
  order: SortOrder;
  filters: Partial<Record<Filter, string>>;
}

const orderOf = <Sort extends string>(spec: ListSpec<Sort, string>, sort: Sort): SortOrder => spec.orders?.[sort] ?? 'asc';

const filterNames = <Filter extends string>(spec: ListSpec<string, Filter>): Filter[] => Object.keys(spec.filters ?? {}) as Filter[];

/** The view a URL asks for; values that are not valid fall back to the defaults. */
export function readListParams<Sort extends string, Filter extends string>(spec: ListSpec<Sort, Filter>, params: URLSearchParams): ListState<Sort, Filter> {
  const p = spec.prefix ?? '';
  const sortParam = params.get(`${p}sort`);
  const sort = spec.sorts.find((s) => s === sortParam) ?? spec.sorts[0];
  const orderParam = params.get(`${p}order`);
  const order: SortOrder = orderParam === 'asc' || orderParam === 'desc' ? orderParam : orderOf(spec, sort);
  const filters: Partial<Record<Filter, string>> = {};
  for (const name of filterNames(spec)) {
    const value = params.get(`${p}${name}`);
    if (value && spec.filters?.[name](value)) filters[name] = value;
  }
  return { q: (params.get(`${p}q`) ?? '').trim(), sort, order, filters };
}

/** The URL's parameters showing `state`, other parameters kept; defaults are left out, so a plain view has a plain URL. */
export function writeListParams<Sort extends string, Filter extends string>(
  spec: ListSpec<Sort, Filter>,
  old: URLSearchParams,
  state: ListState<Sort, Filter>,
): URLSearchParams {
  const p = spec.prefix ?? '';
  const next = new URLSearchParams(old);
  const put = (name: string, value: string | undefined) => (value === undefined || value === '' ? next.delete(`${p}${name}`) : next.set(`${p}${name}`, value));
  put('q', state.q.trim());
  put('sort', state.sort === spec.sorts[0] ? undefined : state.sort);
  put('order', state.order === orderOf(spec, state.sort) ? undefined : state.order);
  for (const name of filterNames(spec)) put(name, state.filters[name]);
  return next;
}

/** The server's query for a view: `q` (when searching), `sort`, `order` and each filter set. */
export function listQuery<Sort extends string, Filter extends string>(state: ListState<Sort, Filter>): Record<string, string> {
  const query: Record<string, string> = { sort: state.sort, order: state.order };
  if (state.q) query.q = state.q;
  for (const [name, value] of Object.entries(state.filters)) if (typeof value === 'string') query[name] = value;
  return query;
}

/** A query string from parameters, in a stable order (so equal queries share a cache entry). */
export function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value !== undefined) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
