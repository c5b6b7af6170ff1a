// What makes two claims the same claim and two labels the same label, through every client-facing
// place that compares them: the disagreement queue, bulk accept, the export's unanimity, the
// agreement report (item 1); and how spans and registry actors are linked on save (item 2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import type { ExportRecord } from '../../shared/schemas/export.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportRecord);

const save = (agent: Agent, sentenceId: number, body: object) => agent.put(`/api/sentences/${sentenceId}/annotation`).send(body).expect(200);

describe('the same label: flags and skips', () => {
  const TEXT = 'China condemned Israel. China might back Israel. Russia blamed Israel in a garbled line. It rained.';

  /** Two annotators: a negated-only difference, a unanimous hypothetical claim, two skips with different reasons, two no-claims. */
  async function setup() {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, TEXT);
    const a = await signedIn(ctx, 'annotator', { project });
    const b = await signedIn(ctx, 'annotator', { project });
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const [s0, s1, s2, s3] = doc.sentences.map((s) => s.id) as [number, number, number, number];
    const claim = (stance: string, flags: object = {}) => ({ speaker: { actorId: actors.China!.id }, stance, target: { actorId: actors.Israel!.id }, ...flags });
    await save(a.agent, s0, { status: 'claims', claims: [claim('condemn')] });
    await save(b.agent, s0, { status: 'claims', claims: [claim('condemn', { negated: true })] });
    await save(a.agent, s1, { status: 'claims', claims: [claim('support', { hypothetical: true })] });
    await save(b.agent, s1, { status: 'claims', claims: [claim('support', { hypothetical: true })] });
    await save(a.agent, s2, { status: 'skipped', claims: [], note: 'garbled' });
    await save(b.agent, s2, { status: 'skipped', claims: [], note: 'not sure who blamed whom' });
    await save(a.agent, s3, { status: 'no_claim', claims: [] });
    await save(b.agent, s3, { status: 'no_claim', claims: [] });
    return { project, doc, reviewer, s: [s0, s1, s2, s3] as const };
  }

  it('puts annotators who differ only in a flag in the disagreement queue, filterable as "flags"', async () => {
    const { project, reviewer, s } = await setup();
    const queue = await reviewer.agent.get(`/api/projects/${project.id}/disagreements`).expect(200);
    expect(queue.body.disagreements.map((d: { sentenceId: number; fields: string[] }) => [d.sentenceId, d.fields])).toEqual([[s[0], ['flags']]]);
    const flags = await reviewer.agent.get(`/api/projects/${project.id}/disagreements?field=flags`).expect(200);
    expect(flags.body.disagreements.map((d: { sentenceId: number }) => d.sentenceId)).toEqual([s[0]]);
    const stance = await reviewer.agent.get(`/api/projects/${project.id}/disagreements?field=stance`).expect(200);
    expect(stance.body.total).toBe(0);
  });

  it('bulk accept takes neither a flag difference nor a unanimous skip, and keeps the flags of what it takes', async () => {
    const { project, reviewer, doc, s } = await setup();
    const dry = await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: false }).expect(200);
    expect(dry.body).toEqual({ count: 2, applied: false });
    await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(200);
    const gold = await reviewer.agent.get(`/api/documents/${doc.id}/gold`).expect(200);
    expect(gold.body.gold.map((g: { sentenceId: number }) => g.sentenceId)).toEqual([s[1], s[3]]);
    expect(gold.body.gold[0].claims[0]).toMatchObject({ stance: 'support', negated: false, hypothetical: true });
  });

  it('exports as unanimous what bulk accept and the queue call the same label: two skips yes, a flag difference no', async () => {
    const { project, reviewer } = await setup();
    const records = lines((await reviewer.agent.get(`/api/projects/${project.id}/export`).buffer(true)).text);
    expect(records.map((r) => r.agreement)).toEqual([
      { annotators: 2, unanimous: false },
      { annotators: 2, unanimous: true },
      { annotators: 2, unanimous: true },
      { annotators: 2, unanimous: true },
    ]);
  });

  it('reports α on each flag over the matched claims, with its units, per project and per document', async () => {
    const { project, reviewer, doc } = await setup();
    const report = (await reviewer.agent.get(`/api/projects/${project.id}/agreement`).expect(200)).body;
    // negated: units [0,1] (s0) and [0,0] (s1): D_o = 2/4, D_e = (16 − 10)/12 → α = 0.
    expect(report.project.negated).toEqual({ value: 0, units: 2 });
    // hypothetical: [0,0] and [1,1]: no disagreement at all.
    expect(report.project.hypothetical).toEqual({ value: 1, units: 2 });
    expect(report.documents).toEqual([
      expect.objectContaining({ documentId: doc.id, negated: report.project.negated, hypothetical: report.project.hypothetical }),
    ]);
  });
});
