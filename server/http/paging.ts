// Keyset paging for every long list (the contract is shared/schemas/paging.ts). A page is the
// rows after the previous page's last row in the list's order, found by comparing (sort key, id)
// with a row value — `(a, b) > (?, ?)` — which SQLite (3.15+) and PostgreSQL both read and both
// answer from an index on (…, sort key, id). Sort keys are never NULL: a nullable column is sorted
// through COALESCE, so "after" always has an answer.
import type { SortOrder } from '../../shared/schemas/paging.ts';
import { validationError } from './errors.ts';

export type CursorValue = string | number;

/**
 * What a cursor belongs to: its list, sort and order ("users/role/asc"). A cursor carries its scope
 * and is refused anywhere else: a cursor of another list or sort, or of the other order, has the
 * same shape often enough, and it would page on from a row that means nothing there.
 */
export const cursorScope = (list: string, sort: string, order: SortOrder) => `${list}/${sort}/${order}`;

/** The cursor of a row: its scope, then its sort key(s) and id, as base64url JSON. */
export function encodeCursor(scope: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([scope, ...values]), 'utf8').toString('base64url');
}

/**
 * What a sort key holds. An integer key (ids, counts, parts per million) takes only whole numbers
 * both engines hold: PostgreSQL refused to compare a forged 1.5 or 1e20 with its BIGINT column (a
 * 500), where SQLite compared it. A real key (the disagreement queue's dispute) takes any finite number.
 */
export type SortKind = 'string' | 'integer' | 'real';

const fitsKind = (value: unknown, kind: SortKind) =>
  kind === 'integer' ? Number.isSafeInteger(value) : kind === 'real' ? Number.isFinite(value) : typeof value === 'string' && !value.includes('\0');

/** The values a cursor holds; a cursor this list and sort did not give is a 400. */
export function decodeCursor(cursor: string, scope: string, kinds: readonly SortKind[]): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const fits =
    Array.isArray(values) && values.length === kinds.length + 1 && values[0] === scope && values.slice(1).every((value, i) => fitsKind(value, kinds[i]!));
  if (!fits)
    throw validationError('Invalid request query: cursor: must be a nextCursor this list gave (with the same sort and order)', [
      { path: 'cursor', message: 'must be a nextCursor this list gave (with the same sort and order)' },
    ]);
  return (values as CursorValue[]).slice(1);
}

/** One sort a list offers: the SQL expression of its key (never NULL) and the key's kind in a cursor. */
export interface SortKey {
  sql: string;
  kind: SortKind;
}

/**
 * The WHERE fragment and ORDER BY of one page: rows after `cursor` in the order (key, id).
 * `id` is the row's id expression (e.g. `d.id`), the tie-break that makes the order total.
 */
export function keyset(
  key: SortKey,
  id: string,
  order: SortOrder,
  cursor: string | undefined,
  scope: string,
): { where: string; params: CursorValue[]; orderBy: string } {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  const orderBy = `${key.sql} ${direction}, ${id} ${direction}`;
  if (cursor === undefined) return { where: '1 = 1', params: [], orderBy };
  const params = decodeCursor(cursor, scope, [key.kind, 'integer']);
  return { where: `(${key.sql}, ${id}) ${order === 'asc' ? '>' : '<'} (?, ?)`, params, orderBy };
}

/**
 * A page from rows fetched with `LIMIT limit + 1`: the first `limit` rows, and the cursor of the
 * last of them when one more row showed there is a next page.
 */
export function pageFrom<Row>(
  rows: readonly Row[],
  limit: number,
  scope: string,
  cursorOf: (row: Row) => readonly CursorValue[],
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  return { rows: page, nextCursor: more && page.length > 0 ? encodeCursor(scope, cursorOf(page[page.length - 1]!)) : null };
}

/** One column of a sort over several keys; `reverse` sorts it against the list's order (e.g. most disputed first, then in reading order). */
export interface SortPart extends SortKey {
  reverse?: boolean;
}

/** Whether a key runs downwards in a list sorted by `order`: the list's way, or against it when `reverse`. */
const runsDown = (part: SortPart, order: SortOrder) => (order === 'desc') !== (part.reverse === true);

/** The ORDER BY of a sort over several keys (keysetOf). */
export function orderByOf(parts: readonly SortPart[], order: SortOrder): string {
  return parts.map((part) => `${part.sql} ${runsDown(part, order) ? 'DESC' : 'ASC'}`).join(', ');
}

/**
 * The WHERE fragment and ORDER BY of one page sorted by several keys, the last of which must make
 * the order total (an id). Keys that all run one way compare as one row value, as `keyset` does;
 * when some run against the others the "after" test is spelled out key by key. Either way a test on
 * the first key alone (`first >= ?`) comes first, which both engines can seek an index to even when
 * the later keys are another table's.
 */
export function keysetOf(
  parts: readonly SortPart[],
  order: SortOrder,
  cursor: string | undefined,
  scope: string,
): { where: string; params: CursorValue[]; orderBy: string } {
  const descending = (part: SortPart) => runsDown(part, order);
  const orderBy = orderByOf(parts, order);
  if (cursor === undefined) return { where: '1 = 1', params: [], orderBy };
  const values = decodeCursor(
    cursor,
    scope,
    parts.map((part) => part.kind),
  );
  const first = parts[0]!;
  // Implied by the test after it, and one an index on the first key can seek to.
  const bound = `${first.sql} ${descending(first) ? '<=' : '>='} ?`;
  if (parts.every((part) => descending(part) === descending(first))) {
    const columns = parts.map((part) => part.sql).join(', ');
    const tables = new Set(parts.flatMap((part) => [...part.sql.matchAll(/\b([A-Za-z_]\w*)\./g)].map((match) => match[1])));
    // Keys of one table: the row value alone seeks that table's index on them. The extra test on
    // the first key made SQLite's planner, reading its STAT4 samples, skip-scan the index and sort
    // instead (400 ms for the second page of 100,000 titles, descending; 0.3 ms without it).
    if (tables.size <= 1) {
      return { where: `(${columns}) ${descending(first) ? '<' : '>'} (${parts.map(() => '?').join(', ')})`, params: values, orderBy };
    }
    return {
      where: `${bound} AND (${columns}) ${descending(first) ? '<' : '>'} (${parts.map(() => '?').join(', ')})`,
      params: [values[0]!, ...values],
      orderBy,
    };
  }
  // after = k1 > v1 OR (k1 = v1 AND (k2 > v2 OR (k2 = v2 AND …))), each `>` turned for its direction.
  const params: CursorValue[] = [];
  const after = (i: number): string => {
    const part = parts[i]!;
    const beyond = `${part.sql} ${descending(part) ? '<' : '>'} ?`;
    params.push(values[i]!);
    if (i === parts.length - 1) return beyond;
    const rest = `${part.sql} = ?`;
    const tail = () => {
      params.push(values[i]!);
      return after(i + 1);
    };
    return `(${beyond} OR (${rest} AND ${tail()}))`;
  };
  const where = `${bound} AND ${after(0)}`;
  return { where, params: [values[0]!, ...params], orderBy };
}
