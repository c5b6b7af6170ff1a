import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { auditLog, exportRecords } from '../support/inspect.ts';
import { Actor, ActorList } from '../../shared/schemas/actors.ts';
import { Annotation, AnnotationList } from '../../shared/schemas/annotations.ts';
import { History } from '../../shared/schemas/events.ts';
import { GoldList } from '../../shared/schemas/review.ts';
import { registryMatcher } from '../../server/claims/link.ts';
import { createActor } from '../../server/actors/service.ts';
import { transaction } from '../../server/db/transaction.ts';
import { system } from '../../server/policy.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

/** The registry as the actors page asks for it (with claim counts for reviewers and admins). */
async function actorsOf(agent: Agent, projectId: number): Promise<Actor[]> {
  return ActorList.parse((await agent.get(`/api/projects/${projectId}/actors?counts=1`).expect(200)).body).actors;
}

/** The audit log of one actor. */
const actorEvents = (actorId: number) => auditLog(ctx.db, { entity: 'actor', entityId: actorId });

const byName = (actors: Actor[], name: string) => actors.find((actor) => actor.name === name);

describe('creating actors', () => {
  it('an annotator creates a proposed actor that is usable in a claim at once; an admin accepts it', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const annotator = await signedIn(ctx, 'annotator', { project });

    // Sending status is refused by the schema; the status is the server's decision.
    const sneaky = await annotator.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Hezbollah', kind: 'group', status: 'accepted' }).expect(400);
    expect(sneaky.body.error.code).toBe('validation_error');

    const created = await annotator.agent
      .post(`/api/projects/${project.id}/actors`)
      .send({ name: 'Hezbollah', kind: 'group', aliases: ['Hizbullah'] })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Hezbollah', kind: 'group', aliases: ['Hizbullah'], status: 'proposed' });

    const doc = await importDocument(admin.agent, project.id);
    await annotator.agent
      .put(`/api/sentences/${doc.sentences[0]!.id}/annotation`)
      .send({
        status: 'claims',
        claims: [{ speaker: { actorId: created.body.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }],
      })
      .expect(200);

    const accepted = await admin.agent.patch(`/api/actors/${created.body.id}`).send({ status: 'accepted' }).expect(200);
    expect(accepted.body.status).toBe('accepted');
    expect(byName(await actorsOf(annotator.agent, project.id), 'Hezbollah')?.status).toBe('accepted');

    const events = actorEvents(created.body.id);
    expect(events.map((event) => event.action)).toEqual(['create', 'update']);
    expect(events[0]!.userId).toBe(annotator.userId);
    expect(events[1]).toMatchObject({ before: { status: 'proposed' }, after: { status: 'accepted' } });
  });

  it("a reviewer's actor is proposed too, an admin's accepted", async () => {
    const { project } = makeProject(ctx);
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const admin = await signedIn(ctx, 'admin');
    const r = await reviewer.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Arab League', kind: 'organization' }).expect(201);
    expect(r.body.status).toBe('proposed');
    const a = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'African Union', kind: 'organization' }).expect(201);
    expect(a.body.status).toBe('accepted');
  });

  it('refuses a name that differs from an existing one only in case, naming the existing actor', async () => {
    const { project, actors } = makeProject(ctx);
    const annotator = await signedIn(ctx, 'annotator', { project });
    const res = await annotator.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'china', kind: 'state' }).expect(409);
    expect(res.body.error.message).toContain('"China" already exists');
    expect(res.body.error.actorId).toBe(actors.China!.id);
  });

  it('ignores case in every script: a Cyrillic name in other case is a duplicate, and a search in either case finds it', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const russia = await admin.agent
      .post(`/api/projects/${project.id}/actors`)
      .send({ name: 'Россия', kind: 'state', aliases: ['Москва'] })
      .expect(201);
    const again = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'РОССИЯ', kind: 'state' }).expect(409);
    expect(again.body.error.message).toContain('"Россия" already exists');
    expect(again.body.error.actorId).toBe(russia.body.id);
    for (const q of ['росс', 'РОСС', 'моск']) {
      const found = await admin.agent.get(`/api/projects/${project.id}/actors`).query({ q }).expect(200);
      expect(
        found.body.actors.map((actor: { name: string }) => actor.name),
        q,
      ).toEqual(['Россия']);
    }
  });

  it('a member of another project cannot create or read actors there', async () => {
    const { project } = makeProject(ctx, 'Theirs');
    const { project: mine } = makeProject(ctx, 'Mine');
    const outsider = await signedIn(ctx, 'annotator', { project: mine });
    // 404, as for a project that does not exist: a 403 would confirm that it does.
    await outsider.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Oman', kind: 'state' }).expect(404);
    await outsider.agent.get(`/api/projects/${project.id}/actors`).expect(404);
  });
});

describe('the registry list', () => {
  it('gives reviewers and admins claim counts, and annotators none (blind labelling)', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const annotator = await signedIn(ctx, 'annotator', { project });
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const doc = await importDocument(admin.agent, project.id);
    await annotator.agent
      .put(`/api/sentences/${doc.sentences[0]!.id}/annotation`)
      .send({
        status: 'claims',
        claims: [
          { speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } },
          { speaker: { actorId: actors.Russia!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } },
          // Naming the same actor twice in one claim counts it once.
          { speaker: { actorId: actors.China!.id }, stance: 'support', target: { actorId: actors.China!.id } },
        ],
      })
      .expect(200);
    const list = await actorsOf(reviewer.agent, project.id);
    expect(Object.fromEntries(list.map((actor) => [actor.name, actor.claimCount]))).toEqual({ China: 2, Russia: 1, Israel: 2 });
    const blind = await actorsOf(annotator.agent, project.id);
    expect(blind.every((actor) => actor.claimCount === undefined)).toBe(true);
    // The workspace's list does without counts (they cost a scan of the claims).
    const plain = ActorList.parse((await reviewer.agent.get(`/api/projects/${project.id}/actors`).expect(200)).body).actors;
    expect(plain.every((actor) => actor.claimCount === undefined)).toBe(true);
    const bad = await reviewer.agent.get(`/api/projects/${project.id}/actors?counts=yes`).expect(400);
    expect(bad.body.error.issues[0].path).toBe('counts');
  });
});

describe('editing actors', () => {
  it('an admin renames, re-kinds, recodes, re-aliases and re-parents an actor in one request', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const xi = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Xi', kind: 'state' }).expect(201);
    const res = await admin.agent
      .patch(`/api/actors/${xi.body.id}`)
      .send({ name: 'Xi Jinping', kind: 'person', code: 'XJP', aliases: ['Xi', 'President Xi', 'xi', ' '], parentId: actors.China!.id })
      .expect(400);
    expect(res.body.error.issues[0].path).toBe('aliases.3');
    const ok = await admin.agent
      .patch(`/api/actors/${xi.body.id}`)
      .send({ name: 'Xi Jinping', kind: 'person', code: 'XJP', aliases: ['Xi', 'President Xi', 'xi'], parentId: actors.China!.id })
      .expect(200);
    // Duplicate aliases (ignoring case) are dropped.
    expect(ok.body).toMatchObject({ name: 'Xi Jinping', kind: 'person', code: 'XJP', aliases: ['Xi', 'President Xi'], parentId: actors.China!.id });
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const china = actors.China!.id;
    const cases: [string, string, object, string][] = [
      ['patch', `/api/actors/${china}`, {}, '(body)'],
      ['patch', `/api/actors/${china}`, { kind: 'country' }, 'kind'],
      ['patch', `/api/actors/${china}`, { name: '   ' }, 'name'],
      ['patch', `/api/actors/${china}`, { code: 'X'.repeat(33) }, 'code'],
      ['patch', `/api/actors/${china}`, { aliases: 'Beijing' }, 'aliases'],
      ['patch', `/api/actors/${china}`, { parentId: 'Russia' }, 'parentId'],
      ['patch', `/api/actors/${china}`, { parentId: 999999 }, 'parentId'],
      ['patch', `/api/actors/${china}`, { status: 'rejected' }, 'status'],
      ['patch', `/api/actors/${china}`, { colour: 'red' }, '(body)'],
      ['post', `/api/actors/${china}/merge`, {}, 'intoId'],
      ['post', `/api/actors/${china}/merge`, { intoId: 'Russia' }, 'intoId'],
      ['post', `/api/actors/${china}/merge`, { intoId: actors.Russia!.id, keep: true }, '(body)'],
      ['post', `/api/projects/${project.id}/actors`, { name: 'Oman' }, 'kind'],
    ];
    for (const [method, url, body, path] of cases) {
      const res = await (method === 'patch' ? admin.agent.patch(url) : admin.agent.post(url)).send(body);
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    }
    await admin.agent.patch('/api/actors/abc').send({ name: 'X' }).expect(400);
    await admin.agent.patch('/api/actors/999999').send({ name: 'X' }).expect(404);
    // Nothing changed.
    expect(byName(await actorsOf(admin.agent, project.id), 'China')).toMatchObject({ name: 'China', kind: 'state', code: 'CHN', parentId: null });
  });

  it('refuses a parent cycle', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const xi = await admin.agent
      .post(`/api/projects/${project.id}/actors`)
      .send({ name: 'Xi Jinping', kind: 'person', parentId: actors.China!.id })
      .expect(201);
    const res = await admin.agent.patch(`/api/actors/${actors.China!.id}`).send({ parentId: xi.body.id }).expect(400);
    expect(res.body.error.issues[0]).toEqual({ path: 'parentId', message: 'makes a cycle' });
  });

  it('annotators and reviewers cannot edit, accept, merge or delete (403); members of other projects get 404', async () => {
    const { project, actors } = makeProject(ctx);
    const { project: other } = makeProject(ctx, 'Other');
    const annotator = await signedIn(ctx, 'annotator', { project });
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const outsider = await signedIn(ctx, 'annotator', { project: other });
    const proposed = await annotator.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Houthis', kind: 'group' }).expect(201);
    for (const [{ agent }, status] of [
      [annotator, 403],
      [reviewer, 403],
      [outsider, 404],
    ] as const) {
      await agent.patch(`/api/actors/${actors.China!.id}`).send({ name: 'PRC' }).expect(status);
      await agent.patch(`/api/actors/${proposed.body.id}`).send({ status: 'accepted' }).expect(status);
      await agent.post(`/api/actors/${proposed.body.id}/merge`).send({ intoId: actors.Russia!.id }).expect(status);
      await agent.delete(`/api/actors/${proposed.body.id}`).expect(status);
    }
    const list = await actorsOf(reviewer.agent, project.id);
    expect(byName(list, 'China')?.name).toBe('China');
    expect(byName(list, 'Houthis')?.status).toBe('proposed');
  });

  it('refuses to delete an actor that claims use (409) and deletes an unused one', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    await admin.agent
      .put(`/api/sentences/${doc.sentences[0]!.id}/annotation`)
      .send({ status: 'claims', claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }] })
      .expect(200);
    const res = await admin.agent.delete(`/api/actors/${actors.China!.id}`).expect(409);
    expect(res.body.error.message).toMatch(/used by 1 claim/);
    await admin.agent.delete(`/api/actors/${actors.Russia!.id}`).expect(200);
    expect((await actorsOf(admin.agent, project.id)).map((actor) => actor.name)).toEqual(['China', 'Israel']);
  });
});

describe('merging actors', () => {
  it("moves every claim reference, re-parents children, keeps the duplicate's name and aliases, and audits it", async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const a1 = await signedIn(ctx, 'annotator', { project });
    const a2 = await signedIn(ctx, 'annotator', { project });
    const dup = Actor.parse(
      (
        await a1.agent
          .post(`/api/projects/${project.id}/actors`)
          .send({ name: 'Russian Federation', kind: 'state', code: 'RF', aliases: ['Moscow', 'russia'] })
          .expect(201)
      ).body,
    );
    const putin = Actor.parse(
      (await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Vladimir Putin', kind: 'person', parentId: dup.id }).expect(201)).body,
    );
    const doc = await importDocument(admin.agent, project.id);
    const [s0, s1] = doc.sentences;
    const russia = actors.Russia!.id;
    const israel = actors.Israel!.id;
    await a1.agent
      .put(`/api/sentences/${s0!.id}/annotation`)
      .send({
        status: 'claims',
        claims: [
          { speaker: { actorId: dup.id, span: { start: 7, end: 12 } }, stance: 'condemn', target: { actorId: israel } },
          { speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: israel } },
        ],
      })
      .expect(200);
    await a2.agent
      .put(`/api/sentences/${s0!.id}/annotation`)
      .send({ status: 'claims', claims: [{ speaker: { actorId: russia }, stance: 'condemn', target: { actorId: dup.id } }] })
      .expect(200);
    await a2.agent
      .put(`/api/sentences/${s1!.id}/annotation`)
      .send({ status: 'claims', claims: [{ speaker: { actorId: dup.id }, stance: 'mediate', target: { actorId: dup.id } }] })
      .expect(200);

    const before = await actorsOf(admin.agent, project.id);
    expect(byName(before, 'Russian Federation')?.claimCount).toBe(3);
    expect(byName(before, 'Russia')?.claimCount).toBe(1);
    // Every label's claims, as the export gives them: a merge moves claims, it never drops or copies one.
    const allClaims = async () =>
      (await exportRecords(admin.agent, project.id)).flatMap((record) => record.annotations.flatMap((label) => label.claims)).length;
    const totalBefore = await allClaims();

    const res = await admin.agent.post(`/api/actors/${dup.id}/merge`).send({ intoId: russia }).expect(200);
    expect(res.body).toMatchObject({ mergedId: dup.id, movedClaims: 3, reparented: 1 });
    // The duplicate's name, aliases and code become aliases; "Moscow" and "russia" are not repeated.
    expect(res.body.actor).toMatchObject({ id: russia, name: 'Russia', code: 'RUS', aliases: ['Russian Federation', 'Moscow', 'RF'] });

    const after = await actorsOf(admin.agent, project.id);
    expect(byName(after, 'Russian Federation')).toBeUndefined();
    // Russia's own claim named the duplicate as target: it counts once.
    expect(byName(after, 'Russia')?.claimCount).toBe(3);
    expect(byName(after, 'Vladimir Putin')?.parentId).toBe(russia);
    expect(await allClaims()).toBe(totalBefore);

    const mine = AnnotationList.parse((await a1.agent.get(`/api/documents/${doc.id}/annotations?annotator=me`).expect(200)).body).annotations;
    expect(mine[0]!.claims.map((claim) => [claim.speaker, claim.target.actorId])).toEqual([
      [{ actorId: russia, span: { start: 7, end: 12 } }, israel],
      [{ actorId: actors.China!.id, span: null }, israel],
    ]);
    // The annotation changed under its annotator: a save from a stale tab is a conflict, not a silent overwrite.
    expect(mine[0]!.version).toBe(2);
    const theirs = AnnotationList.parse((await a2.agent.get(`/api/documents/${doc.id}/annotations?annotator=me`).expect(200)).body).annotations;
    expect(theirs.map((annotation) => annotation.claims.map((claim) => [claim.speaker.actorId, claim.target.actorId]))).toEqual([
      [[russia, russia]],
      [[russia, russia]],
    ]);

    const [event] = actorEvents(dup.id).filter((e) => e.action === 'merge');
    expect(event).toMatchObject({
      userId: admin.userId,
      before: { merged: { name: 'Russian Federation' }, childIds: [putin.id], claimIds: [expect.any(Number), expect.any(Number), expect.any(Number)] },
      after: { into: { aliases: expect.arrayContaining(['Russian Federation']) } },
    });
  });

  it('moves gold claims too, and refuses to delete an actor only gold uses', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const dup = Actor.parse((await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'PRC', kind: 'state' }).expect(201)).body);
    const doc = await importDocument(admin.agent, project.id);
    const sentence = doc.sentences[0]!;
    await reviewer.agent
      .put(`/api/sentences/${sentence.id}/gold`)
      .send({ status: 'claims', method: 'edited', claims: [{ speaker: { actorId: dup.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }] })
      .expect(200);
    const refused = await admin.agent.delete(`/api/actors/${dup.id}`).expect(409);
    expect(refused.body.error.message).toMatch(/used by 1 claim/);
    expect(byName(await actorsOf(admin.agent, project.id), 'PRC')?.claimCount).toBe(1);

    const res = await admin.agent.post(`/api/actors/${dup.id}/merge`).send({ intoId: actors.China!.id }).expect(200);
    expect(res.body.movedClaims).toBe(1);
    const { gold } = GoldList.parse((await reviewer.agent.get(`/api/documents/${doc.id}/gold`).expect(200)).body);
    const label = gold.find((g) => g.sentenceId === sentence.id)!;
    expect(label.claims[0]!.speaker.actorId).toBe(actors.China!.id);
    expect(label.version).toBe(2);
    expect(byName(await actorsOf(admin.agent, project.id), 'China')?.claimCount).toBe(1);
  });

  it("writes an event for every label it changes, in each sentence's history with before and after", async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const { a: a1, b: a2, reviewer } = await addTeam(ctx, project);
    const dup = Actor.parse((await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'PRC', kind: 'state' }).expect(201)).body);
    const china = actors.China!.id;
    const israel = actors.Israel!.id;
    const doc = await importDocument(admin.agent, project.id);
    const [s0, s1, s2] = doc.sentences.map((s) => s.id);
    const claims = (speaker: number, target: number) => ({
      status: 'claims',
      claims: [{ speaker: { actorId: speaker }, stance: 'condemn', target: { actorId: target } }],
    });
    await a1.agent.put(`/api/sentences/${s0}/annotation`).send(claims(dup.id, israel)).expect(200);
    await a2.agent.put(`/api/sentences/${s0}/annotation`).send(claims(israel, dup.id)).expect(200);
    await a1.agent.put(`/api/sentences/${s1}/annotation`).send(claims(china, israel)).expect(200); // untouched by the merge
    await reviewer.agent
      .put(`/api/sentences/${s2}/gold`)
      .send({ ...claims(dup.id, dup.id), method: 'edited' })
      .expect(200);

    await admin.agent.post(`/api/actors/${dup.id}/merge`).send({ intoId: china }).expect(200);

    // A merge's history events carry the label (an annotation or gold) before and after it, whole.
    const Label = z.looseObject({ claims: Annotation.shape.claims, version: z.number().int(), annotatorId: z.number().int().optional() });
    const history = async (sentenceId: number) =>
      History.parse((await reviewer.agent.get(`/api/sentences/${sentenceId}/history`).expect(200)).body)
        .events.filter((e) => e.action === 'actor_merge')
        .map((e) => ({ ...e, before: Label.parse(e.before), after: Label.parse(e.after) }));
    const first = await history(s0!);
    expect(first.map((e) => [e.entity, e.before.annotatorId, e.user?.id])).toEqual([
      ['annotation', a1.userId, admin.userId],
      ['annotation', a2.userId, admin.userId],
    ]);
    expect(first[0]!.before.claims[0]!.speaker.actorId).toBe(dup.id);
    expect(first[0]!.after.claims[0]!.speaker.actorId).toBe(china);
    expect(first[0]!.after.version).toBe(first[0]!.before.version + 1);
    expect(first[1]!.before.claims[0]!.target.actorId).toBe(dup.id);
    expect(first[1]!.after.claims[0]!.target.actorId).toBe(china);
    // The after state is what is stored now.
    const stored = AnnotationList.parse((await a2.agent.get(`/api/documents/${doc.id}/annotations`).expect(200)).body).annotations;
    expect(first[1]!.after).toEqual(stored[0]);

    expect(await history(s1!)).toEqual([]);
    const gold = await history(s2!);
    expect(gold.map((e) => e.entity)).toEqual(['gold']);
    expect([gold[0]!.before.claims[0]!.speaker.actorId, gold[0]!.before.claims[0]!.target.actorId]).toEqual([dup.id, dup.id]);
    expect([gold[0]!.after.claims[0]!.speaker.actorId, gold[0]!.after.claims[0]!.target.actorId]).toEqual([china, china]);
  });

  it('refuses to merge into itself, into another project, into a descendant, or an unknown actor', async () => {
    const { project, actors } = makeProject(ctx);
    const { actors: otherActors } = makeProject(ctx, 'Other');
    const admin = await signedIn(ctx, 'admin');
    const china = actors.China!.id;
    const self = await admin.agent.post(`/api/actors/${china}/merge`).send({ intoId: china }).expect(400);
    expect(self.body.error.issues[0].path).toBe('intoId');
    const foreign = await admin.agent.post(`/api/actors/${china}/merge`).send({ intoId: otherActors.China!.id }).expect(400);
    expect(foreign.body.error.issues[0]).toEqual({ path: 'intoId', message: 'unknown actor in this project' });
    await admin.agent.post(`/api/actors/${china}/merge`).send({ intoId: 999999 }).expect(400);
    await admin.agent.post('/api/actors/999999/merge').send({ intoId: china }).expect(404);
    const xi = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Xi Jinping', kind: 'person', parentId: china }).expect(201);
    const down = await admin.agent.post(`/api/actors/${china}/merge`).send({ intoId: xi.body.id }).expect(400);
    expect(down.body.error.message).toMatch(/merge "Xi Jinping" into "China" instead/);
    // Nothing was written.
    expect((await actorsOf(admin.agent, project.id)).map((actor) => actor.name)).toEqual(['China', 'Israel', 'Russia', 'Xi Jinping']);
    expect(actorEvents(china).map((event) => event.action)).toEqual(['create']);
  });
});

describe('the registry matcher kept between requests', () => {
  it('does not outlive a rolled-back actor write: the next write reuses its version number', () => {
    const { project } = makeProject(ctx);
    const names = (text: string) => registryMatcher(ctx.db, project.id)(text).map(({ actorId, start }) => ({ actorId, start }));
    expect(names('Freedonia criticized Ruritania.')).toEqual([]);
    // An import that created an actor, read the registry, then failed: everything of it is rolled back.
    expect(() =>
      transaction(ctx.db, () => {
        createActor(ctx.db, system('test'), project.id, { name: 'Ruritania', kind: 'state' });
        expect(names('Ruritania')).toHaveLength(1);
        throw new Error('the import failed');
      }),
    ).toThrow('the import failed');
    const freedonia = createActor(ctx.db, system('test'), project.id, { name: 'Freedonia', kind: 'state' });
    // Freedonia is named at 0; Ruritania, which no longer exists (SQLite even gives its id to Freedonia), is not.
    expect(names('Freedonia criticized Ruritania.')).toEqual([{ actorId: freedonia.id, start: 0 }]);
  });
});
