// One contract for every long list (issue 15): `?q=&sort=&order=&limit=&cursor=` answering
// `{<plural key>: [...], total, nextCursor}`. The server pages with keyset cursors (the last row's
// sort key and id), never OFFSET, so page 2,000 costs what page 1 costs; `total` counts what the
// filters match, so a client can say "12,408 of 100,000 documents".
import { z } from 'zod';

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;

/** An opaque cursor: what the previous page's `nextCursor` said, passed back unchanged. */
export const Cursor = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a nextCursor this list gave');

/** A search in a list: trimmed; an empty `?q=` means no search. */
export const SearchText = z
  .string()
  .max(200, 'at most 200 characters')
  .transform((q) => q.trim())
  .transform((q) => (q === '' ? undefined : q));

/**
 * The query of a paged list whose rows can be sorted by `sorts` (the first is the default).
 * A list adds its own filters with `.extend({...})`.
 */
export function pageQuery<const Sorts extends readonly [string, ...string[]]>(sorts: Sorts, defaults: { order?: SortOrder } = {}) {
  return z.object({
    q: SearchText.optional(),
    sort: z.enum(sorts).default(sorts[0] as Sorts[0]),
    order: SortOrder.default(defaults.order ?? 'asc'),
    limit: z.coerce.number().int('must be a whole number').min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
    cursor: Cursor.optional(),
  });
}

/** A page of a list: its rows under the list's plural key, how many rows match, and the next page's cursor (null on the last). */
export function pageOf<const Key extends string, Item extends z.ZodType>(key: Key, item: Item) {
  return z.object({
    [key]: z.array(item),
    total: z.number().int().min(0),
    nextCursor: Cursor.nullable(),
  } as { [K in Key]: z.ZodArray<Item> } & { total: z.ZodNumber; nextCursor: z.ZodNullable<typeof Cursor> });
}
