import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const TEXT = 'China condemned Israel. China backed Israel. Russia blamed Israel. It rained.';

/** Two annotators label four sentences: one unanimous claim, a stance conflict, a status conflict, a unanimous no-claim. */
async function setup() {
  const { project, actors } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin');
  const doc = await importDocument(admin.agent, project.id, TEXT);
  const { a, b, reviewer } = await addTeam(ctx, project);
  const [s0, s1, s2, s3] = doc.sentences.map((s) => s.id);
  const claim = (speaker: string, stance: string) => ({ speaker: { actorId: actors[speaker]!.id }, stance, target: { actorId: actors.Israel!.id } });
  const save = (agent: typeof a.agent, id: number, body: object) => agent.put(`/api/sentences/${id}/annotation`).send(body).expect(200);
  await save(a.agent, s0!, { status: 'claims', claims: [claim('China', 'condemn')] });
  await save(b.agent, s0!, { status: 'claims', claims: [claim('China', 'condemn')] });
  await save(a.agent, s1!, { status: 'claims', claims: [claim('China', 'condemn')] });
  await save(b.agent, s1!, { status: 'claims', claims: [claim('China', 'support')] });
  await save(a.agent, s2!, { status: 'claims', claims: [claim('Russia', 'condemn')] });
  await save(b.agent, s2!, { status: 'no_claim', claims: [] });
  await save(a.agent, s3!, { status: 'no_claim', claims: [] });
  await save(b.agent, s3!, { status: 'no_claim', claims: [] });
  return { project, actors, doc, a, b, reviewer, admin, s: [s0!, s1!, s2!, s3!], claim };
}

describe('disagreements and adjudication', () => {
  it('lists the sentences whose annotators differ, most disputed first, filterable by field and document', async () => {
    const { project, doc, reviewer, s } = await setup();
    const res = await reviewer.agent.get(`/api/projects/${project.id}/disagreements`).expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.disagreements.map((d: { sentenceId: number }) => d.sentenceId)).toEqual([s[2], s[1]]);
    expect(res.body.disagreements[0]).toMatchObject({ fields: ['status', 'speaker', 'target'], dispute: 0.5, annotators: 2, text: 'Russia blamed Israel.' });
    expect(res.body.disagreements[1]).toMatchObject({ fields: ['stance'], documentId: doc.id, documentTitle: 'Sample' });

    const stance = await reviewer.agent.get(`/api/projects/${project.id}/disagreements?field=stance`).expect(200);
    expect(stance.body.disagreements.map((d: { sentenceId: number }) => d.sentenceId)).toEqual([s[1]]);
    const byDoc = await reviewer.agent.get(`/api/projects/${project.id}/disagreements?documentId=${doc.id}`).expect(200);
    expect(byDoc.body.total).toBe(2);
    await reviewer.agent.get(`/api/projects/${project.id}/disagreements?field=colour`).expect(400);
  });

  it('saves gold with its method, sources and rationale, audited; resolved sentences leave the queue', async () => {
    const { project, a, reviewer, s, claim, doc } = await setup();
    const gold = await reviewer.agent
      .put(`/api/sentences/${s[1]}/gold`)
      .send({ status: 'claims', claims: [claim('China', 'condemn')], method: 'accepted', sourceAnnotators: [a.userId], rationale: 'Backed is sarcastic here.' })
      .expect(200);
    expect(gold.body).toMatchObject({
      method: 'accepted',
      sourceAnnotators: [a.userId],
      reviewerId: reviewer.userId,
      version: 1,
      rationale: 'Backed is sarcastic here.',
    });
    const queue = await reviewer.agent.get(`/api/projects/${project.id}/disagreements`).expect(200);
    expect(queue.body.disagreements.map((d: { sentenceId: number }) => d.sentenceId)).toEqual([s[2]]);
    const withResolved = await reviewer.agent.get(`/api/projects/${project.id}/disagreements?resolved=1`).expect(200);
    expect(withResolved.body.total).toBe(2);

    const stale = await reviewer.agent
      .put(`/api/sentences/${s[1]}/gold`)
      .send({ status: 'no_claim', claims: [], method: 'edited', baseVersion: 0 })
      .expect(409);
    expect(stale.body.error.current).toMatchObject({ version: 1 });
    const list = await reviewer.agent.get(`/api/documents/${doc.id}/gold`).expect(200);
    expect(list.body.gold).toHaveLength(1);
    const history = await reviewer.agent.get(`/api/sentences/${s[1]}/history`).expect(200);
    expect(history.body.events.at(-1)).toMatchObject({ entity: 'gold', action: 'create' });
  });

  it('rejects bad gold: unknown stance, actors of another project, a source who did not label, unanimous by hand', async () => {
    const { reviewer, s, claim } = await setup();
    const { actors: otherActors } = makeProject(ctx);
    const url = `/api/sentences/${s[1]}/gold`;
    const cases: [object, string][] = [
      [{ status: 'claims', claims: [{ ...claim('China', 'condemn'), stance: 'praise' }], method: 'edited' }, 'claims.0.stance'],
      [
        { status: 'claims', claims: [{ ...claim('China', 'condemn'), target: { actorId: otherActors.China!.id } }], method: 'edited' },
        'claims.0.target.actorId',
      ],
      [{ status: 'no_claim', claims: [], method: 'accepted', sourceAnnotators: [reviewer.userId] }, 'sourceAnnotators'],
      [{ status: 'no_claim', claims: [], method: 'unanimous' }, 'method'],
      [{ status: 'claims', claims: [], method: 'edited' }, 'claims'],
    ];
    for (const [body, path] of cases) {
      const res = await reviewer.agent.put(url).send(body).expect(400);
      expect(
        res.body.error.issues.map((i: { path: string }) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
  });

  it('counts, then accepts, every unanimous sentence as gold', async () => {
    const { project, reviewer, doc } = await setup();
    const dry = await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: false }).expect(200);
    expect(dry.body).toEqual({ count: 2, applied: false, contradicting: 0 });
    const list0 = await reviewer.agent.get(`/api/documents/${doc.id}/gold`).expect(200);
    expect(list0.body.gold).toEqual([]);
    const done = await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(200);
    expect(done.body).toEqual({ count: 2, applied: true, contradicting: 0 });
    const list = await reviewer.agent.get(`/api/documents/${doc.id}/gold`).expect(200);
    expect(list.body.gold.map((g: { method: string; status: string }) => `${g.method}:${g.status}`)).toEqual(['unanimous:claims', 'unanimous:no_claim']);
    const again = await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: false }).expect(200);
    expect(again.body.count).toBe(0);
  });

  it('keeps annotators out of agreement, disagreements and gold (blind)', async () => {
    const { project, a, s, doc } = await setup();
    await a.agent.get(`/api/projects/${project.id}/agreement`).expect(403);
    await a.agent.get(`/api/projects/${project.id}/disagreements`).expect(403);
    await a.agent.get(`/api/documents/${doc.id}/gold`).expect(403);
    await a.agent.put(`/api/sentences/${s[1]}/gold`).send({ status: 'no_claim', claims: [], method: 'edited' }).expect(403);
    await a.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(403);
  });
});

describe('agreement report', () => {
  it('reports α per field, pairwise κ and F1, each annotator against gold and a stance confusion matrix, with unit counts', async () => {
    const { project, reviewer, a, b, s, claim, doc } = await setup();
    await reviewer.agent
      .put(`/api/sentences/${s[1]}/gold`)
      .send({ status: 'claims', claims: [claim('China', 'condemn')], method: 'accepted', sourceAnnotators: [a.userId] })
      .expect(200);
    await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(200);
    const res = await reviewer.agent.get(`/api/projects/${project.id}/agreement`).expect(200);
    const report = res.body;
    expect(report.project.sentences).toBe(4);
    expect(report.project.annotators).toBe(2);
    // has-claim: units [1,1] [1,1] [1,0] [0,0] → α = 1 − (2/8) / (30/56) = 0.5333.
    expect(report.project.hasClaim.units).toBe(4);
    expect(report.project.hasClaim.value).toBeCloseTo(0.5333, 3);
    // stance on matched claims: [condemn,condemn] and [condemn,support]; the Russia claim has no partner.
    expect(report.project.stance.units).toBe(2);
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0].kappa.units).toBe(4);
    // exact triples: s0 shared; s1 differs; s2 one-sided → F1 = 2·1 / (3 + 2) = 0.4.
    expect(report.pairs[0].f1.value).toBeCloseTo(0.4, 5);
    const vs = Object.fromEntries(report.vsGold.map((g: { annotator: { id: number }; f1: { value: number } }) => [g.annotator.id, g.f1.value]));
    expect(vs[a.userId]).toBe(1);
    expect(vs[b.userId]).toBeCloseTo(0.5, 5);
    expect(report.confusion.labels).toEqual(['condemn', 'support', 'mediate']);
    expect(report.confusion.counts[0][0]).toBe(1);
    expect(report.confusion.counts[0][1]).toBe(1);
    expect(report.confusion.counts[1][0]).toBe(1);
    expect(report.confusion.units).toBe(2);
    expect(report.documents).toEqual([expect.objectContaining({ documentId: doc.id, sentences: 4, hasClaim: report.project.hasClaim })]);
  });

  it('states null rather than a number when nothing is pairable', async () => {
    const { project } = makeProject(ctx);
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const res = await reviewer.agent.get(`/api/projects/${project.id}/agreement`).expect(200);
    expect(res.body.project.hasClaim).toEqual({ value: null, units: 0 });
    expect(res.body.pairs).toEqual([]);
  });
});
