import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { releaseExpiredHolds } from '../../server/assignments/service.ts';
import { listTimeSpent } from '../../server/annotations/repo.ts';
import { AssignmentList, Queue, TakeNextResult } from '../../shared/schemas/assignments.ts';
import { History } from '../../shared/schemas/events.ts';
import { auditLog } from '../support/inspect.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => {
  vi.useRealTimers();
  ctx.close();
});

const HOUR = 3600_000;
const queueOf = async (agent: Agent, projectId: number) => Queue.parse((await agent.get(`/api/projects/${projectId}/queue`).expect(200)).body);
const takeNext = async (agent: Agent, projectId: number) =>
  TakeNextResult.parse((await agent.post(`/api/projects/${projectId}/queue/next`).send({}).expect(200)).body).document;
const ids = (documents: { id: number }[]) => documents.map((document) => document.id);

async function setup(documents = 3) {
  const { project, actors } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin');
  const docs = [];
  for (let i = 0; i < documents; i++) docs.push(await importDocument(admin.agent, project.id, `Document ${i} says one thing. And another.`));
  const ann1 = await signedIn(ctx, 'annotator', { project });
  const ann2 = await signedIn(ctx, 'annotator', { project });
  const ann3 = await signedIn(ctx, 'annotator', { project });
  return { project, actors, admin, docs, ann1, ann2, ann3 };
}

const labelAll = async (agent: Agent, doc: { sentences: { id: number }[] }) => {
  for (const sentence of doc.sentences) await agent.put(`/api/sentences/${sentence.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
};

describe('queue and assignment', () => {
  it('offers documents least-covered first, never one I already did, until k annotators hold each', async () => {
    const { project, docs, ann1, ann2, ann3 } = await setup(2);
    expect(ids((await queueOf(ann1.agent, project.id)).available)).toEqual([docs[0]!.id, docs[1]!.id]);

    expect((await takeNext(ann1.agent, project.id))?.id).toBe(docs[0]!.id);
    const q1b = await queueOf(ann1.agent, project.id);
    expect(ids(q1b.mine)).toEqual([docs[0]!.id]);
    expect(ids(q1b.available)).toEqual([docs[1]!.id]);

    // ann2 is offered the uncovered document first.
    expect((await takeNext(ann2.agent, project.id))?.id).toBe(docs[1]!.id);
    expect((await takeNext(ann3.agent, project.id))?.id).toBe(docs[0]!.id);
    // Document 0 now has k=2 annotators and ann2 holds document 1: nothing is left for ann2.
    expect((await queueOf(ann2.agent, project.id)).available).toEqual([]);

    await labelAll(ann1.agent, docs[0]!);
    const done = await queueOf(ann1.agent, project.id);
    expect(done.mine).toEqual([]);
    expect(done.done).toBe(1);
    expect(ids(done.available)).toEqual([docs[1]!.id]);
  });

  it('labelling a document holds it; an untouched assignment returns to the pool after the hold time', async () => {
    // The hold runs out by the server's clock (Date) moving on, as it does in use.
    vi.useFakeTimers({ toFake: ['Date'] });
    const { project, docs, ann1, ann2, admin } = await setup(1);
    await admin.agent.patch(`/api/projects/${project.id}`).send({ overlap: 1, holdHours: 1 }).expect(200);
    await takeNext(ann1.agent, project.id);
    expect((await queueOf(ann2.agent, project.id)).available).toEqual([]);
    // Two hours pass with no label saved.
    vi.setSystemTime(Date.now() + 2 * HOUR);
    expect(ids((await queueOf(ann2.agent, project.id)).available)).toEqual([docs[0]!.id]);
    expect((await queueOf(ann1.agent, project.id)).mine).toEqual([]);
    // Reading the queue never writes: the hold is released, and audited, by the timer (or the next write).
    const released = () => auditLog(ctx.db, { entity: 'assignment', action: 'release' }).length;
    expect(released()).toBe(0);
    expect(releaseExpiredHolds(ctx.db)).toBe(1);
    expect(released()).toBe(1);

    // A touched assignment is kept however old it is: here ten hold times (within the sessions' idle limit).
    await ann2.agent.put(`/api/sentences/${docs[0]!.sentences[0]!.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    vi.setSystemTime(Date.now() + 10 * HOUR);
    expect((await queueOf(ann1.agent, project.id)).available).toEqual([]);
    expect(releaseExpiredHolds(ctx.db)).toBe(0);
  });

  it('admins assign documents explicitly and see who holds what; others cannot', async () => {
    const { project, docs, ann1, ann2, admin } = await setup(1);
    const res = await admin.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: docs[0]!.id, userId: ann1.userId }).expect(201);
    expect(AssignmentList.parse(res.body).assignments).toEqual([
      expect.objectContaining({ documentId: docs[0]!.id, userId: ann1.userId, username: ann1.username, assignedBy: admin.userId, labelled: 0, total: 2 }),
    ]);
    expect(ids((await queueOf(ann1.agent, project.id)).mine)).toEqual([docs[0]!.id]);

    await ann2.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: docs[0]!.id, userId: ann2.userId }).expect(403);
    await ann2.agent.get(`/api/projects/${project.id}/assignments`).expect(403);
    const { project: other } = makeProject(ctx);
    const outsider = await signedIn(ctx, 'annotator', { project: other });
    const notMember = await admin.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: docs[0]!.id, userId: outsider.userId }).expect(400);
    expect(notMember.body.error.message).toMatch(/not a member/);
    const wrongDoc = await admin.agent.post(`/api/projects/${other.id}/assignments`).send({ documentId: docs[0]!.id, userId: outsider.userId }).expect(400);
    expect(wrongDoc.body.error.issues[0].path).toBe('documentId');

    // Through another project's URL the assignment is not found, and stays.
    await admin.agent.delete(`/api/projects/${other.id}/assignments/${docs[0]!.id}/${ann1.userId}`).expect(404);
    await admin.agent.delete(`/api/projects/${project.id}/assignments/${docs[0]!.id}/${ann1.userId}`).expect(200);
    await admin.agent.delete(`/api/projects/${project.id}/assignments/${docs[0]!.id}/${ann1.userId}`).expect(404);
  });
});

describe('assigning beyond the overlap and in bulk (issue 17, item 9)', () => {
  it('refuses a k + 1st annotator with 409 unless beyondOverlap says so, and audits the assignment', async () => {
    const { project, docs, ann1, ann2, ann3, admin } = await setup(1);
    const assign = (userId: number, extra: object = {}) =>
      admin.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: docs[0]!.id, userId, ...extra });
    await assign(ann1.userId).expect(201);
    await assign(ann2.userId).expect(201);
    const refused = await assign(ann3.userId).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', annotators: 2, overlap: 2 });
    expect(refused.body.error.message).toMatch(/already has 2 annotators, the project's overlap of 2/);
    expect(auditLog(ctx.db, { entity: 'assignment', action: 'assign' })).toHaveLength(2);
    // Someone who already holds it is no k + 1st: assigning them again is no error.
    await assign(ann1.userId).expect(201);
    const anyway = await assign(ann3.userId, { beyondOverlap: true }).expect(201);
    expect(anyway.body.assignments.map((a: { userId: number }) => a.userId).sort()).toEqual([ann1.userId, ann2.userId, ann3.userId].sort());
    expect(auditLog(ctx.db, { entity: 'assignment', action: 'assign' }).map((e) => e.after)).toEqual([
      { userId: ann1.userId },
      { userId: ann2.userId },
      { userId: ann3.userId },
    ]);
    await assign(ann3.userId, { beyondOverlap: 'yes' }).expect(400);
  });

  it('gives the next N documents of a member’s queue to them, least-covered first, in one audited transaction', async () => {
    const { project, docs, ann1, ann2, ann3, admin } = await setup(4);
    // Document 0 is full (k = 2: ann2 and ann3); ann1 labelled in document 1.
    for (const annotator of [ann2, ann3])
      await admin.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: docs[0]!.id, userId: annotator.userId }).expect(201);
    await ann1.agent.put(`/api/sentences/${docs[1]!.sentences[0]!.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    const bulk = (body: object) => admin.agent.post(`/api/projects/${project.id}/assignments/next`).send(body);

    const first = await bulk({ userId: ann2.userId, count: 2 }).expect(200);
    // ann2 holds document 0; document 1 has one annotator, 2 and 3 none: the uncovered ones first.
    expect(first.body.assigned.map((d: { id: number }) => d.id)).toEqual([docs[2]!.id, docs[3]!.id]);
    expect(first.body.assignments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ documentId: docs[2]!.id, userId: ann2.userId, assignedBy: admin.userId }),
        expect.objectContaining({ documentId: docs[3]!.id, userId: ann2.userId, assignedBy: admin.userId }),
      ]),
    );
    const bulkEvents = () => auditLog(ctx.db, { entity: 'assignment', action: 'assign' }).filter((e) => JSON.stringify(e.after).includes('bulk'));
    expect(bulkEvents().map((e) => [e.entityId, e.after])).toEqual([
      [docs[2]!.id, { userId: ann2.userId, bulk: true }],
      [docs[3]!.id, { userId: ann2.userId, bulk: true }],
    ]);
    // More than the queue holds: what is left (document 1, never the full document 0).
    const rest = await bulk({ userId: ann2.userId, count: 10 }).expect(200);
    expect(rest.body.assigned.map((d: { id: number }) => d.id)).toEqual([docs[1]!.id]);
    const none = await bulk({ userId: ann2.userId, count: 10 }).expect(200);
    expect(none.body.assigned).toEqual([]);
    expect(bulkEvents()).toHaveLength(3);

    const { project: other } = makeProject(ctx);
    const outsider = await signedIn(ctx, 'annotator', { project: other });
    const notMember = await bulk({ userId: outsider.userId, count: 1 }).expect(400);
    expect(notMember.body.error.issues[0].path).toBe('userId');
    await bulk({ userId: ann3.userId, count: 0 }).expect(400);
    await bulk({ userId: ann3.userId }).expect(400);
    await ann1.agent.post(`/api/projects/${project.id}/assignments/next`).send({ userId: ann1.userId, count: 1 }).expect(403);
    expect(bulkEvents()).toHaveLength(3);
  });
});

describe('sentence history', () => {
  it('a reviewer reads every label and correction of a sentence; annotators cannot', async () => {
    const { project, docs, ann1, actors } = await setup(1);
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const sentence = docs[0]!.sentences[0]!;
    const claim = { speaker: { actorId: actors.China!.id }, stance: 'support', target: { actorId: actors.Russia!.id } };
    await ann1.agent
      .put(`/api/sentences/${sentence.id}/annotation`)
      .send({ status: 'claims', claims: [claim], timeSpentMs: 4200 })
      .expect(200);
    await ann1.agent.put(`/api/sentences/${sentence.id}/annotation`).send({ status: 'no_claim', claims: [], baseVersion: 1, timeSpentMs: 800 }).expect(200);
    await reviewer.agent.patch(`/api/sentences/${sentence.id}`).send({ boilerplate: true }).expect(200);

    const { events } = History.parse((await reviewer.agent.get(`/api/sentences/${sentence.id}/history`).expect(200)).body);
    expect(events.map((e) => `${e.entity}:${e.action}`)).toEqual(['annotation:create', 'annotation:update', 'sentence:update']);
    expect(events[1]).toMatchObject({
      user: { id: ann1.userId, username: ann1.username },
      before: { status: 'claims' },
      after: { status: 'no_claim' },
    });
    await ann1.agent.get(`/api/sentences/${sentence.id}/history`).expect(403);
    // The time of both saves is kept with the label.
    expect(listTimeSpent(ctx.db)).toEqual([{ sentenceId: sentence.id, annotatorId: ann1.userId, timeSpentMs: 5000 }]);
  });

  it('never shows another project’s events, even when a deleted sentence’s id is reused', async () => {
    const { project } = makeProject(ctx);
    const { project: other } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, 'First here. Second here.');
    const last = doc.sentences[1]!;
    await admin.agent.patch(`/api/sentences/${last.id}`).send({ boilerplate: true }).expect(200);
    await admin.agent.post(`/api/sentences/${doc.sentences[0]!.id}/merge`).send({}).expect(200);
    const reused = await importDocument(admin.agent, other.id, 'Another project. Its own text.');
    const reusedId = reused.sentences[0]!.id;
    // SQLite hands out the freed id again. PostgreSQL's identity columns never reuse an id, so there
    // the new sentence's history is simply its own (empty): the case guarded against cannot arise.
    if (ctx.db.dialect === 'sqlite') expect(reusedId).toBe(last.id);
    const reviewer = await signedIn(ctx, 'reviewer', { project: other });
    const history = History.parse((await reviewer.agent.get(`/api/sentences/${reusedId}/history`).expect(200)).body);
    expect(history.events).toEqual([]);
  });
});
