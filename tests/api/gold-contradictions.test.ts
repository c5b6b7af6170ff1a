// Gold that says one speaker both supports and condemns one target is refused unless the reviewer
// says they mean it (allowContradictions); the same claims with a flag apart are not a contradiction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

async function setup() {
  const { project, actors } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin');
  const doc = await importDocument(admin.agent, project.id, 'Russia backed Israel. China spoke.');
  const { a, b, reviewer } = await addTeam(ctx, project);
  const claim = (stance: string, flags: { negated?: boolean; hypothetical?: boolean } = {}) => ({
    speaker: { actorId: actors.Russia!.id },
    stance,
    target: { actorId: actors.Israel!.id },
    ...flags,
  });
  const sentenceId = doc.sentences[0]!.id;
  await a.agent
    .put(`/api/sentences/${sentenceId}/annotation`)
    .send({ status: 'claims', claims: [claim('support')] })
    .expect(200);
  await b.agent
    .put(`/api/sentences/${sentenceId}/annotation`)
    .send({ status: 'claims', claims: [claim('condemn')] })
    .expect(200);
  return { doc, a, b, reviewer, claim, sentenceId };
}

describe('contradicting gold claims', () => {
  it('refuses a merge holding the same speaker and target with two stances, naming both claims; nothing is saved', async () => {
    const { doc, a, b, reviewer, claim, sentenceId } = await setup();
    const body = { status: 'claims', claims: [claim('support'), claim('condemn')], method: 'merged', sourceAnnotators: [a.userId, b.userId] };
    const refused = await reviewer.agent.put(`/api/sentences/${sentenceId}/gold`).send(body).expect(400);
    expect(refused.body.error.code).toBe('validation_error');
    expect(refused.body.error.message).toMatch(/claims 1 and 2 .*same speaker and target.*support.*condemn/);
    expect(refused.body.error.issues).toEqual([{ path: 'claims.1.stance', message: expect.stringMatching(/contradicts claim 1/) }]);
    const gold = await reviewer.agent.get(`/api/documents/${doc.id}/gold`).expect(200);
    expect(gold.body.gold).toEqual([]);

    const saved = await reviewer.agent
      .put(`/api/sentences/${sentenceId}/gold`)
      .send({ ...body, allowContradictions: true })
      .expect(200);
    expect(saved.body).toMatchObject({ method: 'merged', claims: [{ stance: 'support' }, { stance: 'condemn' }] });
  });

  it('refuses an accepted or edited label the same way, and lets claims a flag apart through', async () => {
    const { a, reviewer, claim, sentenceId } = await setup();
    await reviewer.agent
      .put(`/api/sentences/${sentenceId}/gold`)
      .send({ status: 'claims', claims: [claim('condemn'), claim('support')], method: 'edited', sourceAnnotators: [] })
      .expect(400);
    // "Russia would support Israel" beside "Russia condemns Israel": two different assertions.
    await reviewer.agent
      .put(`/api/sentences/${sentenceId}/gold`)
      .send({ status: 'claims', claims: [claim('condemn'), claim('support', { hypothetical: true })], method: 'edited', sourceAnnotators: [] })
      .expect(200);
    await reviewer.agent
      .put(`/api/sentences/${sentenceId}/gold`)
      .send({ status: 'claims', claims: [claim('support'), claim('support')], method: 'accepted', sourceAnnotators: [a.userId] })
      .expect(200);
  });
});
