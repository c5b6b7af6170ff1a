// The unanimous count (issue 15) comes from maintained state (migration 0016), not from every label
// of the project: after every kind of change it must still be what a computation over all labels
// gives — here one kept by the test itself from what it sent, with the one definition of "the
// same label" (shared/claimMatching.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { isUnanimous, type LabelLike } from '../../shared/claimMatching.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

type Agent = Awaited<ReturnType<typeof signedIn>>['agent'];

describe('the unanimous count', () => {
  it('stays what every label gives after relabels, a skip, gold, boilerplate and a label taken back; applying accepts exactly those', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const one = await importDocument(admin.agent, project.id, 'China condemned Israel. China backed Israel. Russia blamed Israel. It rained.');
    const two = await importDocument(admin.agent, project.id, { title: 'Second', text: 'Israel replied. Russia waited. China spoke.' });
    const [a, b, c] = [
      await signedIn(ctx, 'annotator', { project }),
      await signedIn(ctx, 'annotator', { project }),
      await signedIn(ctx, 'annotator', { project }),
    ];
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const sentences = [...one.sentences, ...two.sentences].map((s) => ({ id: s.id, documentId: s.id <= one.sentences.at(-1)!.id ? one.id : two.id }));

    // What the test sent: every label (sentence → annotator → label, with its version), gold, boilerplate.
    const labels = new Map<number, Map<number, LabelLike & { version: number }>>();
    const gold = new Set<number>();
    const boilerplate = new Set<number>();
    const claim = (speaker: string, stance: string, negated = false) => ({
      speaker: { actorId: actors[speaker]!.id },
      stance,
      target: { actorId: actors.Israel!.id },
      negated,
    });
    const save = async (
      who: { agent: Agent; userId: number },
      index: number,
      status: 'claims' | 'no_claim' | 'skipped',
      claims: ReturnType<typeof claim>[] = [],
    ) => {
      const id = sentences[index]!.id;
      const mine = labels.get(id)?.get(who.userId);
      const res = await who.agent
        .put(`/api/sentences/${id}/annotation`)
        .send({ status, claims, ...(status === 'skipped' ? { note: 'unclear' } : {}), ...(mine ? { baseVersion: mine.version } : {}) })
        .expect(200);
      const compared = claims.map((c) => ({ ...c, speaker: { ...c.speaker, span: null }, target: { ...c.target, span: null }, hypothetical: false }));
      if (!labels.has(id)) labels.set(id, new Map());
      labels.get(id)!.set(who.userId, { status, claims: compared, version: res.body.version as number });
    };
    const takeBack = async (who: { agent: Agent; userId: number }, index: number) => {
      const id = sentences[index]!.id;
      await who.agent.delete(`/api/sentences/${id}/annotation?baseVersion=${labels.get(id)!.get(who.userId)!.version}`).expect(200);
      labels.get(id)!.delete(who.userId);
    };
    const expected = (documentId?: number) =>
      sentences.filter((s) => {
        if ((documentId !== undefined && s.documentId !== documentId) || gold.has(s.id) || boilerplate.has(s.id)) return false;
        const given = [...(labels.get(s.id)?.values() ?? [])];
        return isUnanimous(given) && given[0]!.status !== 'skipped';
      }).length;
    const count = async (documentId?: number) =>
      (
        await reviewer.agent
          .post(`/api/projects/${project.id}/gold/unanimous`)
          .send({ apply: false, ...(documentId ? { documentId } : {}) })
          .expect(200)
      ).body.count as number;
    // Counted twice: with the changed sentences compared in the count itself, then after the
    // disagreement queue's read has brought the maintained state up to date.
    const expectCounted = async (when: string) => {
      const want = { when, project: expected(), one: expected(one.id), two: expected(two.id) };
      expect({ when, project: await count(), one: await count(one.id), two: await count(two.id) }).toEqual(want);
      await reviewer.agent.get(`/api/projects/${project.id}/disagreements`).expect(200);
      expect({ when, project: await count(), one: await count(one.id), two: await count(two.id) }).toEqual(want);
    };

    await expectCounted('before any label');
    await save(a, 0, 'claims', [claim('China', 'condemn')]);
    await expectCounted('one annotator is not unanimous');
    await save(b, 0, 'claims', [claim('China', 'condemn')]);
    await save(a, 1, 'claims', [claim('China', 'condemn')]);
    await save(b, 1, 'claims', [claim('China', 'support')]);
    await save(a, 2, 'no_claim');
    await save(b, 2, 'no_claim');
    await save(c, 2, 'no_claim');
    await save(a, 3, 'skipped');
    await save(b, 3, 'skipped');
    await save(a, 4, 'no_claim');
    await save(b, 4, 'no_claim');
    await save(a, 5, 'claims', [claim('Russia', 'condemn')]);
    await save(b, 5, 'claims', [claim('Russia', 'condemn', true)]);
    await expectCounted('after first labels (a unanimous skip, a flag apart)');
    expect(expected()).toBe(3);

    // Relabels both ways: an agreement broken, a dispute settled.
    await save(b, 0, 'claims', [claim('China', 'support')]);
    await save(b, 1, 'claims', [claim('China', 'condemn')]);
    await save(b, 5, 'claims', [claim('Russia', 'condemn')]);
    await expectCounted('after relabels');
    // A skip breaks a unanimous sentence; a third annotator who agrees keeps one.
    await save(c, 4, 'skipped');
    await save(c, 1, 'claims', [claim('China', 'condemn')]);
    await expectCounted('after a skip and a third annotator');
    // Taking a label back: the skip (unanimous again) and one of three (still unanimous) and one of two (no longer).
    await takeBack(c, 4);
    await takeBack(c, 2);
    await takeBack(a, 5);
    await expectCounted('after labels taken back');

    // Gold by hand leaves the count; boilerplate leaves it and comes back.
    await reviewer.agent.put(`/api/sentences/${sentences[4]!.id}/gold`).send({ status: 'no_claim', claims: [], method: 'accepted' }).expect(200);
    gold.add(sentences[4]!.id);
    await admin.agent.patch(`/api/sentences/${sentences[2]!.id}`).send({ boilerplate: true }).expect(200);
    boilerplate.add(sentences[2]!.id);
    await expectCounted('after gold and boilerplate');
    await admin.agent.patch(`/api/sentences/${sentences[2]!.id}`).send({ boilerplate: false }).expect(200);
    boilerplate.delete(sentences[2]!.id);
    await expectCounted('after boilerplate unmarked');

    // Applying accepts exactly the counted sentences, one document at a time, then the rest.
    const countable = (s: { id: number }) => {
      const given = [...(labels.get(s.id)?.values() ?? [])];
      return !gold.has(s.id) && !boilerplate.has(s.id) && isUnanimous(given) && given[0]!.status !== 'skipped';
    };
    const accepted = sentences.filter((s) => s.documentId === one.id && countable(s));
    const applied = await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true, documentId: one.id }).expect(200);
    expect(applied.body).toEqual({ count: accepted.length, applied: true, contradicting: 0 });
    for (const s of accepted) gold.add(s.id);
    await expectCounted('after applying to one document');
    const rest = expected();
    const all = await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(200);
    expect(all.body).toEqual({ count: rest, applied: true, contradicting: 0 });
    const golds = await reviewer.agent.get(`/api/documents/${one.id}/gold`).expect(200);
    expect(golds.body.gold.map((g: { sentenceId: number; method: string }) => g.sentenceId).sort()).toEqual(
      sentences
        .filter((s) => s.documentId === one.id)
        .filter((s) => gold.has(s.id))
        .map((s) => s.id)
        .sort(),
    );
    expect(await count()).toBe(0);
  });
});
