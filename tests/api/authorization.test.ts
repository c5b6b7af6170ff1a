// The authorization matrix (issue 5): every API route × every kind of caller, from one table.
// Routes are read from the app itself, so a route added without a row here fails the suite.
import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeContext, makeProject, makeUser, TEST_PASSWORD, type TestContext } from '../support/api.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { findDocument } from '../../server/documents/repo.ts';
import { addMember } from '../../server/projects/service.ts';
import { saveAnnotation } from '../../server/annotations/service.ts';
import { system } from '../../server/policy.ts';
import { declaredRoutes } from '../support/routes.ts';

type Caller = 'anonymous' | 'member' | 'outsider' | 'reviewer' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'member', 'outsider', 'reviewer', 'admin'];

interface Fixture {
  P: number; // the project
  Q: number; // another project
  D: number; // a document of P with a label on S
  S: number; // a labelled sentence of D
  S2: number; // an unlabelled sentence of a second document (boundaries may change)
  A: number; // an actor of P no claim uses
  I: number; // another actor of P (Israel, used by the claim on S): what A is merged into
  M: number; // the member annotator's user id
  R: number; // the reviewer's user id
}

interface Row {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The route as Express declares it. */
  route: string;
  /** The URL with fixture ids, e.g. `/api/documents/{D}`. */
  url: string;
  body?: (f: Fixture) => object;
  expect: Record<Caller, number>;
}

// Whatever the route, a non-member asking for an id of a project they are not in gets 404, as for
// an id that does not exist (a 403 would confirm it exists); a member without the role gets 403.
const all = (status: number): Record<Caller, number> => ({ anonymous: status, member: status, outsider: status, reviewer: status, admin: status });
const members = (ok: number) => ({ anonymous: 401, member: ok, outsider: 404, reviewer: ok, admin: ok });
const reviewers = (ok: number) => ({ anonymous: 401, member: 403, outsider: 404, reviewer: ok, admin: ok });
/** Admin-only, inside a project (the outsider is a non-member there). */
const projectAdmins = (ok: number) => ({ anonymous: 401, member: 403, outsider: 404, reviewer: 403, admin: ok });
/** Admin-only, outside any project (users, creating a project). */
const admins = (ok: number) => ({ anonymous: 401, member: 403, outsider: 403, reviewer: 403, admin: ok });
const signedIn = (ok: number) => ({ anonymous: 401, member: ok, outsider: ok, reviewer: ok, admin: ok });

const claim = (f: Fixture) => ({ speaker: { actorId: f.A }, stance: 'condemn', target: { actorId: f.A } });

const ROWS: Row[] = [
  { method: 'get', route: '/health', url: '/api/health', expect: all(200) },
  { method: 'post', route: '/session', url: '/api/session', body: () => ({ username: 'nobody', password: 'wrong password' }), expect: all(401) },
  { method: 'get', route: '/session', url: '/api/session', expect: signedIn(200) },
  { method: 'delete', route: '/session', url: '/api/session', expect: signedIn(200) },

  { method: 'get', route: '/users', url: '/api/users', expect: admins(200) },
  {
    method: 'post',
    route: '/users',
    url: '/api/users',
    body: () => ({ username: 'newcomer', password: 'a long password', role: 'annotator' }),
    expect: admins(201),
  },
  // A role change, not a password change: that would end M's sessions and muddle the row.
  { method: 'patch', route: '/users/:userId', url: '/api/users/{M}', body: () => ({ role: 'annotator' }), expect: admins(200) },

  { method: 'get', route: '/projects', url: '/api/projects', expect: signedIn(200) },
  { method: 'post', route: '/projects', url: '/api/projects', body: () => ({ name: 'New project' }), expect: admins(201) },
  { method: 'get', route: '/projects/:projectId', url: '/api/projects/{P}', expect: members(200) },
  { method: 'patch', route: '/projects/:projectId', url: '/api/projects/{P}', body: () => ({ overlap: 3 }), expect: projectAdmins(200) },
  { method: 'get', route: '/projects/:projectId/members', url: '/api/projects/{P}/members', expect: reviewers(200) },
  { method: 'post', route: '/projects/:projectId/members', url: '/api/projects/{P}/members', body: (f) => ({ userId: f.M }), expect: projectAdmins(201) },
  { method: 'delete', route: '/projects/:projectId/members/:userId', url: '/api/projects/{P}/members/{R}', expect: projectAdmins(200) },

  { method: 'get', route: '/projects/:projectId/actors', url: '/api/projects/{P}/actors', expect: members(200) },
  {
    method: 'post',
    route: '/projects/:projectId/actors',
    url: '/api/projects/{P}/actors',
    body: () => ({ name: 'Oman', kind: 'state' }),
    expect: members(201),
  },
  { method: 'patch', route: '/actors/:actorId', url: '/api/actors/{A}', body: () => ({ code: 'XYZ' }), expect: projectAdmins(200) },
  { method: 'delete', route: '/actors/:actorId', url: '/api/actors/{A}', expect: projectAdmins(200) },
  { method: 'post', route: '/actors/:actorId/merge', url: '/api/actors/{A}/merge', body: (f) => ({ intoId: f.I }), expect: projectAdmins(200) },

  {
    method: 'post',
    route: '/projects/:projectId/documents',
    url: '/api/projects/{P}/documents',
    body: () => ({ text: 'A new text.' }),
    expect: projectAdmins(201),
  },
  { method: 'get', route: '/projects/:projectId/documents', url: '/api/projects/{P}/documents', expect: members(200) },
  { method: 'get', route: '/projects/:projectId/documents/figures', url: '/api/projects/{P}/documents/figures', expect: members(200) },
  { method: 'get', route: '/documents/:documentId', url: '/api/documents/{D}', expect: members(200) },
  {
    method: 'post',
    route: '/projects/:projectId/imports',
    url: '/api/projects/{P}/imports',
    body: () => ({ fileName: 'a.txt', content: 'Imported text.' }),
    expect: projectAdmins(201),
  },
  { method: 'patch', route: '/sentences/:sentenceId', url: '/api/sentences/{S2}', body: () => ({ boilerplate: true }), expect: reviewers(200) },
  { method: 'post', route: '/sentences/:sentenceId/merge', url: '/api/sentences/{S2}/merge', body: () => ({}), expect: reviewers(200) },
  { method: 'post', route: '/sentences/:sentenceId/split', url: '/api/sentences/{S2}/split', body: () => ({ at: 5 }), expect: reviewers(200) },

  // Blind annotation: a member annotator reads their own labels (200) but never another's.
  { method: 'get', route: '/documents/:documentId/annotations', url: '/api/documents/{D}/annotations', expect: members(200) },
  { method: 'get', route: '/documents/:documentId/suggestions', url: '/api/documents/{D}/suggestions', expect: members(200) },
  // Any member may ask the model backend (it gets no labels); P has none, so a member learns that (409) and an outsider nothing.
  { method: 'post', route: '/documents/:documentId/predict', url: '/api/documents/{D}/predict', expect: members(409) },
  {
    method: 'post',
    route: '/projects/:projectId/predictions',
    url: '/api/projects/{P}/predictions',
    body: () => ({ model: 'm/1', records: [{ id: '000000000000:0', claims: [] }] }),
    expect: projectAdmins(400),
  },
  {
    method: 'put',
    route: '/sentences/:sentenceId/annotation',
    url: '/api/sentences/{S}/annotation',
    body: (f) => ({ status: 'claims', claims: [claim(f)] }),
    expect: members(200),
  },
  { method: 'delete', route: '/sentences/:sentenceId/annotation', url: '/api/sentences/{S2}/annotation?baseVersion=0', expect: members(200) },
  { method: 'get', route: '/sentences/:sentenceId/history', url: '/api/sentences/{S}/history', expect: reviewers(200) },

  { method: 'get', route: '/projects/:projectId/queue', url: '/api/projects/{P}/queue', expect: members(200) },
  { method: 'post', route: '/projects/:projectId/queue/next', url: '/api/projects/{P}/queue/next', body: () => ({}), expect: members(200) },
  { method: 'get', route: '/projects/:projectId/assignments', url: '/api/projects/{P}/assignments', expect: reviewers(200) },
  {
    method: 'post',
    route: '/projects/:projectId/assignments',
    url: '/api/projects/{P}/assignments',
    body: (f) => ({ documentId: f.D, userId: f.M }),
    expect: projectAdmins(201),
  },
  {
    method: 'post',
    route: '/projects/:projectId/assignments/next',
    url: '/api/projects/{P}/assignments/next',
    body: (f) => ({ userId: f.M, count: 2 }),
    expect: projectAdmins(200),
  },
  { method: 'delete', route: '/projects/:projectId/assignments/:documentId/:userId', url: '/api/projects/{P}/assignments/{D}/{M}', expect: projectAdmins(200) },

  // Agreement and adjudication: reviewers and admins only (annotation is blind).
  { method: 'get', route: '/projects/:projectId/agreement', url: '/api/projects/{P}/agreement', expect: reviewers(200) },
  { method: 'get', route: '/projects/:projectId/agreement/sources', url: '/api/projects/{P}/agreement/sources', expect: reviewers(200) },
  { method: 'get', route: '/projects/:projectId/disagreements', url: '/api/projects/{P}/disagreements', expect: reviewers(200) },
  { method: 'get', route: '/documents/:documentId/gold', url: '/api/documents/{D}/gold', expect: reviewers(200) },
  {
    method: 'put',
    route: '/sentences/:sentenceId/gold',
    url: '/api/sentences/{S}/gold',
    body: () => ({ status: 'no_claim', claims: [], method: 'edited' }),
    expect: reviewers(200),
  },
  {
    method: 'post',
    route: '/projects/:projectId/gold/unanimous',
    url: '/api/projects/{P}/gold/unanimous',
    body: () => ({ apply: false }),
    expect: reviewers(200),
  },

  { method: 'get', route: '/projects/:projectId/export', url: '/api/projects/{P}/export', expect: reviewers(200) },
  { method: 'get', route: '/schema/export-record.json', url: '/api/schema/export-record.json', expect: signedIn(200) },
  { method: 'get', route: '/openapi.json', url: '/api/openapi.json', expect: signedIn(200) },
];

function setup(ctx: TestContext): { fixture: Fixture; usernames: Record<Caller, string | null> } {
  const { project, actors } = makeProject(ctx);
  const { project: other } = makeProject(ctx);
  const member = makeUser(ctx, 'annotator');
  const outsider = makeUser(ctx, 'annotator');
  const reviewer = makeUser(ctx, 'reviewer');
  const admin = makeUser(ctx, 'admin');
  addMember(ctx.db, system('test'), project.id, member.id);
  addMember(ctx.db, system('test'), project.id, reviewer.id);
  addMember(ctx.db, system('test'), other.id, outsider.id);
  const imported = importDocuments(ctx.db, system('test'), project.id, [
    { text: 'China condemned Israel. Russia agreed.' },
    { text: 'First part here. Second part here.' },
  ]);
  const [doc, clean] = imported.imported;
  const firstSentence = (documentId: number) => findDocument(ctx.db, documentId)!.sentences[0]!.id;
  const S = firstSentence(doc!.id);
  saveAnnotation(ctx.db, member, S, {
    status: 'claims',
    claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }],
  });
  return {
    fixture: {
      P: project.id,
      Q: other.id,
      D: doc!.id,
      S,
      S2: firstSentence(clean!.id),
      A: actors.Russia!.id,
      I: actors.Israel!.id,
      M: member.id,
      R: reviewer.id,
    },
    usernames: { anonymous: null, member: member.username, outsider: outsider.username, reviewer: reviewer.username, admin: admin.username },
  };
}

let ctx: TestContext | undefined;
let empty: TestContext | undefined;
afterEach(() => {
  ctx?.close();
  empty?.close();
  ctx = undefined;
  empty = undefined;
});

const fill = (url: string, fixture: Fixture) => url.replace(/\{(\w+)\}/g, (_, key: keyof Fixture) => String(fixture[key]));

/** The outsider's answer to a row's request, in a database where it is signed in under `username`. */
async function asOutsider(context: TestContext, username: string, row: Row, fixture: Fixture) {
  const agent = request.agent(context.app);
  await agent.post('/api/session').send({ username, password: TEST_PASSWORD }).expect(200);
  const req = agent[row.method](fill(row.url, fixture));
  const res = row.body ? await req.send(row.body(fixture)) : await req;
  return { status: res.status, body: res.body as unknown };
}

describe('authorization matrix', () => {
  it('has exactly one row for every API route', () => {
    ctx = makeContext();
    const declared = declaredRoutes(ctx.app).map((route) => route.replace(/^(\w+) /, '$1 /api'));
    const rows = ROWS.map((row) => `${row.method.toUpperCase()} /api${row.route}`);
    const normalise = (list: string[]) => [...new Set(list)].sort();
    expect({
      missingRows: normalise(declared).filter((r) => !rows.includes(r)),
      rowsWithoutRoute: normalise(rows).filter((r) => !declared.includes(r)),
    }).toEqual({
      missingRows: [],
      rowsWithoutRoute: [],
    });
    expect(rows.length).toBe(new Set(rows).size);
  });

  for (const row of ROWS) {
    for (const caller of CALLERS) {
      it(`${row.method.toUpperCase()} ${row.route} as ${caller} → ${row.expect[caller]}`, async () => {
        ctx = makeContext();
        const { fixture, usernames } = setup(ctx);
        const agent = request.agent(ctx.app);
        const username = usernames[caller];
        if (username) await agent.post('/api/session').send({ username, password: TEST_PASSWORD }).expect(200);
        const url = fill(row.url, fixture);
        const req = agent[row.method](url);
        const res = row.body ? await req.send(row.body(fixture)) : await req;
        expect(res.status, JSON.stringify(res.body)).toBe(row.expect[caller]);
        if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
      });
    }
  }

  // The 404 must say nothing an unknown id would not: the same status and the same words, naming the
  // id that was asked for (a document, not the project it belongs to).
  for (const row of ROWS.filter((r) => r.expect.outsider === 404)) {
    it(`${row.method.toUpperCase()} ${row.route}: an outsider cannot tell a foreign id from one that does not exist`, async () => {
      ctx = makeContext();
      const { fixture, usernames } = setup(ctx);
      empty = makeContext();
      makeUser(empty, 'annotator', usernames.outsider!);
      const foreign = await asOutsider(ctx, usernames.outsider!, row, fixture);
      const unknown = await asOutsider(empty, usernames.outsider!, row, fixture);
      expect(unknown.status).toBe(404);
      expect(foreign).toEqual(unknown);
    });
  }
});
