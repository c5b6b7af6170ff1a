import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';

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
