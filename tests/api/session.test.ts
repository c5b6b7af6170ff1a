import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeContext, signedIn, type TestContext } from '../support/api.ts';
import { createUser } from '../../server/users/service.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

describe('session', () => {
  it('health answers without a session', async () => {
    const res = await request(ctx.app).get('/api/health').expect(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('signs in with an HttpOnly SameSite=Lax cookie, shows the user, signs out', async () => {
    await createUser(ctx.db, null, { username: 'ada', password: 'a long password', role: 'annotator' });
    const agent = request.agent(ctx.app);
    const res = await agent.post('/api/session').send({ username: 'ada', password: 'a long password' }).expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/parley_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(res.body.user).toMatchObject({ username: 'ada', role: 'annotator' });
    expect(res.body.user).not.toHaveProperty('passwordHash');

    const me = await agent.get('/api/session').expect(200);
    expect(me.body.user.username).toBe('ada');

    await agent.delete('/api/session').expect(200);
    await agent.get('/api/session').expect(401);
  });

  it('rejects a wrong password with the same message as an unknown user', async () => {
    await createUser(ctx.db, null, { username: 'ada', password: 'a long password', role: 'annotator' });
    const wrong = await request(ctx.app).post('/api/session').send({ username: 'ada', password: 'nope nope' }).expect(401);
    const unknown = await request(ctx.app).post('/api/session').send({ username: 'bob', password: 'nope nope' }).expect(401);
    expect(wrong.body.error).toEqual({ code: 'unauthenticated', message: 'Wrong username or password.' });
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('stores only a hash of the session token', async () => {
    const { agent } = await signedIn(ctx, 'annotator');
    const res = await agent.get('/api/session').expect(200);
    expect(res.body.user).toBeTruthy();
    const rows = ctx.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 401 on every other API route without a session', async () => {
    for (const [method, path] of [
      ['get', '/api/projects'],
      ['post', '/api/projects'],
      ['get', '/api/projects/1'],
      ['get', '/api/projects/1/actors'],
      ['get', '/api/projects/1/documents'],
      ['post', '/api/projects/1/documents'],
      ['get', '/api/documents/1'],
      ['get', '/api/documents/1/annotations'],
      ['put', '/api/sentences/1/annotation'],
    ] as const) {
      const res = await request(ctx.app)[method](path).send({});
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });
});
