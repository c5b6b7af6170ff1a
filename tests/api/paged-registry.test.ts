// Actors, users and project members are paged, sorted and filtered on the server (issue 15): each
// sort walked to its end in both orders (every row once, `total` right), searched and filtered, and
// what a role may see unchanged (annotators never learn how often others used an actor).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { walkPages, type Row } from '../support/paging.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const walk = (agent: Agent, path: string, key: string, query: Record<string, string | number> = {}, limit = 2) => walkPages(agent, path, key, query, limit);

/** Rows ordered by some fields, each ascending unless it starts with '-'. */
const by =
  (...fields: string[]) =>
  (x: Row, y: Row) => {
    for (const field of fields) {
      const [name, sign] = field.startsWith('-') ? [field.slice(1), -1] : [field, 1];
      const [p, q] = [x[name] ?? '', y[name] ?? ''] as [string | number, string | number];
      if (p !== q) return (p < q ? -1 : 1) * sign;
    }
    return 0;
  };

describe('the actor registry', () => {
  it('pages by name, kind and usage both ways, searches names, aliases and codes, filters kind and status', async () => {
    const { project, actors } = makeProject(ctx, {
      actors: [
        { name: 'China', code: 'CHN', aliases: ['PRC', 'Beijing'] },
        { name: 'Russia', code: 'RUS', aliases: ['Moscow'] },
        { name: 'Israel', code: 'ISR' },
        { name: 'Hamas', kind: 'organization' },
        { name: 'al-Shabaab', kind: 'group', aliases: ['Harakat 50%'] },
        { name: 'Xi Jinping', kind: 'person' },
        { name: 'Climate', kind: 'issue' },
      ],
    });
    const admin = await signedIn(ctx, 'admin', { project });
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const annotator = await signedIn(ctx, 'annotator', { project });
    await annotator.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Hezbollah', kind: 'organization' }).expect(201);
    const doc = await importDocument(admin.agent, project.id, 'China condemned Israel. Russia backed China. Hamas blamed Israel.');
    const claim = (speaker: string, target: string) => ({
      speaker: { actorId: actors[speaker]!.id },
      stance: 'condemn',
      target: { actorId: actors[target]!.id },
    });
    const [s0, s1, s2] = doc.sentences.map((s) => s.id);
    await annotator.agent
      .put(`/api/sentences/${s0}/annotation`)
      .send({ status: 'claims', claims: [claim('China', 'Israel')] })
      .expect(200);
    await annotator.agent
      .put(`/api/sentences/${s1}/annotation`)
      .send({ status: 'claims', claims: [claim('Russia', 'China')] })
      .expect(200);
    await annotator.agent
      .put(`/api/sentences/${s2}/annotation`)
      .send({ status: 'claims', claims: [claim('Hamas', 'Israel')] })
      .expect(200);

    const path = `/api/projects/${project.id}/actors`;
    const all = await walk(reviewer.agent, path, 'actors', { counts: '1' }, 100);
    expect(all).toHaveLength(8);
    const names = (rows: readonly Row[]) => rows.map((row) => row.name);
    for (const [sort, order] of [
      ['name', ['name', 'id']],
      ['kind', ['kind', 'name', 'id']],
    ] as const) {
      const expected = names(all.toSorted(by(...order)));
      expect(names(await walk(reviewer.agent, path, 'actors', { sort }))).toEqual(expected);
      expect(names(await walk(reviewer.agent, path, 'actors', { sort, order: 'desc' }))).toEqual(expected.toReversed());
    }
    // Most used first (desc), ties by name.
    const usage = names(all.toSorted(by('-claimCount', 'name', 'id')));
    expect(usage.slice(0, 3)).toEqual(['China', 'Israel', 'Hamas']);
    expect(names(await walk(reviewer.agent, path, 'actors', { sort: 'usage', order: 'desc', counts: '1' }))).toEqual(usage);
    expect(names(await walk(reviewer.agent, path, 'actors', { sort: 'usage', order: 'asc' }))).toEqual(usage.toReversed());
    expect(all.find((row) => row.name === 'Israel')?.claimCount).toBe(2);

    expect(names(await walk(reviewer.agent, path, 'actors', { q: 'chi' }))).toEqual(['China']);
    expect(names(await walk(reviewer.agent, path, 'actors', { q: 'beij' }))).toEqual(['China']);
    expect(names(await walk(reviewer.agent, path, 'actors', { q: 'rus' }))).toEqual(['Russia']);
    expect(names(await walk(reviewer.agent, path, 'actors', { q: 'harakat 50%' }))).toEqual(['al-Shabaab']);
    expect(names(await walk(reviewer.agent, path, 'actors', { q: '50%' }))).toEqual([]);
    expect(names(await walk(reviewer.agent, path, 'actors', { kind: 'organization' }))).toEqual(['Hamas', 'Hezbollah']);
    expect(names(await walk(reviewer.agent, path, 'actors', { status: 'proposed' }))).toEqual(['Hezbollah']);

    // Annotators page the registry too, without usage: no counts, and no usage sort.
    const theirs = await walk(annotator.agent, path, 'actors', { counts: '1' });
    expect(theirs).toHaveLength(8);
    expect(theirs.every((row) => row.claimCount === undefined)).toBe(true);
    const refused = await annotator.agent.get(path).query({ sort: 'usage' }).expect(403);
    expect(refused.body.error.message).toContain('usage');
    await reviewer.agent.get(path).query({ kind: 'planet' }).expect(400);
    await reviewer.agent
      .get(path)
      .query({ cursor: Buffer.from('[1,2]').toString('base64url') })
      .expect(400);
  });
});

describe('users and members', () => {
  it('pages the accounts by username, role and last sign-in both ways, searched and filtered; admins only', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin', { username: 'zoe-admin' });
    const reviewer = await signedIn(ctx, 'reviewer', { project, username: 'rita' });
    const annotators = [];
    for (const name of ['ann.one', 'Ann.two', 'bob', 'carla']) annotators.push(await signedIn(ctx, 'annotator', { project, username: name }));
    await admin.agent.patch(`/api/users/${annotators[2]!.userId}`).send({ disabled: true }).expect(200);
    const path = '/api/users';
    const all = await walk(admin.agent, path, 'users', {}, 100);
    expect(all).toHaveLength(6);
    const lower = (rows: readonly Row[]): Row[] => rows.map((row) => ({ ...row, username: String(row.username).toLowerCase() }));
    const names = (rows: readonly Row[]) => rows.map((row) => row.username);
    for (const [sort, order] of [
      ['username', ['username', 'id']],
      ['role', ['role', 'username', 'id']],
      ['lastSignIn', ['lastSignInAt', 'id']],
    ] as const) {
      const expected = lower(all)
        .toSorted(by(...order))
        .map((row) => row.id);
      expect((await walk(admin.agent, path, 'users', { sort })).map((row) => row.id)).toEqual(expected);
      expect((await walk(admin.agent, path, 'users', { sort, order: 'desc' })).map((row) => row.id)).toEqual(expected.toReversed());
    }
    // Disabling ended bob's sessions: no live session, no last sign-in shown.
    expect(all.find((row) => row.username === 'bob')).toMatchObject({ disabled: true, lastSignInAt: null });
    expect(all.find((row) => row.username === 'rita')?.lastSignInAt).toEqual(expect.any(String));
    expect(names(await walk(admin.agent, path, 'users', { q: 'ANN.' }))).toEqual(['ann.one', 'Ann.two']);
    expect(names(await walk(admin.agent, path, 'users', { q: '_' }))).toEqual([]);
    expect(names(await walk(admin.agent, path, 'users', { role: 'annotator', disabled: '0' }))).toEqual(['ann.one', 'Ann.two', 'carla']);
    expect(names(await walk(admin.agent, path, 'users', { disabled: '1' }))).toEqual(['bob']);
    await reviewer.agent.get(path).expect(403);
    await admin.agent.get(path).query({ role: 'owner' }).expect(400);
  });

  it("pages a project's members by username and role both ways, searched and filtered; reviewers and admins only", async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin', { project, username: 'adm' });
    const reviewer = await signedIn(ctx, 'reviewer', { project, username: 'rev' });
    const annotator = await signedIn(ctx, 'annotator', { project, username: 'ann-1' });
    await signedIn(ctx, 'annotator', { project, username: 'ann-2' });
    await signedIn(ctx, 'annotator', { username: 'outsider' });
    const path = `/api/projects/${project.id}/members`;
    expect((await walk(reviewer.agent, path, 'members')).map((row) => row.username)).toEqual(['adm', 'ann-1', 'ann-2', 'rev']);
    expect((await walk(reviewer.agent, path, 'members', { order: 'desc' })).map((row) => row.username)).toEqual(['rev', 'ann-2', 'ann-1', 'adm']);
    expect((await walk(reviewer.agent, path, 'members', { sort: 'role' })).map((row) => row.username)).toEqual(['adm', 'ann-1', 'ann-2', 'rev']);
    expect((await walk(reviewer.agent, path, 'members', { sort: 'role', order: 'desc' })).map((row) => row.username)).toEqual(['rev', 'ann-2', 'ann-1', 'adm']);
    expect((await walk(admin.agent, path, 'members', { role: 'annotator', q: '2' })).map((row) => row.username)).toEqual(['ann-2']);
    await annotator.agent.get(path).expect(403);
  });
});
