// The totals the lists show at 100,000 documents come from the project's document count kept by
// triggers (migration 0021, project_stats), not from counting rows per request: what a user sees
// must stay exact through every write that changes it — imports (with duplicates skipped, into
// two projects), holds, labels and their undo, boilerplate marks — on both engines.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const text = (n: number) => `Desk ${n} reported one thing. Desk ${n} reported another.`;

it('keeps the documents list and queue totals exact through imports, holds, labels, undo and boilerplate marks', async () => {
  const { project } = makeProject(ctx);
  const { project: other } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin', { project });
  await admin.agent.patch(`/api/projects/${project.id}`).send({ overlap: 2 }).expect(200);
  const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((name) => signedIn(ctx, 'annotator', { project, username: `totals-${name}` })));
  const total = async (agent: Agent, path: string) => (await agent.get(`/api/projects/${path}`).expect(200)).body.total as number;
  const documents = (agent: Agent, id = project.id) => total(agent, `${id}/documents`);
  const queue = () => total(d!.agent, `${project.id}/queue`);

  // One import of three texts and a repeat of the first (skipped), another project's import, one more here.
  const batch = await admin.agent
    .post(`/api/projects/${project.id}/documents`)
    .send({ documents: [0, 1, 2, 0].map((n) => ({ title: `Desk ${n}`, text: text(n) })) })
    .expect(201);
  expect(batch.body.duplicates).toHaveLength(1);
  await admin.agent
    .post(`/api/projects/${other.id}/documents`)
    .send({ documents: [5, 6].map((n) => ({ title: `Other ${n}`, text: text(n) })) })
    .expect(201);
  expect(await documents(admin.agent)).toBe(3);
  expect(await documents(admin.agent, other.id)).toBe(2);
  const docs = await Promise.all(
    (batch.body.imported as { id: number }[]).map(
      async ({ id }) => (await admin.agent.get(`/api/documents/${id}`).expect(200)).body as { id: number; sentences: { id: number }[] },
    ),
  );
  docs.push(await importDocument(admin.agent, project.id, { title: 'Desk 3', text: text(3) }));
  await admin.agent
    .post(`/api/projects/${project.id}/documents`)
    .send({ title: 'Desk 3 again', text: text(3) })
    .expect(201);
  expect(await documents(admin.agent)).toBe(4);
  expect(await documents(d!.agent)).toBe(4);
  expect(await documents(admin.agent, other.id)).toBe(2);
  expect(await queue()).toBe(4);

  // Two holds fill document 0 (overlap 2): no longer available to D.
  for (const who of [b!, c!])
    await admin.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: docs[0]!.id, userId: who.userId }).expect(201);
  expect(await queue()).toBe(3);

  // Labels: one labeller leaves document 1 available, two fill document 2; B's undo leaves B holding
  // it (a label takes a hold), so it stays full.
  const label = (who: { agent: Agent }, doc: number) =>
    who.agent.put(`/api/sentences/${docs[doc]!.sentences[0]!.id}/annotation`).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);
  await label(a!, 1);
  expect(await queue()).toBe(3);
  await label(a!, 2);
  await label(b!, 2);
  expect(await queue()).toBe(2);
  await b!.agent.delete(`/api/sentences/${docs[2]!.sentences[0]!.id}/annotation?baseVersion=1`).expect(200);
  expect(await queue()).toBe(2);

  // Document 3 all boilerplate: nothing in it to label (the queue drops it, the list keeps it); one sentence back.
  for (const sentence of docs[3]!.sentences) await admin.agent.patch(`/api/sentences/${sentence.id}`).send({ boilerplate: true }).expect(200);
  expect(await queue()).toBe(1);
  expect(await documents(admin.agent)).toBe(4);
  await admin.agent.patch(`/api/sentences/${docs[3]!.sentences[0]!.id}`).send({ boilerplate: false }).expect(200);
  expect(await queue()).toBe(2);
  expect(await documents(d!.agent)).toBe(4);
  expect(await documents(admin.agent, other.id)).toBe(2);
});
