import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { auditLog, eventCount as countEvents } from '../support/inspect.ts';
import { Annotation, AnnotationList } from '../../shared/schemas/annotations.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

async function setup() {
  const { project, actors } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin');
  const doc = await importDocument(admin.agent, project.id);
  const annotator = await signedIn(ctx, 'annotator', { project });
  const china = actors.China!.id;
  const israel = actors.Israel!.id;
  const claim = { speaker: { actorId: china }, stance: 'condemn', target: { actorId: israel } };
  return { project, actors, admin, doc, annotator, china, israel, claim };
}

const eventCount = (c: TestContext) => countEvents(c.db);

describe('annotations', () => {
  it('saves a claim and reads it back, with a version', async () => {
    const { doc, annotator, claim, china, israel } = await setup();
    const sentence = doc.sentences[0]!;
    const saved = await annotator.agent
      .put(`/api/sentences/${sentence.id}/annotation`)
      .send({ status: 'claims', claims: [claim], baseVersion: 0 })
      .expect(200);
    expect(saved.body).toMatchObject({ sentenceId: sentence.id, annotatorId: annotator.userId, status: 'claims', version: 1 });
    expect(saved.body.claims[0]).toMatchObject({
      speaker: { actorId: china, span: null },
      stance: 'condemn',
      // The picked actor gets the span where its sentence names it ("Israel’s actions"); China is not named there.
      target: { actorId: israel, span: { start: 24, end: 30 } },
      negated: false,
      origin: 'manual',
    });
    expect(doc.text.slice(24, 30)).toBe('Israel');
    const read = await annotator.agent.get(`/api/documents/${doc.id}/annotations?annotator=me`).expect(200);
    expect(read.body.annotations).toEqual([saved.body]);
  });

  it('keeps claim ids across saves, bumps the version and answers 409 to a stale version', async () => {
    const { doc, annotator, claim } = await setup();
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    const first = await annotator.agent
      .put(url)
      .send({ status: 'claims', claims: [claim], baseVersion: 0 })
      .expect(200);
    const id = first.body.claims[0].id;
    const second = await annotator.agent
      .put(url)
      .send({ status: 'claims', claims: [{ ...claim, id, stance: 'support' }], baseVersion: 1 })
      .expect(200);
    expect(second.body.version).toBe(2);
    expect(second.body.claims[0]).toMatchObject({ id, stance: 'support' });

    const before = eventCount(ctx);
    const stale = await annotator.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 1 }).expect(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.current).toMatchObject({ version: 2, status: 'claims' });
    expect(eventCount(ctx)).toBe(before);
    const read = await annotator.agent.get(`/api/documents/${doc.id}/annotations`).expect(200);
    expect(read.body.annotations[0]).toMatchObject({ version: 2, status: 'claims' });
  });

  it('accepts spans anywhere in the document, also in another sentence', async () => {
    const { doc, annotator, israel } = await setup();
    // "He urged all parties…": the speaker is "Mr. Wang" in the previous sentence.
    const speakerStart = doc.text.indexOf('Mr. Wang');
    const res = await annotator.agent
      .put(`/api/sentences/${doc.sentences[3]!.id}/annotation`)
      .send({
        status: 'claims',
        claims: [{ speaker: { span: { start: speakerStart, end: speakerStart + 8 } }, stance: 'mediate', target: { actorId: israel } }],
      })
      .expect(200);
    expect(res.body.claims[0].speaker).toEqual({ actorId: null, span: { start: speakerStart, end: speakerStart + 8 } });
  });

  it('rejects bad labels with the path of the problem and writes nothing', async () => {
    const { doc, annotator, claim, project } = await setup();
    const { actors: otherActors } = makeProject(ctx);
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    const before = eventCount(ctx);
    const cases: [unknown, string, RegExp][] = [
      [{ status: 'claims', claims: [{ ...claim, stance: 'praise' }] }, 'claims.0.stance', /not a stance of this project/],
      [{ status: 'claims', claims: [{ ...claim, target: { actorId: otherActors.China!.id } }] }, 'claims.0.target.actorId', /not an actor of this project/],
      [{ status: 'claims', claims: [{ ...claim, speaker: { span: { start: 0, end: 99_999 } } }] }, 'claims.0.speaker.span', /outside the document/],
      [{ status: 'claims', claims: [{ ...claim, speaker: {} }] }, 'claims.0.speaker', /actorId or a span/],
      [{ status: 'claims', claims: [{ ...claim, speaker: { span: { start: 5, end: 2 } } }] }, 'claims.0.speaker.span', /end must be greater/],
      [{ status: 'claims', claims: [] }, 'claims', /at least one claim/],
      [{ status: 'no_claim', claims: [claim] }, 'claims', /must not carry claims/],
      [{ status: 'skipped', claims: [] }, 'note', /reason/],
      [{ status: 'done', claims: [] }, 'status', /.+/],
      [{ status: 'claims', claims: [{ ...claim, colour: 'red' }] }, 'claims.0', /unrecognized/i],
      [{ status: 'claims', claims: 'all of them' }, 'claims', /.+/],
      [{ status: 'claims', claims: [{ ...claim, id: 123456 }] }, 'claims.0.id', /not a claim of this label/],
    ];
    for (const [body, path, pattern] of cases) {
      const res = await annotator.agent.put(url).send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
      const issue = res.body.error.issues.find((i: { path: string }) => i.path === path);
      expect(issue, `${JSON.stringify(body)} → ${JSON.stringify(res.body.error.issues)}`).toBeTruthy();
      expect(issue.message).toMatch(pattern);
    }
    expect(eventCount(ctx)).toBe(before);
    const read = await annotator.agent.get(`/api/documents/${doc.id}/annotations`).expect(200);
    expect(read.body.annotations).toEqual([]);
    await annotator.agent.put('/api/sentences/999999/annotation').send({ status: 'no_claim', claims: [] }).expect(404);
    expect(project.id).toBeGreaterThan(0);
  });

  it('is blind: an annotator reads only their own labels; a reviewer reads everyone’s', async () => {
    const { project, doc, annotator, claim } = await setup();
    const other = await signedIn(ctx, 'annotator', { project });
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    await annotator.agent
      .put(url)
      .send({ status: 'claims', claims: [claim] })
      .expect(200);
    await other.agent.put(url).send({ status: 'no_claim', claims: [] }).expect(200);

    const mine = await other.agent.get(`/api/documents/${doc.id}/annotations`).expect(200);
    expect(mine.body.annotations.map((a: { annotatorId: number }) => a.annotatorId)).toEqual([other.userId]);
    await other.agent.get(`/api/documents/${doc.id}/annotations?annotator=${annotator.userId}`).expect(403);

    const all = await reviewer.agent.get(`/api/documents/${doc.id}/annotations`).expect(200);
    expect(all.body.annotations).toHaveLength(2);
    const one = await reviewer.agent.get(`/api/documents/${doc.id}/annotations?annotator=${annotator.userId}`).expect(200);
    expect(one.body.annotations).toHaveLength(1);
  });

  it("gives new claims ids that do not count others' claims (blind), and keeps them across saves", async () => {
    const { project, doc, annotator, claim } = await setup();
    const other = await signedIn(ctx, 'annotator', { project });
    const [s0, s1, s2] = doc.sentences.map((s) => s.id);
    const save = async (agent: typeof other.agent, sentenceId: number, claims: object[]) =>
      Annotation.parse((await agent.put(`/api/sentences/${sentenceId}/annotation`).send({ status: 'claims', claims }).expect(200)).body).claims;
    // Between two of my claims the other annotator saves k claims; sequential ids would differ by k + 1.
    const mine = [await save(annotator.agent, s0!, [claim])];
    for (const [k, sentenceId] of [
      [3, s0!],
      [5, s1!],
    ] as const) {
      await save(
        other.agent,
        sentenceId,
        Array.from({ length: k }, () => claim),
      );
      mine.push(await save(annotator.agent, sentenceId === s0 ? s1! : s2!, [claim]));
    }
    const ids = mine.map((claims) => claims[0]!.id);
    expect(ids.every((id) => Number.isSafeInteger(id) && id > 0)).toBe(true);
    expect(Math.abs(ids[1]! - ids[0]!)).not.toBe(4);
    expect(Math.abs(ids[2]! - ids[1]!)).not.toBe(6);

    // The ids still identify claims: sent back, a claim keeps its id; a new one beside it gets another.
    const kept = await save(annotator.agent, s0!, [{ ...claim, id: ids[0] }, claim]);
    expect(kept[0]!.id).toBe(ids[0]);
    expect(kept[1]!.id).not.toBe(ids[0]);
    const read = await annotator.agent.get(`/api/documents/${doc.id}/annotations`).expect(200);
    expect(read.body.annotations[0].claims.map((c: { id: number }) => c.id)).toEqual(kept.map((c) => c.id));
  });

  it('records an audit event with before and after for every save', async () => {
    const { doc, annotator, claim } = await setup();
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    await annotator.agent
      .put(url)
      .send({ status: 'claims', claims: [claim] })
      .expect(200);
    await annotator.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 1 }).expect(200);
    const events = auditLog(ctx.db, { entity: 'annotation' });
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[1]).toMatchObject({ before: { status: 'claims' }, after: { status: 'no_claim' } });
    // That the log cannot be rewritten is the schema's rule: tests/api/database-boundary.test.ts.
  });

  it('refuses spans that cut an emoji in two, and repeated claim ids, with 400', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, 'A 😀 group condemned Israel. Then it rained.');
    const annotator = await signedIn(ctx, 'annotator', { project });
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    const inside = doc.text.indexOf('😀') + 1;
    const halfEmoji = await annotator.agent
      .put(url)
      .send({
        status: 'claims',
        claims: [{ speaker: { span: { start: inside, end: inside + 7 } }, stance: 'condemn', target: { actorId: actors.Israel!.id } }],
      })
      .expect(400);
    expect(halfEmoji.body.error.issues[0]).toEqual({ path: 'claims.0.speaker.span', message: expect.stringMatching(/cuts a character/) });
    const whole = doc.text.indexOf('😀');
    await annotator.agent
      .put(url)
      .send({ status: 'claims', claims: [{ speaker: { span: { start: whole, end: whole + 8 } }, stance: 'condemn', target: { actorId: actors.Israel!.id } }] })
      .expect(200);
    const saved = await annotator.agent.get(`/api/documents/${doc.id}/annotations`).expect(200);
    const id = AnnotationList.parse(saved.body).annotations[0]!.claims[0]!.id;
    const claim = { id, speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } };
    const twice = await annotator.agent
      .put(url)
      .send({ status: 'claims', claims: [claim, claim], baseVersion: 1 })
      .expect(400);
    expect(twice.body.error.issues[0]).toEqual({ path: 'claims.1.id', message: `claim ${id} appears twice` });
  });
});
