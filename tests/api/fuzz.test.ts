// SQLite-specific (not in the PostgreSQL tier, vitest.config.ts SQLITE_ONLY): every case starts from a
// copy of one template database file, and the fingerprint reads each table sqlite_master lists.
// Property-based fuzzing (fast-check) of every API route, as every kind of caller: random and
// malformed path parameters, queries, bodies and headers. Whatever arrives, the server answers
// below 500; every 4xx is the JSON error body `{error: {code, message}}`; a rejected request
// leaves the database exactly as it was (a fingerprint of every table's content, compared before
// and after); and no request pollutes Object.prototype.
//
// One database is built per file (a template file copied back after any request that was
// accepted and may have changed it), so thousands of requests run in seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.ts';
import { openDb, type Db } from '../../server/db/connection.ts';
import { sqliteHandle } from '../../server/db/sqlite.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { findDocument } from '../../server/documents/repo.ts';
import { addMember } from '../../server/projects/service.ts';
import { saveAnnotation } from '../../server/annotations/service.ts';
import { system } from '../../server/policy.ts';
import { ErrorBody } from '../../shared/schemas/common.ts';
import { makeContext, makeProject, makeUser, TEST_PASSWORD } from '../support/api.ts';
import { declaredRoutes } from '../support/routes.ts';

type Caller = 'anonymous' | 'member' | 'outsider' | 'reviewer' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'member', 'outsider', 'reviewer', 'admin'];
/** Requests per route (callers drawn at random); tuned so the file runs in well under a minute on 2 cores. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);

interface Fixture {
  P: number; // the project
  Q: number; // another project (the outsider's)
  D: number; // a document of P with a label on S
  D2: number; // a second document of P, unlabelled
  S: number; // a labelled sentence of D
  S2: number; // a sentence of D2
  A: number; // an actor of P
  I: number; // another actor of P
  M: number; // the member annotator
  R: number; // the reviewer
  U: number; // the admin
}

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As Express declares it, below /api. */
  path: string;
  query?: (f: Fixture) => Record<string, string>;
  body?: (f: Fixture) => Record<string, unknown>;
}

const claim = (f: Fixture) => ({ speaker: { actorId: f.A }, stance: 'condemn', target: { actorId: f.I }, cue: { start: 0, end: 5 } });

// Every route with a request that would be valid for some caller: the fuzzer starts from it and breaks it.
const ROUTES: Route[] = [
  { method: 'GET', path: '/health' },
  { method: 'POST', path: '/session', body: () => ({ username: 'member', password: TEST_PASSWORD }) },
  { method: 'GET', path: '/session' },
  { method: 'DELETE', path: '/session' },
  { method: 'GET', path: '/users' },
  { method: 'POST', path: '/users', body: () => ({ username: 'newcomer', password: 'a long password', role: 'annotator' }) },
  { method: 'PATCH', path: '/users/:userId', body: () => ({ role: 'reviewer', disabled: false }) },
  { method: 'GET', path: '/projects' },
  { method: 'POST', path: '/projects', body: () => ({ name: 'New project', overlap: 2, codebook: '# Codebook' }) },
  { method: 'GET', path: '/projects/:projectId' },
  { method: 'PATCH', path: '/projects/:projectId', body: () => ({ overlap: 3, baseVersion: 1 }) },
  { method: 'GET', path: '/projects/:projectId/members' },
  { method: 'POST', path: '/projects/:projectId/members', body: (f) => ({ userId: f.M }) },
  { method: 'DELETE', path: '/projects/:projectId/members/:userId' },
  { method: 'GET', path: '/projects/:projectId/actors', query: () => ({ counts: '1' }) },
  { method: 'POST', path: '/projects/:projectId/actors', body: (f) => ({ name: 'Oman', kind: 'state', code: 'OMN', aliases: ['Muscat'], parentId: f.A }) },
  { method: 'PATCH', path: '/actors/:actorId', body: () => ({ code: 'XYZ', aliases: ['Beijing'], status: 'accepted' }) },
  { method: 'DELETE', path: '/actors/:actorId' },
  { method: 'POST', path: '/actors/:actorId/merge', body: (f) => ({ intoId: f.I }) },
  {
    method: 'POST',
    path: '/projects/:projectId/documents',
    body: () => ({ title: 'New', text: 'A new text. It has two sentences.', source: 'new.txt', meta: { a: 1 } }),
  },
  {
    method: 'GET',
    path: '/projects/:projectId/documents',
    query: (f) => ({ q: 'text', status: 'unassigned', assignee: String(f.M), from: '2020-01-01', to: '2099-12-31', sort: 'title', order: 'desc', limit: '10' }),
  },
  { method: 'GET', path: '/projects/:projectId/documents/figures' },
  { method: 'GET', path: '/documents/:documentId' },
  { method: 'POST', path: '/projects/:projectId/imports', body: () => ({ fileName: 'a.jsonl', content: '{"text":"Imported text."}\n', firstLine: 1 }) },
  { method: 'PATCH', path: '/sentences/:sentenceId', body: () => ({ boilerplate: true }) },
  { method: 'POST', path: '/sentences/:sentenceId/merge', body: () => ({}) },
  { method: 'POST', path: '/sentences/:sentenceId/split', body: () => ({ at: 5 }) },
  { method: 'GET', path: '/documents/:documentId/annotations', query: (f) => ({ annotator: String(f.M) }) },
  { method: 'GET', path: '/documents/:documentId/suggestions' },
  { method: 'POST', path: '/documents/:documentId/predict' },
  { method: 'POST', path: '/projects/:projectId/predictions', body: () => ({ model: 'm/1', records: [{ id: '000000000000:0', claims: [] }] }) },
  {
    method: 'PUT',
    path: '/sentences/:sentenceId/annotation',
    body: (f) => ({ status: 'claims', claims: [claim(f)], note: 'n', baseVersion: 1, timeSpentMs: 10 }),
  },
  { method: 'DELETE', path: '/sentences/:sentenceId/annotation', query: () => ({ baseVersion: '1' }) },
  { method: 'GET', path: '/sentences/:sentenceId/history' },
  { method: 'GET', path: '/projects/:projectId/queue' },
  { method: 'POST', path: '/projects/:projectId/queue/next', body: () => ({}) },
  { method: 'GET', path: '/projects/:projectId/assignments' },
  { method: 'POST', path: '/projects/:projectId/assignments', body: (f) => ({ documentId: f.D2, userId: f.M }) },
  { method: 'POST', path: '/projects/:projectId/assignments/next', body: (f) => ({ userId: f.M, count: 2 }) },
  { method: 'DELETE', path: '/projects/:projectId/assignments/:documentId/:userId' },
  { method: 'GET', path: '/projects/:projectId/agreement' },
  { method: 'GET', path: '/projects/:projectId/agreement/sources' },
  { method: 'GET', path: '/projects/:projectId/disagreements', query: (f) => ({ documentId: String(f.D), field: 'stance', resolved: '1', limit: '10' }) },
  { method: 'GET', path: '/documents/:documentId/gold' },
  {
    method: 'PUT',
    path: '/sentences/:sentenceId/gold',
    body: (f) => ({ status: 'claims', claims: [claim(f)], method: 'accepted', sourceAnnotators: [f.M], rationale: 'r', baseVersion: 0 }),
  },
  { method: 'POST', path: '/projects/:projectId/gold/unanimous', body: () => ({ apply: true }) },
  { method: 'GET', path: '/projects/:projectId/export', query: (f) => ({ gold: 'include', flat: '1', documents: String(f.D) }) },
  { method: 'GET', path: '/schema/export-record.json' },
  { method: 'GET', path: '/openapi.json' },
];

// --- the database under test: a template with fixtures and signed-in sessions, copied back after accepted writes ---

let dir: string;
let template: string;
let fixture: Fixture;
let cookies: Record<Caller, string | null>;
let current: { db: Db; app: ReturnType<typeof createApp>; file: string };
let server: Server;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
let copies = 0;
const serverErrors: unknown[] = [];

function openCopy() {
  const file = join(dir, `copy-${++copies}.db`);
  copyFileSync(template, file);
  const db = openDb(file);
  return { db, file, app: createApp({ db, log: (_message, error) => serverErrors.push(error) }) };
}

function reset() {
  current.db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(current.file + suffix, { force: true });
  current = openCopy();
}

/**
 * Every table's content, in storage order (sessions: only which exist, their last-seen time moves on
 * reads; events: not failed sign-ins; sign-in throttle counts: not at all, a refused sign-in is meant
 * to count).
 */
function fingerprint(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const hash = createHash('sha256');
  for (const { name } of tables) {
    if (name === 'sessions') hash.update(JSON.stringify(db.prepare('SELECT count(*), group_concat(token_hash) FROM sessions').get()));
    // A refused sign-in is meant to leave its audit event (issue 12 item 8) and its throttle count; nothing else may change.
    else if (name === 'sign_in_throttle') continue;
    else if (name === 'events')
      for (const row of db.prepare("SELECT * FROM events WHERE action <> 'sign_in_failed'").iterate()) hash.update(JSON.stringify(row));
    else for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) hash.update(JSON.stringify(row));
    hash.update(`|${name}|`);
  }
  return hash.digest('hex');
}

beforeAll(async () => {
  const ctx = makeContext();
  const { project, actors } = makeProject(ctx);
  const { project: other } = makeProject(ctx);
  const users = {
    member: makeUser(ctx, 'annotator', 'member'),
    outsider: makeUser(ctx, 'annotator', 'outsider'),
    reviewer: makeUser(ctx, 'reviewer', 'reviewer'),
    admin: makeUser(ctx, 'admin', 'admin'),
  };
  addMember(ctx.db, system('test'), project.id, users.member.id);
  addMember(ctx.db, system('test'), project.id, users.reviewer.id);
  addMember(ctx.db, system('test'), other.id, users.outsider.id);
  const [doc, second] = importDocuments(ctx.db, system('test'), project.id, [
    { text: 'China condemned Israel. Russia agreed with China.' },
    { text: 'First part here. Second part here.' },
  ]).imported;
  const sentenceOf = (documentId: number) => findDocument(ctx.db, documentId)!.sentences[0]!.id;
  const S = sentenceOf(doc!.id);
  saveAnnotation(ctx.db, { ...users.member, disabled: false }, S, {
    status: 'claims',
    claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }],
  });
  fixture = {
    P: project.id,
    Q: other.id,
    D: doc!.id,
    D2: second!.id,
    S,
    S2: sentenceOf(second!.id),
    A: actors.Russia!.id,
    I: actors.Israel!.id,
    M: users.member.id,
    R: users.reviewer.id,
    U: users.admin.id,
  };

  // Sessions live in the database, so the cookies stay valid in every copy of the template.
  const signIn = async (username: string) => {
    const res = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
      const server = createServer(ctx.app).listen(0, '127.0.0.1', () => {
        const body = JSON.stringify({ username, password: TEST_PASSWORD });
        const req = httpRequest(
          {
            port: (server.address() as AddressInfo).port,
            host: '127.0.0.1',
            method: 'POST',
            path: '/api/session',
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => server.close(() => resolve({ status: res.statusCode!, cookie: String(res.headers['set-cookie']?.[0]).split(';')[0]! })));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    });
    expect(res.status).toBe(200);
    return res.cookie;
  };
  cookies = {
    anonymous: null,
    member: await signIn('member'),
    outsider: await signIn('outsider'),
    reviewer: await signIn('reviewer'),
    admin: await signIn('admin'),
  };

  dir = mkdtempSync(join(tmpdir(), 'parley-fuzz-'));
  template = join(dir, 'template.db');
  await sqliteHandle(ctx.db)!.backup(template);
  ctx.close();
  current = openCopy();
  server = createServer((req, res) => current.app(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  current.db.close();
  rmSync(dir, { recursive: true, force: true });
});

// --- what the fuzzer sends ---

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function send(request: Sent): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, agent, method: request.method, path: request.path, headers: request.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

const HUGE = 'x'.repeat(4_900_000);
const deep = (depth: number, leaf: string) => '['.repeat(depth) + leaf + ']'.repeat(depth);

/** A path segment: a valid id of the right kind, another fixture's id, or something hostile. */
const segment = (name: string) => {
  const valid: Record<string, (f: Fixture) => number[]> = {
    projectId: (f) => [f.P, f.Q],
    documentId: (f) => [f.D, f.D2],
    sentenceId: (f) => [f.S, f.S2],
    actorId: (f) => [f.A, f.I],
    userId: (f) => [f.M, f.R, f.U],
  };
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(valid[name]?.(fixture) ?? [1])).map(String) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.values(fixture)).map(String) },
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.constantFrom(
          '0',
          '-1',
          '1.5',
          '1e3',
          '0x10',
          '007',
          'NaN',
          'Infinity',
          '9007199254740993',
          '99999999999999999999999',
          '%',
          '%zz',
          '%E0%A4%A',
          '%00',
          '%C0%AE',
          '..',
          '%2e%2e',
          '__proto__',
          'constructor',
          'me',
          '%F0%9F%98%80',
          '%EF%BC%91',
          encodeURIComponent('١٢'),
        ),
        fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map(String),
        fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
      ),
    },
  );
};

/** A JSON value with the shapes validators get wrong: wrong types, unicode, null bytes, deep nesting, huge strings. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, '', ' ', '\u0000', 'a\u0000b', '\ud800', '😀'.repeat(40), 'NaN', '1', [], {}, [null], {
    __proto__: null,
  }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => JSON.parse(deep(depth, '1')) as unknown),
);

/** The raw JSON text of a body: the valid body, broken one field at a time, or something else entirely. */
const bodyText = (route: Route): fc.Arbitrary<string | undefined> => {
  const valid = route.body?.(fixture);
  const mutations: fc.Arbitrary<string | undefined>[] = [
    fc.constant(valid === undefined ? undefined : JSON.stringify(valid)),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.constantFrom('', '{', '{"a":', 'null', '"text"', '[]', '{"a":1}}', '{"a":1,}', "{'a':1}", '\u0000', '{"a":"\\ud800"}', '{"a":1e999}'),
    fc.integer({ min: 1, max: 20_000 }).map((depth) => deep(depth, '{}')),
  ];
  if (valid) {
    const keys = Object.keys(valid);
    const withField = (key: string, value: unknown) => JSON.stringify({ ...valid, [key]: value });
    mutations.push(
      // a field replaced by something hostile, removed, or an extra field added
      fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), hostileValue).map(([key, value]) => withField(key, value)),
      fc.constantFrom(...(keys.length ? keys : ['x'])).map((key) => JSON.stringify({ ...valid, [key]: undefined })),
      fc.tuple(fc.string({ maxLength: 12 }), hostileValue).map(([key, value]) => withField(`extra${key}`, value)),
      // prototype pollution: JSON.stringify drops __proto__ keys, so these are written by hand
      fc
        .constantFrom('__proto__', 'constructor', 'prototype')
        .map((key) => JSON.stringify(valid).replace(/^\{/, `{"${key}":{"role":"admin","isAdmin":true,"prototype":{"polluted":1}},`)),
      fc.constant(JSON.stringify(valid).replace(/\{"actorId"/g, '{"__proto__":{"actorId":1},"actorId"')),
      // a huge string (within the 5 MB limit), in a field or as an extra one
      fc.constantFrom(...keys, 'padding').map((key) => withField(key, HUGE)),
    );
  }
  return fc.oneof(...mutations.map((arbitrary, i) => ({ weight: i === mutations.length - 1 && valid ? 1 : 4, arbitrary })));
};

const queryText = (route: Route): fc.Arbitrary<string> => {
  const valid = route.query?.(fixture) ?? {};
  const keys = [
    ...Object.keys(valid),
    'annotator',
    'baseVersion',
    'gold',
    'flat',
    'documents',
    'documentId',
    'field',
    'resolved',
    'limit',
    'counts',
    '__proto__',
    'constructor',
    'a[b]',
    'x',
  ];
  const pair = fc.tuple(
    fc.constantFrom(...keys),
    fc.oneof(
      fc.constantFrom(...Object.values(valid), '', 'me', '-1', '0', '1', '1e3', '99999999999999999999', 'true', 'only', '%', '%zz', '%00'),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    ),
  );
  return fc.oneof(
    fc.constant(new URLSearchParams(valid).toString()),
    fc
      .array(pair, { maxLength: 4 })
      .map((pairs) => pairs.map(([key, value]) => `${encodeURIComponent(key).replace('%5B', '[').replace('%5D', ']')}=${value}`).join('&')),
    fc.tuple(fc.constantFrom(...keys), fc.string({ maxLength: 8 })).map(([key, value]) => `${key}=1&${key}=${encodeURIComponent(value)}`),
  );
};

const requestFor = (route: Route): fc.Arbitrary<{ caller: Caller; sent: Sent }> =>
  fc
    .record({
      caller: fc.constantFrom(...CALLERS),
      segments: fc.tuple(...(route.path.match(/:\w+/g) ?? []).map((name) => segment(name.slice(1)))),
      query: queryText(route),
      body: route.method === 'GET' ? fc.constant(undefined) : bodyText(route),
      contentType: fc.oneof(
        { weight: 12, arbitrary: fc.constant('application/json') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'application/json; charset=utf-8',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
            'multipart/form-data',
          ),
        },
      ),
      origin: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('http://evil.example', 'null') }),
    })
    .map(({ caller, segments, query, body, contentType, origin }) => {
      let index = 0;
      const path = `/api${route.path.replace(/:\w+/g, () => String(segments[index++]))}${query ? `?${query}` : ''}`;
      const headers: Record<string, string> = {};
      if (cookies[caller]) headers.cookie = cookies[caller];
      if (origin) headers.origin = origin;
      if (body !== undefined) {
        headers['content-type'] = contentType;
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      return { caller, sent: { method: route.method, path, headers, body } };
    });

const describeRequest = ({ caller, sent }: { caller: Caller; sent: Sent }) =>
  `${sent.method} ${sent.path.slice(0, 300)} as ${caller} (${sent.headers['content-type'] ?? 'no body'}) ${sent.body === undefined ? '' : sent.body.slice(0, 300)}`;

describe('fuzzing every route', () => {
  it('covers every route the app declares', () => {
    expect(ROUTES.map((route) => `${route.method} ${route.path}`).sort()).toEqual(declaredRoutes(current.app));
  });

  it('answers a path parameter that is not valid percent-encoding with 400, not 500 (found by this fuzzer)', async () => {
    for (const path of ['/api/projects/%E0%A4%A', '/api/documents/%/annotations', '/api/sentences/%zz/annotation']) {
      const res = await send({ method: 'GET', path, headers: { cookie: cookies.admin! } });
      expect({ path, status: res.status, code: (JSON.parse(res.text) as ErrorBody).error.code }).toEqual({ path, status: 400, code: 'validation_error' });
    }
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: never a 5xx, a JSON error on every 4xx, nothing written by a rejected request`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (input) => {
          const before = fingerprint(current.db);
          const errorsBefore = serverErrors.length;
          const res = await send(input.sent);
          const what = `${describeRequest(input)} → ${res.status} ${res.text.slice(0, 300)}`;
          expect(serverErrors.slice(errorsBefore), what).toEqual([]);
          expect(res.status, what).toBeLessThan(500);
          expect(Object.keys(Object.prototype), what).toEqual([]);
          if (res.status >= 400) {
            expect(res.contentType, what).toMatch(/^application\/json/);
            expect(ErrorBody.safeParse(JSON.parse(res.text)).success, what).toBe(true);
            expect(fingerprint(current.db), `database changed by a rejected request: ${what}`).toBe(before);
          } else if (input.sent.method !== 'GET') {
            reset(); // an accepted write changed the database: start the next run from the template again
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }, 60_000);
  }
});
