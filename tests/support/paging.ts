// Walking a paged list (shared/schemas/paging.ts) as a client does: page after page by nextCursor.
import { expect } from 'vitest';
import type { Agent } from './api.ts';

export type Row = Record<string, unknown>;

/**
 * Every page of a list with `query`, `limit` rows at a time: the rows in order. Each page holds at
 * most `limit` rows and every page tells the same `total`, the number of rows walked.
 */
export async function walkPages(agent: Agent, path: string, key: string, query: Record<string, string | number> = {}, limit = 3): Promise<Row[]> {
  const rows: Row[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: { body: Record<string, unknown> } = await agent
      .get(path)
      .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    const page = res.body[key] as Row[];
    expect(page.length).toBeLessThanOrEqual(limit);
    rows.push(...page);
    totals.add(res.body.total as number);
    cursor = res.body.nextCursor as string | null;
    pages++;
    expect(pages).toBeLessThan(200);
  } while (cursor);
  expect([...totals]).toEqual([rows.length]);
  return rows;
}
