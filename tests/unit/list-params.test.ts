// A paged list's view in the URL (client/ui/listParams.ts): what a link says is what the list
// asks the server for, bad values in a hand-edited link fall back, and defaults stay out of URLs.
import { describe, expect, it } from 'vitest';
import { listQuery, queryString, readListParams, writeListParams, type ListSpec } from '../../client/ui/listParams.ts';

const SPEC = {
  sorts: ['created', 'title', 'published'],
  orders: { published: 'desc' },
  filters: { status: (v: string) => ['complete', 'unassigned'].includes(v), assignee: (v: string) => /^[1-9]\d*$/.test(v) },
} as const satisfies ListSpec<'created' | 'title' | 'published', 'status' | 'assignee'>;

const read = (search: string) => readListParams(SPEC, new URLSearchParams(search));

describe('list parameters in the URL', () => {
  it('reads a search, a sort, an order and filters', () => {
    expect(read('q=%20gaza%20cease%20&sort=title&order=desc&status=complete&assignee=4')).toEqual({
      q: 'gaza cease',
      sort: 'title',
      order: 'desc',
      filters: { status: 'complete', assignee: '4' },
    });
  });

  it('falls back to the defaults for what is missing or not valid', () => {
    expect(read('sort=size&order=up&status=lost&assignee=0')).toEqual({ q: '', sort: 'created', order: 'asc', filters: {} });
    // A sort starts in its own order: newest publication first.
    expect(read('sort=published').order).toBe('desc');
  });

  it('writes defaults out of the URL and keeps parameters that are not the list’s', () => {
    const written = writeListParams(SPEC, new URLSearchParams('sentence=9&q=old'), {
      q: '',
      sort: 'published',
      order: 'desc',
      filters: { status: 'complete' },
    });
    expect(written.toString()).toBe('sentence=9&sort=published&status=complete');
    expect(writeListParams(SPEC, new URLSearchParams(), { q: 'x', sort: 'created', order: 'asc', filters: {} }).toString()).toBe('q=x');
  });

  it('round-trips through the URL, with a prefix for a second list on the page', () => {
    const second = { ...SPEC, prefix: 'a_' };
    const state = { q: 'harbour', sort: 'title' as const, order: 'desc' as const, filters: { assignee: '12' } };
    const params = writeListParams(second, new URLSearchParams('q=first'), state);
    expect(params.get('q')).toBe('first');
    expect(params.get('a_q')).toBe('harbour');
    expect(readListParams(second, params)).toEqual(state);
    expect(readListParams(SPEC, params).q).toBe('first');
  });

  it('asks the server for the view, in a stable order', () => {
    const query = listQuery(read('status=complete&q=gaza&sort=title'));
    expect(query).toEqual({ sort: 'title', order: 'asc', q: 'gaza', status: 'complete' });
    expect(queryString({ ...query, limit: '50', cursor: undefined })).toBe('?limit=50&order=asc&q=gaza&sort=title&status=complete');
    expect(queryString({})).toBe('');
  });
});
