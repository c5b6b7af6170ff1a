import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeContext, signedIn, type TestContext } from '../support/api.ts';
import { auditLog, sessionCount as storedSessions } from '../support/inspect.ts';
import { UserList } from '../../shared/schemas/users.ts';
import { createUser } from '../../server/users/service.ts';
import { system } from '../../server/policy.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const PASSWORD = 'a long password';

async function signInAs(username: string, password = PASSWORD) {
  const agent = request.agent(ctx.app);
  await agent.post('/api/session').send({ username, password }).expect(200);
  return agent;
}

const sessionCount = (userId: number) => storedSessions(ctx.db, userId);

describe('users API', () => {
  it('lets an admin list and create users; the new user can sign in', async () => {
    const { agent } = await signedIn(ctx, 'admin', { username: 'root' });
    const created = await agent.post('/api/users').send({ username: 'ada', password: PASSWORD, role: 'annotator' }).expect(201);
    expect(created.body).toEqual({ id: expect.any(Number), username: 'ada', role: 'annotator', disabled: false });

    const list = await agent.get('/api/users').expect(200);
    expect(list.body.users.map((user: { username: string }) => user.username)).toEqual(['ada', 'root']);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/i);

    const ada = await signInAs('ada');
    const me = await ada.get('/api/session').expect(200);
    expect(me.body.user).toMatchObject({ username: 'ada', role: 'annotator' });
  });

  it('refuses a username that exists in another case with 409', async () => {
    const { agent } = await signedIn(ctx, 'admin');
    await agent.post('/api/users').send({ username: 'Ada', password: PASSWORD, role: 'annotator' }).expect(201);
    const res = await agent.post('/api/users').send({ username: 'ada', password: PASSWORD, role: 'reviewer' }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', message: 'A user named "ada" already exists.' });
  });

  it('answers 401 without a session and 403 to reviewers and annotators', async () => {
    await request(ctx.app).get('/api/users').expect(401);
    await request(ctx.app).post('/api/users').send({ username: 'x', password: PASSWORD, role: 'admin' }).expect(401);
    const target = await createUser(ctx.db, system('test'), { username: 'target', password: PASSWORD, role: 'annotator' });
    for (const role of ['reviewer', 'annotator'] as const) {
      const { agent } = await signedIn(ctx, role);
      const list = await agent.get('/api/users').expect(403);
      expect(list.body.error).toEqual({ code: 'forbidden', message: 'Only admin accounts may list users.' });
      await agent
        .post('/api/users')
        .send({ username: `made-by-${role}`, password: PASSWORD, role: 'admin' })
        .expect(403);
      await agent.patch(`/api/users/${target.id}`).send({ role: 'admin' }).expect(403);
    }
    // Nothing was written by the refused requests.
    const { agent: admin } = await signedIn(ctx, 'admin');
    const { users } = UserList.parse((await admin.get('/api/users').expect(200)).body);
    expect(users.find((user) => user.username === 'target')?.role).toBe('annotator');
    expect(users.filter((user) => user.username.toLowerCase().startsWith('made-by-'))).toEqual([]);
  });

  it('rejects bad bodies with 400 naming each field', async () => {
    const { agent } = await signedIn(ctx, 'admin');
    const bad = await agent.post('/api/users').send({ username: 'has space', password: 'short', role: 'boss', extra: 1 }).expect(400);
    expect(bad.body.error.code).toBe('validation_error');
    const paths = bad.body.error.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password', 'role']));
    expect(bad.body.error.issues.find((issue: { path: string }) => issue.path === 'password').message).toBe('must be at least 8 characters');

    const missing = await agent.post('/api/users').send({}).expect(400);
    expect(missing.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['username', 'password', 'role']);

    const { id } = await createUser(ctx.db, system('test'), { username: 'ada', password: PASSWORD, role: 'annotator' });
    const empty = await agent.patch(`/api/users/${id}`).send({}).expect(400);
    expect(empty.body.error.message).toMatch(/nothing to change: send at least one of role, password and disabled/);
    const wrongType = await agent.patch(`/api/users/${id}`).send({ disabled: 'yes' }).expect(400);
    expect(wrongType.body.error.issues[0].path).toBe('disabled');
    const badId = await agent.patch('/api/users/abc').send({ role: 'reviewer' }).expect(400);
    expect(badId.body.error.issues[0].path).toBe('userId');
    const unknown = await agent.patch('/api/users/999').send({ role: 'reviewer' }).expect(404);
    expect(unknown.body.error.message).toBe('User 999 not found.');
  });

  it('changes a role, which the user feels on their next request', async () => {
    const { agent } = await signedIn(ctx, 'admin');
    const ada = await signedIn(ctx, 'annotator', { username: 'ada' });
    await ada.agent.get('/api/users').expect(403);
    const res = await agent.patch(`/api/users/${ada.userId}`).send({ role: 'admin' }).expect(200);
    expect(res.body).toMatchObject({ username: 'ada', role: 'admin', disabled: false });
    expect((await ada.agent.get('/api/session').expect(200)).body.user.role).toBe('admin');
    await ada.agent.get('/api/users').expect(200);
  });

  it('disabling a user ends their sessions at once and refuses their sign-in; enabling lets them back', async () => {
    const { agent } = await signedIn(ctx, 'admin');
    const ada = await signedIn(ctx, 'annotator', { username: 'ada' });
    const second = await signInAs('ada', 'correct horse battery');
    expect(sessionCount(ada.userId)).toBe(2);

    const res = await agent.patch(`/api/users/${ada.userId}`).send({ disabled: true }).expect(200);
    expect(res.body.disabled).toBe(true);
    expect(sessionCount(ada.userId)).toBe(0);
    await ada.agent.get('/api/projects').expect(401);
    await second.get('/api/session').expect(401);
    const refused = await request(ctx.app).post('/api/session').send({ username: 'ada', password: 'correct horse battery' }).expect(401);
    expect(refused.body.error.message).toBe('Wrong username or password.');

    await agent.patch(`/api/users/${ada.userId}`).send({ disabled: false }).expect(200);
    await signInAs('ada', 'correct horse battery');
  });

  it("a password reset ends the user's sessions; the new password works, the old one does not", async () => {
    const { agent } = await signedIn(ctx, 'admin');
    const ada = await signedIn(ctx, 'annotator', { username: 'ada' });
    await agent.patch(`/api/users/${ada.userId}`).send({ password: 'a brand new password' }).expect(200);
    await ada.agent.get('/api/session').expect(401);
    expect(sessionCount(ada.userId)).toBe(0);
    await request(ctx.app).post('/api/session').send({ username: 'ada', password: 'correct horse battery' }).expect(401);
    await signInAs('ada', 'a brand new password');
  });

  it('an admin changing their own password stays signed in here and is signed out everywhere else', async () => {
    const root = await signedIn(ctx, 'admin', { username: 'root' });
    const elsewhere = await signInAs('root', 'correct horse battery');
    await root.agent.patch(`/api/users/${root.userId}`).send({ password: 'another long password' }).expect(200);
    await root.agent.get('/api/session').expect(200);
    await elsewhere.get('/api/session').expect(401);
    expect(sessionCount(root.userId)).toBe(1);
  });

  it('refuses to disable or demote the last active admin with 409', async () => {
    const root = await signedIn(ctx, 'admin', { username: 'root' });
    const demote = await root.agent.patch(`/api/users/${root.userId}`).send({ role: 'reviewer' }).expect(409);
    expect(demote.body.error).toEqual({
      code: 'conflict',
      message: 'You are the last active admin and cannot be demoted: make another account admin first.',
    });
    const disable = await root.agent.patch(`/api/users/${root.userId}`).send({ disabled: true }).expect(409);
    expect(disable.body.error.message).toBe('You are the last active admin and cannot be disabled: make another account admin first.');
    expect((await root.agent.get('/api/session').expect(200)).body.user).toMatchObject({ role: 'admin', disabled: false });

    // A disabled admin does not count: with only root active, root is still the last one.
    const other = await createUser(ctx.db, system('test'), { username: 'other', password: PASSWORD, role: 'admin' });
    await root.agent.patch(`/api/users/${other.id}`).send({ disabled: true }).expect(200);
    await root.agent.patch(`/api/users/${root.userId}`).send({ role: 'annotator' }).expect(409);

    // With a second active admin, root may step down.
    await root.agent.patch(`/api/users/${other.id}`).send({ disabled: false }).expect(200);
    await root.agent.patch(`/api/users/${root.userId}`).send({ role: 'reviewer' }).expect(200);
    await root.agent.get('/api/users').expect(403);
  });

  it('audits every change with before and after, never a password or its hash', async () => {
    const { agent, userId: adminId } = await signedIn(ctx, 'admin');
    const created = await agent.post('/api/users').send({ username: 'ada', password: PASSWORD, role: 'annotator' }).expect(201);
    const id: number = created.body.id;
    await agent.patch(`/api/users/${id}`).send({ role: 'reviewer' }).expect(200);
    await agent.patch(`/api/users/${id}`).send({ password: 'a brand new password', disabled: true }).expect(200);

    const events = auditLog(ctx.db, { entity: 'user', entityId: id }).filter((event) => event.action !== 'sign_in');
    expect(events.map((event) => [event.action, event.userId])).toEqual([
      ['create', adminId],
      ['update', adminId],
      ['update', adminId],
    ]);
    expect(events[1]).toMatchObject({ before: { role: 'annotator' }, after: { role: 'reviewer' } });
    expect(events[2]!.after).toEqual({ id, username: 'ada', role: 'reviewer', disabled: true, passwordChanged: true });
    const everything = JSON.stringify(auditLog(ctx.db).map(({ before, after }) => ({ before, after })));
    expect(everything).not.toMatch(/scrypt|a brand new password|a long password/);
  });
});
