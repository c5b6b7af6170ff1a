// The corpus bench's API half: every list query of issue 15 with every sort its route declares,
// timed over keep-alive HTTP as a client would call it. The sorts come from the served OpenAPI
// document (the `sort` parameter's enum), so a list that gains sorts is measured with them, and a
// list that is not paged yet is measured as it is (its real size and time are the honest figure).
import { Agent, request } from 'node:http';
import { PASSWORD } from './corpus-data.ts';

export const GOAL_LIST_MS = 50;
export const GOAL_LIST_BYTES = 200 * 1024;

export interface Sessions {
  [username: string]: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** One GET: status, body bytes, the time to the last byte, and the parsed body. */
export function get(base: string, path: string, cookie: string): Promise<{ status: number; bytes: number; ms: number; body: unknown }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api${path}`, { agent, headers: { cookie, accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const ms = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: kept as text for the error message
        }
        resolve({ status: res.statusCode ?? 0, bytes: Buffer.byteLength(text), ms, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

export interface ListRow {
  list: string;
  query: string;
  as: string;
  status: number;
  bytes: number;
  rows: number | null;
  total: number | null;
  p50: number;
  p95: number;
  runs: number;
  paged: boolean;
}

interface ListSpec {
  list: string;
  path: string;
  as: string;
  /** Extra queries beside the sorts (a search, a filter). */
  extra?: string[];
}

/** The enum of the `sort` query parameter of GET `openApiPath`, or [] when the route takes none. */
function sortsOf(openapi: unknown, openApiPath: string): string[] {
  const paths = (openapi as { paths?: Record<string, { get?: { parameters?: { name: string; in: string; schema?: { enum?: unknown[] } }[] } }> }).paths;
  const parameters = paths?.[openApiPath]?.get?.parameters ?? [];
  const sort = parameters.find((p) => p.name === 'sort' && p.in === 'query');
  return (sort?.schema?.enum ?? []).map(String);
}

/** The rows of a list answer: its one array (the plural key), with total and nextCursor when paged. */
function shapeOf(body: unknown): { rows: number | null; total: number | null; paged: boolean; nextCursor: string | null } {
  if (Array.isArray(body)) return { rows: body.length, total: null, paged: false, nextCursor: null };
  if (!body || typeof body !== 'object') return { rows: null, total: null, paged: false, nextCursor: null };
  const record = body as Record<string, unknown>;
  const arrays = Object.values(record).filter(Array.isArray);
  const rows = arrays.reduce((sum, array) => sum + array.length, 0);
  const paged = typeof record.total === 'number' && 'nextCursor' in record;
  return {
    rows,
    total: typeof record.total === 'number' ? record.total : null,
    paged,
    nextCursor: typeof record.nextCursor === 'string' ? record.nextCursor : null,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * Times one query: a warm-up, then `runs` calls (40: the p95 is the second slowest, not the
 * slowest, of a shared machine's swings), 10 when a call takes over 200 ms, 3 over a second (an
 * unpaged list of 100,000 rows).
 */
async function measure(base: string, path: string, cookie: string, runs: number) {
  const first = await get(base, path, cookie);
  if (first.status !== 200) return { first, times: [first.ms] };
  const count = first.ms > 1000 ? 3 : first.ms > 200 ? 10 : runs;
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push((await get(base, path, cookie)).ms);
  return { first, times: times.sort((a, b) => a - b) };
}

/** Every list with every sort (both orders), its second page when it has one, and the searches. */
export async function measureLists(
  base: string,
  projectId: number,
  sessions: Sessions,
  names: { admin: string; reviewer: string; annotator: string },
  search: string,
): Promise<ListRow[]> {
  const openapi = (await get(base, '/openapi.json', sessions[names.admin]!)).body;
  const p = `/projects/${projectId}`;
  const specs: ListSpec[] = [
    { list: 'documents', path: `${p}/documents`, as: names.admin, extra: [`q=${encodeURIComponent(search)}`] },
    { list: 'documents (annotator)', path: `${p}/documents`, as: names.annotator },
    { list: 'queue', path: `${p}/queue`, as: names.annotator },
    { list: 'assignments', path: `${p}/assignments`, as: names.admin },
    { list: 'disagreements', path: `${p}/disagreements`, as: names.reviewer },
    { list: 'actors', path: `${p}/actors`, as: names.admin },
    { list: 'users', path: '/users', as: names.admin },
    { list: 'members', path: `${p}/members`, as: names.admin },
  ];
  const rows: ListRow[] = [];
  for (const spec of specs) {
    const openApiPath = `/api${spec.path.replace(/\/projects\/\d+/, '/projects/{projectId}')}`;
    const sorts = sortsOf(openapi, openApiPath);
    const queries = [...(sorts.length === 0 ? [''] : sorts.flatMap((sort) => [`sort=${sort}&order=asc`, `sort=${sort}&order=desc`])), ...(spec.extra ?? [])];
    for (const query of queries) {
      const path = query ? `${spec.path}?${query}` : spec.path;
      const cookie = sessions[spec.as]!;
      const { first, times } = await measure(base, path, cookie, 40);
      const shape = shapeOf(first.body);
      const row = (label: string, result: typeof first, sorted: number[]): ListRow => ({
        list: spec.list,
        query: label,
        as: spec.as,
        status: result.status,
        bytes: result.bytes,
        rows: shapeOf(result.body).rows,
        total: shapeOf(result.body).total,
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        runs: sorted.length,
        paged: shapeOf(result.body).paged,
      });
      rows.push(row(query || '(no query)', first, times));
      // The next page costs what the first costs (keyset cursors): measured once per sort.
      if (shape.nextCursor) {
        const next = `${path}${query ? '&' : '?'}cursor=${shape.nextCursor}`;
        const paged = await measure(base, next, cookie, 40);
        rows.push(row(`${query || '(no query)'} + cursor`, paged.first, paged.times));
      }
    }
  }
  return rows;
}

export function printLists(rows: ListRow[]): { met: number; missed: number } {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
  let met = 0;
  let missed = 0;
  console.log('list                   query                                  status  rows (total)          bytes      p50       p95   goal');
  for (const row of rows) {
    const ok = row.status === 200 && row.bytes <= GOAL_LIST_BYTES && row.p95 <= GOAL_LIST_MS;
    if (ok) met++;
    else missed++;
    const counts = `${row.rows ?? '?'}${row.total === null ? (row.paged ? '' : ' (not paged)') : ` (${row.total})`}`;
    console.log(
      `${row.list.padEnd(22)} ${row.query.padEnd(38).slice(0, 38)} ${String(row.status).padStart(6)}  ${counts.padEnd(20)} ${kb(row.bytes).padStart(9)} ${`${row.p50.toFixed(1)} ms`.padStart(9)} ${`${row.p95.toFixed(1)} ms`.padStart(9)}   ${ok ? 'met' : 'MISSED'}`,
    );
  }
  console.log(`goal:        every list response ≤ ${GOAL_LIST_BYTES / 1024} KB and ≤ ${GOAL_LIST_MS} ms p95: ${met} met, ${missed} missed`);
  return { met, missed };
}
