// Every list but the documents list is paged, sorted and filtered on the server (issue 15): the
// disagreement queue, the annotator's queue, assignments, actors, users and project members.
// Each sort is walked to its end in both orders (every row exactly once, `total` right), and the
// disagreement queue, now read from maintained state, is compared with the computation over every
// label it replaced, before and after labels, gold and boilerplate marks change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { groupLabels } from '../../server/agreement/compute.ts';
import { queueEntry } from '../../server/review/state.ts';
import { listClaimFrames, listLabelledSentences, listLabels } from '../../server/review/repo.ts';
import { DisagreementField, type Disagreement } from '../../shared/schemas/review.ts';
import { walkPages, type Row } from '../support/paging.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const walk = (agent: Agent, path: string, key: string, query: Record<string, string | number> = {}, limit = 3) => walkPages(agent, path, key, query, limit);

/** A small deterministic random source: the same labels on every run and engine. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** The queue as the server computed it before maintained state: from every label of the project, per request. */
function disagreementsFromEveryLabel(projectId: number, resolved: boolean): Omit<Disagreement, 'text' | 'documentTitle'>[] {
  const sentences = listLabelledSentences(ctx.db, projectId);
  const grouped = groupLabels(listLabels(ctx.db, projectId), listClaimFrames(ctx.db, projectId));
  const found: (Omit<Disagreement, 'text' | 'documentTitle'> & { order: number })[] = [];
  sentences.forEach((sentence, order) => {
    const labels = grouped.get(sentence.id);
    if (!labels) return;
    const isResolved = labels.labels.has(0);
    if (isResolved && !resolved) return;
    const difference = queueEntry(labels);
    if (!difference) return;
    found.push({ sentenceId: sentence.id, documentId: sentence.documentId, index: sentence.index, resolved: isResolved, order, ...difference });
  });
  found.sort((a, b) => b.dispute - a.dispute || b.fields.length - a.fields.length || a.order - b.order);
  return found.map(({ order: _order, ...entry }) => entry);
}

const TEXTS = [
  'China condemned Israel. China backed Israel. Russia blamed Israel. It rained. China praised Russia.',
  'Russia condemned China. Israel backed Russia. China blamed Russia. Snow fell. Israel praised China.',
  'Israel condemned Russia. Russia backed China. Israel blamed China. Wind blew. Russia praised Israel.',
];

async function labelledProject() {
  const { project, actors } = makeProject(ctx, { overlap: 3 });
  const admin = await signedIn(ctx, 'admin');
  const docs = [];
  for (const [i, text] of TEXTS.entries()) docs.push(await importDocument(admin.agent, project.id, { title: `${['Beta', 'alpha', 'Gamma'][i]} report`, text }));
  const annotators = [];
  for (let i = 0; i < 3; i++) annotators.push(await signedIn(ctx, 'annotator', { project }));
  const reviewer = await signedIn(ctx, 'reviewer', { project });
  const names = ['China', 'Russia', 'Israel'];
  const next = random(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const label = () => {
    const roll = next();
    if (roll < 0.2) return { status: 'no_claim', claims: [] };
    if (roll < 0.28) return { status: 'skipped', claims: [], note: 'unclear' };
    return {
      status: 'claims',
      claims: [
        {
          speaker: { actorId: actors[pick(names)]!.id },
          stance: pick(['condemn', 'support']),
          target: { actorId: actors[pick(names)]!.id },
          negated: next() < 0.15,
        },
      ],
    };
  };
  for (const doc of docs) {
    for (const sentence of doc.sentences) {
      for (const annotator of annotators) {
        if (next() < 0.3) continue;
        await annotator.agent.put(`/api/sentences/${sentence.id}/annotation`).send(label()).expect(200);
      }
    }
  }
  return { project, actors, docs, annotators, reviewer, admin, label };
}

const figures = (rows: readonly Row[]) =>
  rows.map((row) => ({
    sentenceId: row.sentenceId,
    documentId: row.documentId,
    index: row.index,
    annotators: row.annotators,
    fields: row.fields,
    dispute: row.dispute,
    resolved: row.resolved,
  }));

describe('the disagreement queue', () => {
  it('pages exactly what comparing every label gives, in every sort and filter, and stays so as labels change', async () => {
    const { project, docs, annotators, reviewer, label } = await labelledProject();
    const path = `/api/projects/${project.id}/disagreements`;
    const check = async () => {
      for (const resolved of [false, true]) {
        const expected = disagreementsFromEveryLabel(project.id, resolved);
        expect(expected.length).toBeGreaterThan(3);
        const flag = resolved ? '1' : '0';
        expect(figures(await walk(reviewer.agent, path, 'disagreements', { resolved: flag }))).toEqual(expected);
        expect(figures(await walk(reviewer.agent, path, 'disagreements', { resolved: flag, sort: 'dispute', order: 'asc' }))).toEqual(expected.toReversed());
        const reading = expected.toSorted((a, b) => a.documentId - b.documentId || a.index - b.index);
        expect(figures(await walk(reviewer.agent, path, 'disagreements', { resolved: flag, sort: 'position' }))).toEqual(reading);
        expect(figures(await walk(reviewer.agent, path, 'disagreements', { resolved: flag, sort: 'position', order: 'desc' }))).toEqual(reading.toReversed());
        for (const field of DisagreementField.options) {
          expect(figures(await walk(reviewer.agent, path, 'disagreements', { resolved: flag, field }))).toEqual(
            expected.filter((d) => d.fields.includes(field)),
          );
        }
        const doc = docs[1]!;
        expect(figures(await walk(reviewer.agent, path, 'disagreements', { resolved: flag, documentId: doc.id }))).toEqual(
          expected.filter((d) => d.documentId === doc.id),
        );
        // A prefix of the title, ignoring case: "ALPHA" finds "alpha report" only.
        const alpha = await walk(reviewer.agent, path, 'disagreements', { resolved: flag, q: 'ALPHA' });
        expect(figures(alpha)).toEqual(expected.filter((d) => d.documentId === docs[1]!.id));
        expect(alpha.every((row) => row.documentTitle === 'alpha report')).toBe(true);
      }
    };
    await check();
    // Labels change: a relabel, a label taken back, gold on a disputed sentence, a boilerplate mark.
    const [first, second] = disagreementsFromEveryLabel(project.id, false);
    const a = annotators[0]!;
    for (const doc of docs) await a.agent.put(`/api/sentences/${doc.sentences[0]!.id}/annotation`).send(label()).expect(200);
    await reviewer.agent.put(`/api/sentences/${first!.sentenceId}/gold`).send({ status: 'no_claim', claims: [], method: 'edited' }).expect(200);
    await reviewer.agent.patch(`/api/sentences/${second!.sentenceId}`).send({ boilerplate: true }).expect(200);
    const undo = annotators[1]!;
    const mine = (await undo.agent.get(`/api/documents/${docs[2]!.id}/annotations`).query({ annotator: 'me' }).expect(200)).body.annotations[0];
    await undo.agent.delete(`/api/sentences/${mine.sentenceId}/annotation`).query({ baseVersion: mine.version }).expect(200);
    await check();
    expect(disagreementsFromEveryLabel(project.id, true).find((d) => d.sentenceId === first!.sentenceId)?.resolved).toBe(true);
  });

  it('refuses a bad cursor, sort, order, limit or field with a 400 that says which, and keeps annotators out', async () => {
    const { project, annotators, reviewer } = await labelledProject();
    const path = `/api/projects/${project.id}/disagreements`;
    for (const [query, word] of [
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ cursor: Buffer.from('["x"]').toString('base64url') }, 'cursor'],
      [{ sort: 'colour' }, 'sort'],
      [{ order: 'up' }, 'order'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '201' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ field: 'colour' }, 'field'],
    ] as const) {
      const res = await reviewer.agent.get(path).query(query).expect(400);
      expect(JSON.stringify(res.body.error)).toContain(word);
    }
    await annotators[0]!.agent.get(path).expect(403);
  });
});

describe('cursors', () => {
  const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

  it('belong to one list, sort and order: a cursor of the same shape from elsewhere, or one with a fraction, a huge number or a NUL, is a 400 naming the cursor', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin', { project });
    for (let i = 0; i < 3; i++) await signedIn(ctx, 'annotator', { project });
    for (let i = 0; i < 3; i++) await importDocument(admin.agent, project.id, { title: `Report ${i}`, text: `Report number ${i} says little.` });

    const users = (await admin.agent.get('/api/users').query({ limit: 1 }).expect(200)).body;
    const members = `/api/projects/${project.id}/members`;
    const documents = `/api/projects/${project.id}/documents`;
    const byTitle = (await admin.agent.get(documents).query({ sort: 'title', limit: 1 }).expect(200)).body;
    // Each cursor still works where it came from.
    await admin.agent.get('/api/users').query({ limit: 1, cursor: users.nextCursor }).expect(200);
    await admin.agent.get(documents).query({ sort: 'title', limit: 1, cursor: byTitle.nextCursor }).expect(200);

    const refused: [string, Record<string, string | number>][] = [
      // The users list's cursor (username, id) has the shape of the members list's, and of the documents' by title.
      [members, { cursor: users.nextCursor }],
      [documents, { sort: 'title', cursor: users.nextCursor }],
      // The same list and sort, the other order.
      [documents, { sort: 'title', order: 'desc', cursor: byTitle.nextCursor }],
      [documents, { sort: 'published', cursor: byTitle.nextCursor }],
      // Forged: numbers PostgreSQL's BIGINT cannot compare (a 500 there before), a NUL, an old cursor without its scope.
      [documents, { cursor: forged(['documents/created/asc', 1.5]) }],
      [documents, { cursor: forged(['documents/created/asc', 1e20]) }],
      [documents, { cursor: forged(['documents/created/asc', 1e300]) }],
      ['/api/users', { cursor: forged(['users/username/asc', 'a\u0000b', 1]) }],
      ['/api/users', { cursor: forged(['admin', 1]) }],
    ];
    for (const [path, query] of refused) {
      const res = await admin.agent.get(path).query({ limit: 1, ...query });
      expect({ path, query, status: res.status }).toEqual({ path, query, status: 400 });
      expect(res.body.error.code).toBe('validation_error');
      expect(res.body.error.message).toContain('cursor');
    }
  });

  it('refuses a NUL in a search the same way on both engines, naming q, and an unknown query key naming the query', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin', { project });
    for (const path of ['/api/users', `/api/projects/${project.id}/members`, `/api/projects/${project.id}/actors`, `/api/projects/${project.id}/documents`]) {
      const res = await admin.agent.get(path).query({ q: 'a\u0000b' });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.issues[0].path).toBe('q');
      expect(res.body.error.message).toMatch(/^Invalid request query: q: .*NUL/);
    }
    const unknown = await admin.agent.get(`/api/projects/${project.id}/export`).query({ zzz: '1' }).expect(400);
    expect(unknown.body.error.message).not.toContain('(body)');
    expect(unknown.body.error.issues[0].path).toBe('(query)');
  });
});
