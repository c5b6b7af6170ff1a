// The annotator's queue and the assignments are paged, sorted and filtered on the server (issue 15):
// each sort walked to its end in both orders, two rows a page (so pages cross from the documents
// nobody holds to the held ones), with the holders the overlap counts — live holds and labellers,
// never an expired untouched hold — and take next / assign next taking the queue's first candidates.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { walkPages, type Row } from '../support/paging.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => {
  vi.useRealTimers();
  ctx.close();
});

const HOUR = 3600_000;

const walk = (agent: Agent, path: string, key: string, query: Record<string, string | number> = {}, limit = 2) => walkPages(agent, path, key, query, limit);

const TITLES = ['Kilo', 'alpha', 'Bravo', 'charlie', 'Delta', 'echo', 'Foxtrot', 'golf'];

/**
 * Eight documents, overlap 2, hold time 1 hour: 0 labelled by A, 1 held by B and C (full), 2 held
 * by B, 3 held by C for longer than the hold time without a label (expired), 7 all boilerplate.
 */
async function setup() {
  vi.useFakeTimers({ toFake: ['Date'] });
  const { project } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin', { project });
  await admin.agent.patch(`/api/projects/${project.id}`).send({ overlap: 2, holdHours: 1 }).expect(200);
  const docs: Awaited<ReturnType<typeof importDocument>>[] = [];
  for (const title of TITLES) docs.push(await importDocument(admin.agent, project.id, { title, text: `The ${title} desk said one thing. It said another.` }));
  const [a, b, c, d, e] = [
    await signedIn(ctx, 'annotator', { project, username: 'ann-a' }),
    await signedIn(ctx, 'annotator', { project, username: 'ann-b' }),
    await signedIn(ctx, 'annotator', { project, username: 'ann-c' }),
    await signedIn(ctx, 'annotator', { project, username: 'ann-d' }),
    await signedIn(ctx, 'annotator', { project, username: 'ann-e' }),
  ];
  const assign = (doc: number, who: { userId: number }) =>
    admin.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: docs[doc]!.id, userId: who.userId }).expect(201);
  const label = (who: { agent: Agent }, doc: number) =>
    who.agent.put(`/api/sentences/${docs[doc]!.sentences[0]!.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
  await assign(1, b!);
  await assign(1, c!);
  await assign(2, b!);
  // Touched holds are kept however old they get; C's hold of 3 is not touched, and expires.
  for (const [who, doc] of [
    [b!, 1],
    [c!, 1],
    [b!, 2],
  ] as const)
    await label(who, doc);
  await assign(3, c!);
  vi.setSystemTime(Date.now() + 2 * HOUR);
  await label(a!, 0);
  for (const sentence of docs[7]!.sentences) await admin.agent.patch(`/api/sentences/${sentence.id}`).send({ boilerplate: true }).expect(200);
  return { project, admin, docs, a: a!, b: b!, c: c!, d: d!, e: e! };
}

describe('the queue', () => {
  it('pages the available documents least-covered first, by title or import order, both ways, and searches titles', async () => {
    const { project, docs, a, c, d } = await setup();
    const path = `/api/projects/${project.id}/queue`;
    const id = (i: number) => docs[i]!.id;
    const ids = (rows: readonly Row[]) => rows.map((row) => row.id);
    // Nobody holds 3 (expired), 4, 5, 6; A holds 0 and B holds 2; 1 is full and 7 has nothing to label.
    const coverage = [3, 4, 5, 6, 0, 2].map(id);
    const available = await walk(d.agent, path, 'available');
    expect(ids(available)).toEqual(coverage);
    expect(available.map((row) => row.annotators)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(ids(await walk(d.agent, path, 'available', { order: 'desc' }))).toEqual(coverage.toReversed());
    const byTitle = coverage.toSorted((x, y) => (TITLES[docs.findIndex((doc) => doc.id === x)]! < TITLES[docs.findIndex((doc) => doc.id === y)]! ? -1 : 1));
    expect(ids(await walk(d.agent, path, 'available', { sort: 'title' }))).toEqual(byTitle);
    expect(ids(await walk(d.agent, path, 'available', { sort: 'title', order: 'desc' }))).toEqual(byTitle.toReversed());
    expect(ids(await walk(d.agent, path, 'available', { sort: 'id' }))).toEqual(coverage.toSorted((x, y) => x - y));
    expect(ids(await walk(d.agent, path, 'available', { sort: 'id', order: 'desc' }))).toEqual(coverage.toSorted((x, y) => y - x));
    expect(ids(await walk(d.agent, path, 'available', { q: 'ECH' }))).toEqual([id(5)]);
    expect(ids(await walk(d.agent, path, 'available', { q: 'k' }))).toEqual([id(0)]);
    expect(ids(await walk(d.agent, path, 'available', { q: 'golf' }))).toEqual([]);

    // A's own document is theirs, never available to them; C's expired hold is no longer theirs.
    const mineA = (await a.agent.get(path).expect(200)).body;
    expect(ids(mineA.mine)).toEqual([id(0)]);
    expect(mineA).toMatchObject({ mineTotal: 1, done: 0, total: 5 });
    expect(ids(await walk(a.agent, path, 'available'))).toEqual([3, 4, 5, 6, 2].map(id));
    expect((await a.agent.get(path).query({ q: 'zulu' }).expect(200)).body).toMatchObject({ mine: [], mineTotal: 0 });
    expect(ids(await walk(c.agent, path, 'available'))).toEqual([3, 4, 5, 6, 0, 2].map(id));
    expect(ids((await c.agent.get(path).expect(200)).body.mine)).toEqual([id(1)]);

    for (const query of [{ cursor: 'zzz' }, { sort: 'annotators' }, { limit: '500' }, { order: 'sideways' }]) {
      const res = await d.agent.get(path).query(query).expect(400);
      expect(JSON.stringify(res.body.error)).toContain(Object.keys(query)[0]!);
    }
  });

  it('take next and assign next take the first candidates of the queue', async () => {
    const { project, admin, docs, d, e } = await setup();
    const taken = await d.agent.post(`/api/projects/${project.id}/queue/next`).send({}).expect(200);
    expect(taken.body.document.id).toBe(docs[3]!.id);
    const given = await admin.agent.post(`/api/projects/${project.id}/assignments/next`).send({ userId: e.userId, count: 4 }).expect(200);
    // 4, 5 and 6 have no holder; then 0, 2 and 3 one each, by import order.
    expect(given.body.assigned.map((doc: { id: number }) => doc.id)).toEqual([4, 5, 6, 0].map((i) => docs[i]!.id));
    // The answer is the first page of the assignments: C's expired hold was released by the first write.
    expect(given.body).toMatchObject({ total: 9, nextCursor: null });
    expect(given.body.assignments).toHaveLength(9);
  });

  it('still counts a labeller whose hold was released, in every sort and in the total', async () => {
    const { project, admin, docs, b, c, d } = await setup();
    const path = `/api/projects/${project.id}/queue`;
    const id = (i: number) => docs[i]!.id;
    const release = (doc: number, who: { userId: number }) =>
      admin.agent.delete(`/api/projects/${project.id}/assignments/${docs[doc]!.id}/${who.userId}`).expect(200);
    // B labelled in 2 (its only holder), C in 1 (full with B): their labels keep them holders.
    await release(2, b);
    await release(1, c);
    const available = await walk(d.agent, path, 'available');
    expect(available.map((row) => [row.id, row.annotators])).toEqual([3, 4, 5, 6, 0, 2].map((i) => [id(i), i < 3 ? 1 : 0]));
    expect((await d.agent.get(path).expect(200)).body.total).toBe(6);
    const byId = await walk(d.agent, path, 'available', { sort: 'id' });
    expect(byId.map((row) => [row.id, row.annotators])).toEqual([0, 2, 3, 4, 5, 6].map((i) => [id(i), i < 3 ? 1 : 0]));
    // Theirs still: never available to them, and counted out of their total.
    const mineB = (await b.agent.get(path).expect(200)).body;
    expect(mineB).toMatchObject({ total: 5 });
    expect(ids(await walk(b.agent, path, 'available'))).toEqual([3, 4, 5, 6, 0].map(id));
    expect(ids(await walk(c.agent, path, 'available'))).toEqual([3, 4, 5, 6, 0, 2].map(id));
  });
});

const ids = (rows: readonly Row[]) => rows.map((row) => row.id);

describe('the assignments', () => {
  it('pages every assignment in every sort, both ways, filtered by holder, document, title and state; annotators cannot see them', async () => {
    const { project, admin, docs, a, b, c } = await setup();
    const path = `/api/projects/${project.id}/assignments`;
    const all = await walk(admin.agent, path, 'assignments', { state: 'all', sort: 'document' }, 50);
    expect(all).toHaveLength(5);
    const key = (row: Row) => `${String(row.documentId)}:${String(row.userId)}`;
    const compare = (fields: string[]) => (x: Row, y: Row) => {
      for (const field of fields) {
        const [p, q] = [x[field] ?? '', y[field] ?? ''] as [string | number, string | number];
        if (p !== q) return p < q ? -1 : 1;
      }
      return 0;
    };
    const held = all.filter((row) => !row.expired);
    expect(held).toHaveLength(4);
    for (const [sort, fields] of [
      ['document', ['documentTitle', 'documentId', 'userId']],
      ['user', ['username', 'documentId']],
      ['assigned', ['assignedAt', 'documentId', 'userId']],
      ['activity', ['lastActivityAt', 'documentId', 'userId']],
    ] as const) {
      const expected = held.toSorted(compare([...fields])).map(key);
      expect((await walk(admin.agent, path, 'assignments', { sort })).map(key)).toEqual(expected);
      expect((await walk(admin.agent, path, 'assignments', { sort, order: 'desc' })).map(key)).toEqual(expected.toReversed());
    }
    expect((await walk(admin.agent, path, 'assignments', { state: 'expired' })).map(key)).toEqual([`${docs[3]!.id}:${c.userId}`]);
    expect((await walk(admin.agent, path, 'assignments', { userId: b.userId })).map((row) => row.documentId)).toEqual([docs[2]!.id, docs[1]!.id]);
    expect((await walk(admin.agent, path, 'assignments', { documentId: docs[1]!.id })).map((row) => row.username)).toEqual(['ann-b', 'ann-c']);
    expect((await walk(admin.agent, path, 'assignments', { q: 'kil' })).map((row) => row.username)).toEqual(['ann-a']);
    expect(all.find((row) => row.username === 'ann-a')).toMatchObject({ labelled: 1, total: 2, expired: false });
    expect(all.find((row) => row.username === 'ann-c' && row.documentId === docs[3]!.id)).toMatchObject({ labelled: 0, lastActivityAt: null, expired: true });
    await admin.agent.get(path).query({ state: 'gone' }).expect(400);
    await a.agent.get(path).expect(403);
  });
});
