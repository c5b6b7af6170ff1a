// What makes two claims the same claim and two labels the same label, through every client-facing
// place that compares them: the disagreement queue, bulk accept, the export's unanimity, the
// agreement report (item 1); and how spans and registry actors are linked on save (item 2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { ExportRecord } from '../../shared/schemas/export.ts';
import { Actor } from '../../shared/schemas/actors.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => ExportRecord.parse(JSON.parse(line)));

const save = (agent: Agent, sentenceId: number, body: object) => agent.put(`/api/sentences/${sentenceId}/annotation`).send(body).expect(200);

describe('the same label: flags and skips', () => {
  const TEXT = 'China condemned Israel. China might back Israel. Russia blamed Israel in a garbled line. It rained.';

  /** Two annotators: a negated-only difference, a unanimous hypothetical claim, two skips with different reasons, two no-claims. */
  async function setup() {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, TEXT);
    const { a, b, reviewer } = await addTeam(ctx, project);
    const [s0, s1, s2, s3] = doc.sentences.map((s) => s.id) as [number, number, number, number];
    const claim = (stance: string, flags: object = {}) => ({
      speaker: { actorId: actors.China!.id },
      stance,
      target: { actorId: actors.Israel!.id },
      ...flags,
    });
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
    expect(dry.body).toEqual({ count: 2, applied: false, contradicting: 0 });
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

describe('linking spans and registry actors on save', () => {
  const TEXT = 'China condemned Israel. Beijing and Moscow backed the CHN line. The Chinese embassy in Israel urged the U.S. to help.';
  const at = (words: string, from = 0) => ({ start: TEXT.indexOf(words, from), end: TEXT.indexOf(words, from) + words.length });

  async function setup(text = TEXT) {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    await admin.agent
      .patch(`/api/actors/${actors.China!.id}`)
      .send({ aliases: ['Beijing'] })
      .expect(200);
    const us = await admin.agent
      .post(`/api/projects/${project.id}/actors`)
      .send({ name: 'United States', kind: 'state', code: 'USA', aliases: ['U.S.'] })
      .expect(201);
    const doc = await importDocument(admin.agent, project.id, text);
    const { a, b, reviewer } = await addTeam(ctx, project);
    const all: Record<string, { id: number }> = { ...actors, US: Actor.parse(us.body) };
    return { project, actors: all, doc, a, b, reviewer, s: doc.sentences.map((s) => s.id) };
  }

  it('gives a span that names an actor by name, alias or code that actor, and a picked actor the span where the sentence names it', async () => {
    const { actors, a, s } = await setup();
    const saved = await save(a.agent, s[0]!, {
      status: 'claims',
      claims: [{ speaker: { span: at('China') }, stance: 'condemn', target: { actorId: actors.Israel!.id } }],
    });
    expect(saved.body.claims[0].speaker).toEqual({ actorId: actors.China!.id, span: at('China') });
    expect(saved.body.claims[0].target).toEqual({ actorId: actors.Israel!.id, span: at('Israel') });

    const alias = await save(a.agent, s[1]!, {
      status: 'claims',
      claims: [{ speaker: { span: at('Beijing') }, stance: 'support', target: { span: at('the CHN') } }],
    });
    expect(alias.body.claims[0].speaker.actorId).toBe(actors.China!.id);
    expect(alias.body.claims[0].target.actorId).toBe(actors.China!.id);
  });

  it('links nothing when a span only contains a name, and leaves a ref with both sides as the client sent it', async () => {
    const { actors, a, s } = await setup();
    const saved = await save(a.agent, s[2]!, {
      status: 'claims',
      claims: [
        { speaker: { span: at('The Chinese embassy in Israel') }, stance: 'mediate', target: { span: at('the U.S.') } },
        { speaker: { span: at('Beijing and Moscow') }, stance: 'support', target: { actorId: actors.Russia!.id, span: at('Israel', 30) } },
      ],
    });
    expect(saved.body.claims[0].speaker.actorId).toBeNull();
    expect(saved.body.claims[0].target).toEqual({ actorId: actors.US!.id, span: at('the U.S.') });
    expect(saved.body.claims[1].speaker.actorId).toBeNull();
    expect(saved.body.claims[1].target).toEqual({ actorId: actors.Russia!.id, span: at('Israel', 30) });
  });

  it('exports the actor of a marked span (it was actor: null), and the audit event records the linked claim', async () => {
    const { a, s, reviewer, project, actors } = await setup();
    await save(a.agent, s[0]!, { status: 'claims', claims: [{ speaker: { span: at('China') }, stance: 'condemn', target: { span: at('Israel') } }] });
    const [record] = lines((await reviewer.agent.get(`/api/projects/${project.id}/export`).buffer(true)).text);
    expect(record!.annotations[0]!.claims[0]).toMatchObject({
      speaker: { actor: { id: actors.China!.id, name: 'China' }, text: 'China' },
      target: { actor: { id: actors.Israel!.id, name: 'Israel' }, text: 'Israel' },
    });
    const history = await reviewer.agent.get(`/api/sentences/${s[0]}/history`).expect(200);
    expect(history.body.events.at(-1).after.claims[0].speaker.actorId).toBe(actors.China!.id);
  });

  it('makes a marked span and a picked actor of the same actor one claim: no disagreement, unanimous, and gold links too', async () => {
    const { a, b, s, reviewer, project, actors } = await setup();
    await save(a.agent, s[0]!, { status: 'claims', claims: [{ speaker: { span: at('China') }, stance: 'condemn', target: { span: at('Israel') } }] });
    await save(b.agent, s[0]!, {
      status: 'claims',
      claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }],
    });
    const queue = await reviewer.agent.get(`/api/projects/${project.id}/disagreements`).expect(200);
    expect(queue.body.total).toBe(0);
    const dry = await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: false }).expect(200);
    expect(dry.body.count).toBe(1);

    const gold = await reviewer.agent
      .put(`/api/sentences/${s[1]}/gold`)
      .send({ status: 'claims', claims: [{ speaker: { actorId: actors.Russia!.id }, stance: 'support', target: { span: at('Beijing') } }], method: 'edited' })
      .expect(200);
    expect(gold.body.claims[0].speaker).toEqual({ actorId: actors.Russia!.id, span: null });
    expect(gold.body.claims[0].target).toEqual({ actorId: actors.China!.id, span: at('Beijing') });
  });

  it('gives speaker and target different mentions when they name one actor, and reads offsets right after an emoji', async () => {
    const text = '🇨🇳 China said China would never condemn itself.';
    const { a, s, actors } = await setup(text);
    const saved = await save(a.agent, s[0]!, {
      status: 'claims',
      claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.China!.id } }],
    });
    const first = text.indexOf('China');
    const second = text.indexOf('China', first + 1);
    expect(saved.body.claims[0].speaker.span).toEqual({ start: first, end: first + 5 });
    expect(saved.body.claims[0].target.span).toEqual({ start: second, end: second + 5 });
    const marked = await save(a.agent, s[0]!, {
      status: 'claims',
      claims: [{ speaker: { span: { start: second, end: second + 5 } }, stance: 'condemn', target: { actorId: actors.China!.id } }],
      baseVersion: 1,
    });
    expect(marked.body.claims[0].speaker.actorId).toBe(actors.China!.id);
  });
  it('reads a name in its context, longest first, and sees an actor added or renamed a moment ago', async () => {
    const text = 'The Israel Defense Forces said Israel would respond. Hamas fired rockets.';
    const { project, actors, a, s } = await setup(text);
    const at2 = (words: string, from = 0) => ({ start: text.indexOf(words, from), end: text.indexOf(words, from) + words.length });
    const admin = await signedIn(ctx, 'admin');
    const idf = await admin.agent
      .post(`/api/projects/${project.id}/actors`)
      .send({ name: 'Israel Defense Forces', kind: 'organization', code: 'IDF' })
      .expect(201);
    // "Israel" inside "Israel Defense Forces" is not a mention of Israel; a picked Israel gets its own word.
    const saved = await save(a.agent, s[0]!, {
      status: 'claims',
      claims: [{ speaker: { span: at2('Israel') }, stance: 'condemn', target: { actorId: actors.Israel!.id } }],
    });
    expect(saved.body.claims[0].speaker).toEqual({ actorId: null, span: at2('Israel') });
    expect(saved.body.claims[0].target).toEqual({ actorId: actors.Israel!.id, span: at2('Israel', 10) });
    const whole = await save(a.agent, s[0]!, {
      status: 'claims',
      claims: [{ speaker: { span: at2('The Israel Defense Forces') }, stance: 'condemn', target: { actorId: actors.Israel!.id } }],
      baseVersion: 1,
    });
    expect(whole.body.claims[0].speaker.actorId).toBe(Actor.parse(idf.body).id);

    // Hamas is not in the registry yet: no link. Once an admin adds it, the next save links it.
    const hamas = { status: 'claims', claims: [{ speaker: { span: at2('Hamas') }, stance: 'condemn', target: { actorId: actors.Israel!.id } }] };
    expect((await save(a.agent, s[1]!, hamas)).body.claims[0].speaker.actorId).toBeNull();
    const added = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Hamas', kind: 'group' }).expect(201);
    expect((await save(a.agent, s[1]!, { ...hamas, baseVersion: 1 })).body.claims[0].speaker.actorId).toBe(Actor.parse(added.body).id);
  });
});
