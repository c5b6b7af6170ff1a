import type { z } from 'zod';
import { api } from '../api.ts';
import { PAGE_LIMIT_MAX } from '../../shared/schemas/paging.ts';
import { queryString } from './listParams.ts';
import type { Page } from './usePagedList.ts';

/**
 * Every row of a paged list, page after page at the largest page size: for lists a page needs
 * whole and that stay small however large the corpus grows (a project's members, the accounts,
 * the actor registry a picker matches against), never for documents.
 */
export async function allPages<Key extends string, Item>(
  path: string,
  schema: z.ZodType<Page<Key, Item>>,
  itemsKey: Key,
  query: Record<string, string>,
  signal: AbortSignal,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Key, Item> = await api(`${path}${queryString({ ...query, limit: String(PAGE_LIMIT_MAX), cursor: cursor ?? undefined })}`, schema, {
      signal,
    });
    items.push(...page[itemsKey]);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
