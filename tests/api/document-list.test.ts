// The documents list of a large project (issue 15): paged by keyset cursors, sorted, filtered by
// status, own progress, assignee and import date, searched by title and source — and its figures,
// read from counters the database keeps, stay what reading every sentence would give.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTeam, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { DocumentDetail, DocumentFigures, DocumentList, ImportResult, type DocumentSummary } from '../../shared/schemas/documents.ts';
import { ErrorBody } from '../../shared/schemas/common.ts';
import type { Project } from '../../shared/schemas/projects.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const ARTICLES = [
  { title: 'Gaza ceasefire talks resume in Cairo', source: 'https://www.reuters.com/world/gaza-talks', published: '2024-05-02' },
  { title: 'Ceasefire holds for a second day', source: 'https://apnews.com/article/ceasefire', published: '2024-05-03' },
  { title: 'Beijing hosts Palestinian factions', source: 'https://www.reuters.com/world/china', published: '2024-04-30' },
  { title: 'Moscow and Kyiv trade accusations', source: 'tass.ru' },
  { title: 'Zürich summit on Ukraine', source: 'https://www.swissinfo.ch/eng', published: '2024-06-15' },
  { title: 'Aid convoys enter northern Gaza', source: 'https://apnews.com/article/aid', published: '2024-05-02' },
  { title: 'Markets: oil steady after "calm" weekend', source: 'https://www.ft.com/content/oil' },
  { title: 'Israel’s cabinet weighs hostage deal', source: 'https://www.timesofisrael.com/cabinet', published: '2024-05-01' },
];
const text = (i: number) => `Article number ${i} says one thing. It says another thing.\n\nA third sentence closes article ${i}.`;

async function corpus(agent: Agent, project: Project) {
  const res = await agent
    .post(`/api/projects/${project.id}/documents`)
    .send({ documents: ARTICLES.map((article, i) => ({ ...article, text: text(i) })) })
    .expect(201);
  return ImportResult.parse(res.body).imported.map((doc) => doc.id);
}

const list = async (agent: Agent, project: Project, query: string) =>
  DocumentList.parse((await agent.get(`/api/projects/${project.id}/documents?${query}`).expect(200)).body);

/** Every page of a listing, followed by its cursors to the end. */
async function walk(agent: Agent, project: Project, query: string, limit = 3): Promise<{ documents: DocumentSummary[]; totals: number[] }> {
  const documents: DocumentSummary[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  do {
    const page: DocumentList = await list(agent, project, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.documents.length).toBeLessThanOrEqual(limit);
    documents.push(...page.documents);
    totals.push(page.total);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { documents, totals };
}

const titles = (documents: readonly DocumentSummary[]) => documents.map((doc) => doc.title);
const search = async (agent: Agent, project: Project, q: string) => titles((await list(agent, project, `q=${encodeURIComponent(q)}&limit=200`)).documents);

describe('documents list: search', () => {
  it('finds titles and sources by word starts, every word needed; no match is an empty page', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    await corpus(admin.agent, project);
    expect(await search(admin.agent, project, 'gaza cease')).toEqual(['Gaza ceasefire talks resume in Cairo']);
    expect(await search(admin.agent, project, 'GAZA')).toEqual(['Gaza ceasefire talks resume in Cairo', 'Aid convoys enter northern Gaza']);
    expect(await search(admin.agent, project, 'ceasefire')).toEqual(['Gaza ceasefire talks resume in Cairo', 'Ceasefire holds for a second day']);
    // The source is searched too, its URL cut into words.
    expect(await search(admin.agent, project, 'reuters')).toEqual(['Gaza ceasefire talks resume in Cairo', 'Beijing hosts Palestinian factions']);
    expect(await search(admin.agent, project, 'apnews aid')).toEqual(['Aid convoys enter northern Gaza']);
    expect(await search(admin.agent, project, 'zür')).toEqual(['Zürich summit on Ukraine']);
    expect(await search(admin.agent, project, 'israel’s cabinet')).toEqual(['Israel’s cabinet weighs hostage deal']);
    expect(await search(admin.agent, project, 'gaza moscow')).toEqual([]);
    const none = await list(admin.agent, project, 'q=nothingatall');
    expect(none).toEqual({ documents: [], total: 0, nextCursor: null });
    // An empty search is no search.
    expect((await list(admin.agent, project, 'q=%20%20')).total).toBe(ARTICLES.length);
  });

  it('answers any punctuation, quotes or query syntax in q with 200, never 500', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    await corpus(admin.agent, project);
    for (const q of [
      '"',
      "'",
      '"calm"',
      'gaza"',
      '*',
      '(',
      ')',
      'AND',
      'OR gaza',
      'NEAR(gaza',
      'gaza:*',
      '&|!',
      '\\',
      '%_',
      '-gaza',
      "ceasefire'",
      'title:gaza',
      '^gaza',
      '?',
      '$1',
      '; DROP TABLE documents',
    ]) {
      const res = await admin.agent.get(`/api/projects/${project.id}/documents?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect(await search(admin.agent, project, '"calm"')).toEqual(['Markets: oil steady after "calm" weekend']);
    expect(await search(admin.agent, project, 'title:gaza')).toEqual([]);
    expect(await search(admin.agent, project, '-gaza')).toEqual(['Gaza ceasefire talks resume in Cairo', 'Aid convoys enter northern Gaza']);
    // Nothing but punctuation has no word to look for.
    expect(await search(admin.agent, project, '"*"')).toEqual([]);
    const long = await admin.agent.get(`/api/projects/${project.id}/documents?q=${'a'.repeat(201)}`).expect(400);
    expect(ErrorBody.parse(long.body).error.message).toMatch(/q/);
  });
});

describe('documents list: sorts and pages', () => {
  it('walks every sort in both orders to the end: each document once, in order, with the right total', async () => {
    const { project } = makeProject(ctx, { overlap: 1 });
    const admin = await signedIn(ctx, 'admin');
    const ids = await corpus(admin.agent, project);
    // Some progress to sort by: document 2 fully labelled, document 5 one sentence of three.
    const label = async (documentId: number, count: number) => {
      const doc = DocumentDetail.parse((await admin.agent.get(`/api/documents/${documentId}`).expect(200)).body);
      for (const sentence of doc.sentences.slice(0, count)) {
        await admin.agent.put(`/api/sentences/${sentence.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
      }
    };
    await label(ids[2]!, 3);
    await label(ids[5]!, 1);

    const all = (await list(admin.agent, project, 'limit=200')).documents;
    expect(all.map((doc) => doc.id)).toEqual(ids);
    const share = (doc: DocumentSummary) => Math.floor(((doc.progress.overall ?? 0) * 1_000_000) / doc.progress.total);
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    const keys = {
      created: (doc: DocumentSummary) => [doc.id] as (string | number)[],
      title: (doc: DocumentSummary) => [doc.title, doc.id],
      published: (doc: DocumentSummary) => [doc.published ?? '', doc.id],
      progress: (doc: DocumentSummary) => [share(doc), doc.id],
    };
    for (const [sort, key] of Object.entries(keys)) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = [...all].sort((a, b) => {
          const [ka, kb] = [key(a), key(b)];
          const c = cmp(ka[0]!, kb[0]!) || cmp(ka[1] ?? 0, kb[1] ?? 0);
          return order === 'asc' ? c : -c;
        });
        const walked = await walk(admin.agent, project, `sort=${sort}&order=${order}`);
        expect(
          walked.documents.map((doc) => doc.id),
          `${sort} ${order}`,
        ).toEqual(expected.map((doc) => doc.id));
        expect(new Set(walked.totals), `${sort} ${order}`).toEqual(new Set([ARTICLES.length]));
      }
    }
    // Documents without a publication date come first going up, last going down.
    const published = await walk(admin.agent, project, 'sort=published&order=desc', 4);
    expect(published.documents.slice(-2).map((doc) => doc.published)).toEqual([null, null]);
    // A filtered walk pages the filtered set, its total the filtered count.
    const gaza = await walk(admin.agent, project, 'q=gaza&sort=title', 1);
    expect(titles(gaza.documents)).toEqual(['Aid convoys enter northern Gaza', 'Gaza ceasefire talks resume in Cairo']);
    expect(gaza.totals).toEqual([2, 2]);
    // The default page holds 50; the created sort is the default, oldest first.
    const first = await list(admin.agent, project, '');
    expect(first.documents.map((doc) => doc.id)).toEqual(ids);
    expect(first.nextCursor).toBeNull();
  });

  it('pages filters that keep thousands of documents in any sort, each document once and in order', async () => {
    const { project } = makeProject(ctx, { overlap: 1 });
    const admin = await signedIn(ctx, 'admin');
    const words = ['alpha', 'bravo', 'charlie', 'delta'];
    const ids: number[] = [];
    for (let first = 0; first < 2100; first += 700) {
      const documents = Array.from({ length: 700 }, (_, k) => {
        const n = first + k;
        return {
          title: `${words[n % 4]} piece ${(n * 7919) % 2100}`,
          text: `Short piece ${n} here.`,
          ...(n % 3 ? { published: `2024-01-${String(1 + (n % 28)).padStart(2, '0')}` } : {}),
        };
      });
      const res = await admin.agent.post(`/api/projects/${project.id}/documents`).send({ documents }).expect(201);
      ids.push(...ImportResult.parse(res.body).imported.map((doc) => doc.id));
    }
    // One document labelled (complete: overlap 1, one sentence), so "unassigned" keeps all but one.
    const busy = DocumentDetail.parse((await admin.agent.get(`/api/documents/${ids[10]}`).expect(200)).body).sentences[0]!;
    await admin.agent.put(`/api/sentences/${busy.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    const all = new Map<number, DocumentSummary>();
    for (const page of (await walk(admin.agent, project, 'sort=created', 200)).documents) all.set(page.id, page);
    expect(all.size).toBe(2100);
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    for (const [query, keep, key] of [
      ['status=unassigned&sort=title', (doc: DocumentSummary) => doc.id !== ids[10], (doc: DocumentSummary) => doc.title],
      ['q=piece&sort=title&order=desc', () => true, (doc: DocumentSummary) => doc.title],
      ['q=piece&status=unassigned&sort=published', (doc: DocumentSummary) => doc.id !== ids[10], (doc: DocumentSummary) => doc.published ?? ''],
      ['q=alpha&sort=progress&order=desc', (doc: DocumentSummary) => doc.title.startsWith('alpha'), (doc: DocumentSummary) => (doc.id === ids[10] ? 1 : 0)],
    ] as const) {
      const order = query.includes('order=desc') ? -1 : 1;
      const expected = [...all.values()].filter(keep).sort((a, b) => order * (cmp(key(a), key(b)) || cmp(a.id, b.id)));
      const walked = await walk(admin.agent, project, query, 200);
      expect(
        walked.documents.map((doc) => doc.id),
        query,
      ).toEqual(expected.map((doc) => doc.id));
      expect(new Set(walked.totals), query).toEqual(new Set([expected.length]));
    }
  });

  it('refuses a bad cursor, sort, order or limit with a 400 that says what is wrong', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    await corpus(admin.agent, project);
    const page = await list(admin.agent, project, 'sort=title&limit=2');
    const refused = async (query: string, pattern: RegExp) => {
      const res = await admin.agent.get(`/api/projects/${project.id}/documents?${query}`).expect(400);
      expect(ErrorBody.parse(res.body).error.message, query).toMatch(pattern);
    };
    await refused('cursor=not-a-cursor', /cursor/);
    await refused('cursor=%25%25%25', /cursor/);
    // A cursor of one sort does not fit another.
    await refused(`sort=created&cursor=${page.nextCursor}`, /cursor/);
    await refused('sort=popularity', /sort/);
    await refused('order=up', /order/);
    await refused('limit=0', /limit/);
    await refused('limit=201', /limit/);
    await refused('limit=ten', /limit/);
    await refused('status=finished', /status/);
    await refused('mine=half', /mine/);
    await refused('assignee=me', /assignee/);
    await refused('from=yesterday', /from/);
    await refused('to=2024-02-30', /to/);
  });
});

describe('documents list: filters', () => {
  it('filters by status, assignee and import date; figures count documents per status', async () => {
    const { project } = makeProject(ctx, { overlap: 2 });
    const admin = await signedIn(ctx, 'admin');
    const { a, b, reviewer } = await addTeam(ctx, project);
    const ids = await corpus(admin.agent, project);
    const sentences = async (documentId: number) => DocumentDetail.parse((await admin.agent.get(`/api/documents/${documentId}`).expect(200)).body).sentences;
    const labelAll = async (agent: Agent, documentId: number) => {
      for (const s of await sentences(documentId)) await agent.put(`/api/sentences/${s.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    };
    // 0: complete (both annotators labelled everything); 1: adjudicated (complete, then gold on every sentence);
    // 2: in progress (a labelled one sentence); 3: in progress (assigned to b, untouched); the rest unassigned.
    await labelAll(a.agent, ids[0]!);
    await labelAll(b.agent, ids[0]!);
    await labelAll(a.agent, ids[1]!);
    await labelAll(b.agent, ids[1]!);
    for (const s of await sentences(ids[1]!)) {
      await reviewer.agent
        .put(`/api/sentences/${s.id}/gold`)
        .send({ status: 'no_claim', claims: [], method: 'accepted', sourceAnnotators: [a.userId] })
        .expect(200);
    }
    const [first] = await sentences(ids[2]!);
    await a.agent.put(`/api/sentences/${first!.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    await admin.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: ids[3], userId: b.userId }).expect(201);

    const ofStatus = async (status: string) => (await list(reviewer.agent, project, `status=${status}`)).documents.map((doc) => doc.id);
    expect(await ofStatus('complete')).toEqual([ids[0]]);
    expect(await ofStatus('adjudicated')).toEqual([ids[1]]);
    expect(await ofStatus('in_progress')).toEqual([ids[2], ids[3]]);
    expect(await ofStatus('unassigned')).toEqual(ids.slice(4));
    const page = await list(reviewer.agent, project, 'status=unassigned&limit=2');
    expect(page.total).toBe(ids.length - 4);
    expect((await list(admin.agent, project, '')).documents.map((doc) => doc.status)).toEqual([
      'complete',
      'adjudicated',
      'in_progress',
      'in_progress',
      ...ids.slice(4).map(() => 'unassigned'),
    ]);

    const heldBy = async (userId: number) => (await list(admin.agent, project, `assignee=${userId}`)).documents.map((doc) => doc.id);
    expect(await heldBy(a.userId)).toEqual([ids[0], ids[1], ids[2]]);
    expect(await heldBy(b.userId)).toEqual([ids[0], ids[1], ids[3]]);
    expect(await heldBy(reviewer.userId)).toEqual([]);
    expect((await list(admin.agent, project, `assignee=${b.userId}&status=in_progress`)).documents.map((doc) => doc.id)).toEqual([ids[3]]);

    // Every document was imported today (UTC): both bounds are inclusive, a bare date is its whole day.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    expect((await list(admin.agent, project, `from=${day(0)}&to=${day(0)}`)).total).toBe(ids.length);
    expect((await list(admin.agent, project, `to=${day(-1)}`)).total).toBe(0);
    expect((await list(admin.agent, project, `from=${day(1)}`)).total).toBe(0);
    expect((await list(admin.agent, project, `from=${day(-1)}T23:59:59Z&q=gaza`)).total).toBe(2);

    const figures = DocumentFigures.parse((await reviewer.agent.get(`/api/projects/${project.id}/documents/figures`).expect(200)).body);
    expect(figures).toEqual({
      documents: ids.length,
      sentences: ids.length * 3,
      mine: 0,
      overall: 6,
      adjudicated: 3,
      byStatus: { unassigned: ids.length - 4, in_progress: 2, complete: 1, adjudicated: 1 },
    });
  });

  it('keeps others’ work from annotators: no status or assignee filter, no overall progress, their own progress to filter and sort by', async () => {
    const { project } = makeProject(ctx, { overlap: 2 });
    const admin = await signedIn(ctx, 'admin');
    const a = await signedIn(ctx, 'annotator', { project });
    const b = await signedIn(ctx, 'annotator', { project });
    const ids = await corpus(admin.agent, project);
    const sentences = async (documentId: number) => DocumentDetail.parse((await admin.agent.get(`/api/documents/${documentId}`).expect(200)).body).sentences;
    const label = async (agent: Agent, documentId: number, count: number) => {
      for (const s of (await sentences(documentId)).slice(0, count)) {
        await agent.put(`/api/sentences/${s.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
      }
    };
    await label(b.agent, ids[0]!, 3);
    await label(b.agent, ids[1]!, 3);
    await label(a.agent, ids[1]!, 1);
    await label(a.agent, ids[4]!, 3);

    for (const query of [`status=complete`, `assignee=${b.userId}`, `assignee=${a.userId}`]) {
      const res = await a.agent.get(`/api/projects/${project.id}/documents?${query}`).expect(403);
      expect(ErrorBody.parse(res.body).error.message).toMatch(/reviewers and admins/);
    }
    const mine = await list(a.agent, project, 'limit=200');
    expect(mine.documents.every((doc) => doc.progress.overall === null && doc.progress.adjudicated === null && doc.status === null)).toBe(true);
    expect(mine.documents.map((doc) => doc.progress.mine)).toEqual([0, 1, 0, 0, 3, 0, 0, 0]);
    const filtered = async (value: string) => (await list(a.agent, project, `mine=${value}`)).documents.map((doc) => doc.id);
    expect(await filtered('done')).toEqual([ids[4]]);
    expect(await filtered('started')).toEqual([ids[1]]);
    expect(await filtered('todo')).toEqual(ids.filter((id) => id !== ids[4] && id !== ids[1]));
    // Sorted by progress, an annotator's order is their own: b's finished documents do not stand out.
    const untouched = ids.filter((id) => id !== ids[4] && id !== ids[1]);
    const byProgress = await walk(a.agent, project, 'sort=progress&order=desc', 3);
    expect(byProgress.documents.map((doc) => doc.id)).toEqual([ids[4], ids[1], ...[...untouched].reverse()]);
    for (const limit of [1, 5, 6, 7]) {
      const upwards = await walk(a.agent, project, 'sort=progress&order=asc', limit);
      expect(upwards.documents.map((doc) => doc.id)).toEqual([...untouched, ids[1], ids[4]]);
    }
    expect((await walk(a.agent, project, 'sort=progress&order=desc&q=gaza', 1)).documents.map((doc) => doc.id)).toEqual([ids[5], ids[0]]);
    const figures = DocumentFigures.parse((await a.agent.get(`/api/projects/${project.id}/documents/figures`).expect(200)).body);
    expect(figures).toEqual({ documents: ids.length, sentences: ids.length * 3, mine: 4, overall: null, adjudicated: null, byStatus: null });
  });
});

describe('export of what the documents list shows', () => {
  it('exports the documents a search and a status keep, without sending their ids; with ids, the picked ones that match', async () => {
    const { project } = makeProject(ctx, { overlap: 1 });
    const admin = await signedIn(ctx, 'admin');
    const ids = await corpus(admin.agent, project);
    const first = DocumentDetail.parse((await admin.agent.get(`/api/documents/${ids[5]}`).expect(200)).body).sentences[0]!;
    await admin.agent.put(`/api/sentences/${first.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    const exported = async (query: string) => {
      const res = await admin.agent.get(`/api/projects/${project.id}/export?gold=include&${query}`).buffer(true).expect(200);
      const lines = res.text.split('\n').filter((line) => line !== '');
      return [...new Set(lines.map((line) => (JSON.parse(line) as { document: { id: number } }).document.id))];
    };
    const counted = async (query: string) =>
      (await admin.agent.get(`/api/projects/${project.id}/export?count=1&${query}`).expect(200)).body as { documents: number };
    const gaza = (await list(admin.agent, project, 'q=gaza')).documents.map((doc) => doc.id);
    expect(await exported('q=gaza')).toEqual(gaza);
    expect((await counted('q=gaza')).documents).toBe(2);
    expect(await exported(`q=gaza&documents=${ids[0]},${ids[1]},${ids[2]}`)).toEqual([ids[0]]);
    expect(await exported('q=%22%22')).toEqual([]);
    expect(await exported('documentStatus=in_progress')).toEqual([ids[5]]);
    expect(await exported('documentStatus=in_progress&q=aid')).toEqual([ids[5]]);
    expect(await exported('documentStatus=complete&q=aid')).toEqual([]);
    // Without a filter, every document, as before.
    expect(await exported('')).toEqual(ids);
    await admin.agent.get(`/api/projects/${project.id}/export?documentStatus=done`).expect(400);
  });
});
