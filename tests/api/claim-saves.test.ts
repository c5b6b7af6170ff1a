// How a label save writes its claims, beyond what a client sends: a new claim's random id that
// repeats another claim's, and the actors a save names checked against the registry as it is now.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { Annotation, AnnotationList } from '../../shared/schemas/annotations.ts';
import { History } from '../../shared/schemas/events.ts';

// The claim ids the next draws give (server/claims/repo.ts draws with randomInt(1, 2 ** 48)).
const draws = vi.hoisted(() => ({ next: [] as number[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const randomInt = (...args: Parameters<typeof crypto.randomInt>) =>
    args[0] === 1 && args[1] === 2 ** 48 && draws.next.length > 0 ? draws.next.shift()! : (crypto.randomInt as (...a: unknown[]) => number)(...args);
  return { ...crypto, default: { ...crypto, randomInt }, randomInt };
});

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
  draws.next = [];
});
afterEach(() => ctx.close());

describe('a new claim id that another claim already has', () => {
  it('saves the label under a new id, once, and leaves the other claim as it was', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    const { a, b, reviewer } = await addTeam(ctx, project);
    const sentenceId = doc.sentences[0]!.id;
    const claim = (target: string) => ({ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors[target]!.id } });

    draws.next = [4242];
    const first = Annotation.parse(
      (
        await a.agent
          .put(`/api/sentences/${sentenceId}/annotation`)
          .send({ status: 'claims', claims: [claim('Israel')] })
          .expect(200)
      ).body,
    );
    expect(first.claims[0]!.id).toBe(4242);
    // b's claim draws 4242 first (a's), then 777.
    draws.next = [4242, 777];
    const second = Annotation.parse(
      (
        await b.agent
          .put(`/api/sentences/${sentenceId}/annotation`)
          .send({ status: 'claims', claims: [claim('Russia')] })
          .expect(200)
      ).body,
    );
    expect(second.claims.map((c) => [c.id, c.target.actorId])).toEqual([[777, actors.Russia!.id]]);
    expect(second.version).toBe(1);

    const stored = async (agent: typeof a.agent) =>
      AnnotationList.parse((await agent.get(`/api/documents/${doc.id}/annotations`).expect(200)).body).annotations;
    expect((await stored(a.agent)).map((label) => label.claims.map((c) => [c.id, c.target.actorId]))).toEqual([[[4242, actors.Israel!.id]]]);
    expect((await stored(b.agent)).map((label) => label.claims.map((c) => [c.id, c.target.actorId]))).toEqual([[[777, actors.Russia!.id]]]);
    // One save, one audit event: nothing of the run that clashed was kept.
    const events = History.parse((await reviewer.agent.get(`/api/sentences/${sentenceId}/history`).expect(200)).body).events;
    expect(events.filter((event) => event.user?.id === b.userId).map((event) => event.action)).toEqual(['create']);
  });
});

describe('the actors a save names', () => {
  it('follows the registry: an actor deleted since the last save is refused, a new one is taken', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    const annotator = await signedIn(ctx, 'annotator', { project });
    const [s0, s1, s2] = doc.sentences.map((sentence) => sentence.id);
    const save = (sentenceId: number, target: number) =>
      annotator.agent
        .put(`/api/sentences/${sentenceId}/annotation`)
        .send({ status: 'claims', claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: target } }] });

    await save(s0!, actors.Russia!.id).expect(200);
    await save(s0!, actors.Israel!.id).expect(200); // Russia is used by no claim now
    await admin.agent.delete(`/api/actors/${actors.Russia!.id}`).expect(200);
    const refused = await save(s1!, actors.Russia!.id).expect(400);
    expect(JSON.stringify(refused.body.error)).toMatch(/not an actor of this project/);

    const iran = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Iran', kind: 'state', aliases: [] }).expect(201);
    const saved = Annotation.parse((await save(s2!, iran.body.id).expect(200)).body);
    expect(saved.claims[0]!.target.actorId).toBe(iran.body.id);
  });

  it('names an actor by its words as they are now: an alias added since the last save links its span', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, 'Beijing condemned Israel. Beijing condemned Israel again.');
    const annotator = await signedIn(ctx, 'annotator', { project });
    const [s0, s1] = doc.sentences.map((sentence) => sentence.id);
    const save = async (sentenceId: number) =>
      Annotation.parse(
        (
          await annotator.agent
            .put(`/api/sentences/${sentenceId}/annotation`)
            .send({ status: 'claims', claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }] })
            .expect(200)
        ).body,
      ).claims[0]!;
    // China is not named in the sentence (no alias yet): its speaker gets no span; Israel's target does.
    const before = await save(s0!);
    expect(before.speaker.span ?? null).toBeNull();
    expect(before.target.span).toEqual({ start: 18, end: 24 });
    await admin.agent
      .patch(`/api/actors/${actors.China!.id}`)
      .send({ aliases: ['Beijing'] })
      .expect(200);
    const after = await save(s1!);
    const second = doc.sentences[1]!;
    expect(after.speaker.span).toEqual({ start: second.start, end: second.start + 'Beijing'.length });
  });
});
