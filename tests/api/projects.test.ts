import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { Project } from '../../shared/schemas/projects.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

describe('projects and actors', () => {
  it('an admin creates a project with the default stance labels', async () => {
    const { agent } = await signedIn(ctx, 'admin');
    const res = await agent.post('/api/projects').send({ name: 'Gulf diplomacy' }).expect(201);
    expect(res.body.stanceLabels.map((l: { key: string }) => l.key)).toEqual(['condemn', 'support', 'mediate']);
    expect(res.body.overlap).toBe(2);
    const list = await agent.get('/api/projects').expect(200);
    expect(list.body.projects.map((p: { name: string }) => p.name)).toEqual(['Gulf diplomacy']);
    await agent.post('/api/projects').send({ name: 'Gulf diplomacy' }).expect(409);
  });

  it('annotators cannot create projects and see only projects they are members of', async () => {
    const { project } = makeProject(ctx, 'Mine');
    makeProject(ctx, 'Not mine');
    const { agent } = await signedIn(ctx, 'annotator', { project });
    await agent.post('/api/projects').send({ name: 'X' }).expect(403);
    const list = await agent.get('/api/projects').expect(200);
    expect(list.body.projects.map((p: { name: string }) => p.name)).toEqual(['Mine']);
  });

  it('lists and creates actors; an annotator’s new actor is only proposed', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const created = await admin.agent
      .post(`/api/projects/${project.id}/actors`)
      .send({ name: 'Qatar', kind: 'state', code: 'QAT', aliases: ['Doha'] })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Qatar', kind: 'state', code: 'QAT', aliases: ['Doha'], status: 'accepted' });
    const annotator = await signedIn(ctx, 'annotator', { project });
    const list = await annotator.agent.get(`/api/projects/${project.id}/actors`).expect(200);
    expect(list.body.actors.map((a: { name: string }) => a.name)).toContain('Qatar');
    const proposed = await annotator.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Oman', kind: 'state' }).expect(201);
    expect(proposed.body.status).toBe('proposed');
    const bad = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Yemen', kind: 'country' }).expect(400);
    expect(bad.body.error.issues[0].path).toBe('kind');
  });
});

describe('stance labels in use', () => {
  it('refuses to remove or rename a stance key that claims use, and allows renaming its display name', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, 'China condemned Israel.');
    await admin.agent
      .put(`/api/sentences/${doc.sentences[0]!.id}/annotation`)
      .send({ status: 'claims', claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }] })
      .expect(200);
    const labels = Project.parse((await admin.agent.get(`/api/projects/${project.id}`).expect(200)).body).stanceLabels;
    const renamedKey = labels.map((l) => (l.key === 'condemn' ? { ...l, key: 'criticise' } : l));
    const refused = await admin.agent.patch(`/api/projects/${project.id}`).send({ stanceLabels: renamedKey }).expect(409);
    expect(refused.body.error.message).toMatch(/"condemn" is used by 1 claim/);
    const withoutSupport = labels.filter((l) => l.key !== 'support').map((l) => (l.key === 'condemn' ? { ...l, name: 'Denounce' } : l));
    const ok = await admin.agent.patch(`/api/projects/${project.id}`).send({ stanceLabels: withoutSupport }).expect(200);
    expect(ok.body.stanceLabels.map((l: { name: string }) => l.name)).toEqual(['Denounce', 'Mediate']);
  });
});
