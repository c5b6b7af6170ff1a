// Bulk accept copies a unanimous label into gold only when saveGold would take it without asking:
// a label whose claims contradict each other (same speaker, target and flags, two stances) is left
// out, counted as `contradicting` in the preview and the result, and stays in the queue for a
// reviewer to decide one by one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { sql } from '../../server/db/statements.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

describe('bulk accept and contradicting unanimous labels', () => {
  it('leaves a unanimous label whose claims contradict each other to the reviewer, in the preview, the result and the queue', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, 'Russia backed and condemned Israel. Russia might back Israel but condemned it.');
    const { a, b, reviewer } = await addTeam(ctx, project);
    const claim = (stance: string, hypothetical = false) => ({
      speaker: { actorId: actors.Russia!.id },
      stance,
      target: { actorId: actors.Israel!.id },
      hypothetical,
    });
    const [contradicting, fine] = doc.sentences.map((s) => s.id) as [number, number];
    for (const who of [a, b]) {
      await who.agent
        .put(`/api/sentences/${contradicting}/annotation`)
        .send({ status: 'claims', claims: [claim('support'), claim('condemn')] })
        .expect(200);
      // A flag apart: "would support" beside "condemned" is two assertions, not a contradiction.
      await who.agent
        .put(`/api/sentences/${fine}/annotation`)
        .send({ status: 'claims', claims: [claim('support', true), claim('condemn')] })
        .expect(200);
    }
    const unanimous = (body: object) => reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send(body).expect(200);
    const queue = async () =>
      (await reviewer.agent.get(`/api/projects/${project.id}/disagreements`).expect(200)).body.disagreements.map(
        (d: { sentenceId: number; fields: string[]; annotators: number; resolved: boolean }) => ({
          sentenceId: d.sentenceId,
          fields: d.fields,
          annotators: d.annotators,
          resolved: d.resolved,
        }),
      );

    // Counted from the labels just saved (the maintained state is stale), then from the state.
    expect((await unanimous({ apply: false })).body).toEqual({ count: 1, applied: false, contradicting: 1 });
    expect(await queue()).toEqual([{ sentenceId: contradicting, fields: ['contradiction'], annotators: 2, resolved: false }]);
    expect((await unanimous({ apply: false })).body).toEqual({ count: 1, applied: false, contradicting: 1 });
    expect((await unanimous({ apply: false, documentId: doc.id })).body).toEqual({ count: 1, applied: false, contradicting: 1 });

    expect((await unanimous({ apply: true })).body).toEqual({ count: 1, applied: true, contradicting: 1 });
    const gold = await reviewer.agent.get(`/api/documents/${doc.id}/gold`).expect(200);
    expect(gold.body.gold.map((g: { sentenceId: number; method: string }) => [g.sentenceId, g.method])).toEqual([[fine, 'unanimous']]);
    // Still there for the reviewer, and still left out by the next bulk accept.
    expect(await queue()).toEqual([{ sentenceId: contradicting, fields: ['contradiction'], annotators: 2, resolved: false }]);
    expect((await unanimous({ apply: false })).body).toEqual({ count: 0, applied: false, contradicting: 1 });
    expect((await unanimous({ apply: true })).body).toEqual({ count: 0, applied: true, contradicting: 1 });

    // Decided one by one: saving both takes the reviewer's word, as for any gold.
    const body = { status: 'claims', claims: [claim('support'), claim('condemn')], method: 'accepted', sourceAnnotators: [a.userId] };
    await reviewer.agent.put(`/api/sentences/${contradicting}/gold`).send(body).expect(400);
    await reviewer.agent
      .put(`/api/sentences/${contradicting}/gold`)
      .send({ ...body, allowContradictions: true })
      .expect(200);
    expect(await queue()).toEqual([]);
    expect((await unanimous({ apply: false })).body).toEqual({ count: 0, applied: false, contradicting: 0 });
  });

  it('queues a contradicting label saved before the queue listed contradictions once bulk accept leaves it out', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, 'Russia backed and condemned Israel.');
    const { a, b, reviewer } = await addTeam(ctx, project);
    const claim = (stance: string) => ({ speaker: { actorId: actors.Russia!.id }, stance, target: { actorId: actors.Israel!.id } });
    const id = doc.sentences[0]!.id;
    for (const who of [a, b]) {
      await who.agent
        .put(`/api/sentences/${id}/annotation`)
        .send({ status: 'claims', claims: [claim('support'), claim('condemn')] })
        .expect(200);
    }
    const path = `/api/projects/${project.id}/disagreements`;
    expect((await reviewer.agent.get(path).expect(200)).body.total).toBe(1);
    // The state an older version left: agreeing annotators had no queue row, and nothing marks them to compare again.
    sql(ctx.db, 'DELETE FROM sentence_disagreements WHERE sentence_id = ?').run(id);
    expect((await reviewer.agent.get(path).expect(200)).body.total).toBe(0);

    const applied = await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(200);
    expect(applied.body).toEqual({ count: 0, applied: true, contradicting: 1 });
    const queue = await reviewer.agent.get(path).expect(200);
    expect(queue.body.disagreements.map((d: { sentenceId: number; fields: string[] }) => [d.sentenceId, d.fields])).toEqual([[id, ['contradiction']]]);
    expect((await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: false }).expect(200)).body).toEqual({
      count: 0,
      applied: false,
      contradicting: 1,
    });
  });
});
