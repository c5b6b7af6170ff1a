import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { createUser } from '../../server/users/service.ts';
import { system } from '../../server/policy.ts';
import type { AppOptions } from '../../server/app.ts';
import { ProjectList } from '../../shared/schemas/projects.ts';
import { sessionUsers } from '../support/inspect.ts';

let ctx: TestContext;
function context(options: Omit<AppOptions, 'db'> = {}) {
  ctx = makeContext(options);
  return ctx;
}
afterEach(() => {
  vi.useRealTimers();
  ctx.close();
});

const PASSWORD = 'a long password';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function attempt(username: string, password: string, address?: string) {
  const req = request(ctx.app).post('/api/session');
  if (address) req.set('X-Forwarded-For', address);
  return req.send({ username, password });
}

describe('sign-in throttling', () => {
  it('answers 429 with Retry-After after 5 failures for a username, even to the right password', async () => {
    // A frozen clock: on a loaded machine the five failures can take over a second (899 s left).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-01T10:00:00Z'));
    context();
    await createUser(ctx.db, system('test'), { username: 'ada', password: PASSWORD, role: 'annotator' });
    for (let i = 0; i < 5; i++) await attempt('ada', 'wrong password').expect(401);
    const refused = await attempt('ada', PASSWORD).expect(429);
    expect(refused.body.error).toEqual({
      code: 'too_many_requests',
      message: 'Too many failed sign-in attempts. Try again in 15 minutes.',
      retryAfterSeconds: 900,
    });
    expect(refused.headers['retry-after']).toBe('900');
    // The same account under another spelling shares the count (usernames ignore case).
    await attempt('ADA', PASSWORD).expect(429);
  });

  it('hears the username again once the window has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-01T10:00:00Z'));
    context();
    await createUser(ctx.db, system('test'), { username: 'ada', password: PASSWORD, role: 'annotator' });
    for (let i = 0; i < 5; i++) {
      await attempt('ada', 'wrong password').expect(401);
      vi.setSystemTime(Date.now() + MINUTE);
    }
    // Failures at 10:00..10:04; at 10:05 the first leaves the window at 10:15.
    const refused = await attempt('ada', PASSWORD).expect(429);
    expect(refused.headers['retry-after']).toBe(String(10 * 60));
    vi.setSystemTime(new Date('2025-06-01T10:14:59Z'));
    expect((await attempt('ada', PASSWORD).expect(429)).headers['retry-after']).toBe('1');
    vi.setSystemTime(new Date('2025-06-01T10:15:00Z'));
    await attempt('ada', PASSWORD).expect(200);
  });

  it('a successful sign-in resets the username count', async () => {
    context();
    await createUser(ctx.db, system('test'), { username: 'ada', password: PASSWORD, role: 'annotator' });
    for (let i = 0; i < 4; i++) await attempt('ada', 'wrong password').expect(401);
    await attempt('ada', PASSWORD).expect(200);
    for (let i = 0; i < 4; i++) await attempt('ada', 'wrong password').expect(401);
    await attempt('ada', PASSWORD).expect(200);
  });

  it('answers 429 after 20 failures from one address, whatever the username; other addresses go on', async () => {
    // Trusting the proxy lets the test speak from several addresses through X-Forwarded-For.
    context({ trustProxy: true });
    await createUser(ctx.db, system('test'), { username: 'ada', password: PASSWORD, role: 'annotator' });
    for (let i = 0; i < 20; i++) await attempt(`guess${i}`, 'wrong password', '203.0.113.7').expect(401);
    const refused = await attempt('ada', PASSWORD, '203.0.113.7').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await attempt('ada', PASSWORD, '198.51.100.2').expect(200);
  });

  it('counts attempts sent all at once, not only those already answered', async () => {
    context();
    await createUser(ctx.db, system('test'), { username: 'ada', password: PASSWORD, role: 'annotator' });
    const statuses = await Promise.all(Array.from({ length: 8 }, () => attempt('ada', 'wrong password').then((res) => res.status)));
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
  });
});

describe('session expiry', () => {
  it('ends a session left unused longer than the idle limit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-01T10:00:00Z'));
    context({ sessionLimits: { idleMs: HOUR, absoluteMs: 24 * HOUR } });
    const { agent } = await signedIn(ctx, 'annotator');
    vi.setSystemTime(Date.now() + 50 * MINUTE);
    await agent.get('/api/session').expect(200);
    // Used 50 minutes in, so the hour runs from there: 100 minutes after sign-in it still lives.
    vi.setSystemTime(Date.now() + 50 * MINUTE);
    await agent.get('/api/session').expect(200);
    vi.setSystemTime(Date.now() + HOUR);
    await agent.get('/api/session').expect(401);
    // Not only refused: the ended session is deleted, not left stored.
    expect(sessionUsers(ctx.db)).toEqual([]);
  });

  it('ends a session at the absolute limit however busy it is', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-01T10:00:00Z'));
    context({ sessionLimits: { idleMs: HOUR, absoluteMs: 3 * HOUR } });
    const { agent } = await signedIn(ctx, 'annotator');
    for (let minutes = 30; minutes < 180; minutes += 30) {
      vi.setSystemTime(new Date(Date.parse('2025-06-01T10:00:00Z') + minutes * MINUTE));
      await agent.get('/api/session').expect(200);
    }
    vi.setSystemTime(new Date('2025-06-01T13:00:00Z'));
    await agent.get('/api/session').expect(401);
  });

  it('deletes ended sessions on a timer, even ones never used again; live ones stay', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2025-06-01T10:00:00Z'));
    context({ sessionLimits: { idleMs: HOUR, absoluteMs: 24 * HOUR }, sessionPurgeIntervalMs: 10 * MINUTE });
    const idle = await signedIn(ctx, 'annotator');
    const busy = await signedIn(ctx, 'annotator');
    const sessions = () => sessionUsers(ctx.db);
    vi.advanceTimersByTime(50 * MINUTE);
    await busy.agent.get('/api/session').expect(200);
    expect(sessions()).toEqual([idle.userId, busy.userId]);
    // At 11:00 the idle session has been unused for an hour; nobody sends its cookie again.
    vi.advanceTimersByTime(10 * MINUTE);
    expect(sessions()).toEqual([busy.userId]);
  });

  it('sign-out ends the session on the server, not only the cookie', async () => {
    context();
    await createUser(ctx.db, system('test'), { username: 'ada', password: PASSWORD, role: 'annotator' });
    const res = await attempt('ada', PASSWORD).expect(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    await request(ctx.app).get('/api/session').set('Cookie', cookie).expect(200);
    await request(ctx.app).delete('/api/session').set('Cookie', cookie).expect(200);
    // Replaying the old cookie gets nowhere.
    await request(ctx.app).get('/api/session').set('Cookie', cookie).expect(401);
  });
});

describe('cross-site request defences', () => {
  it('refuses a state-changing request whose Origin is another site', async () => {
    context();
    const { agent } = await signedIn(ctx, 'admin');
    const res = await agent.post('/api/projects').set('Origin', 'https://evil.example').send({ name: 'Forged' }).expect(403);
    expect(res.body.error).toEqual({ code: 'forbidden', message: 'cross-origin request refused' });
    await agent.delete('/api/session').set('Origin', 'https://evil.example').expect(403);
    await agent.post('/api/projects').set('Origin', 'null').send({ name: 'Forged' }).expect(403);
    await request(ctx.app).post('/api/session').set('Origin', 'https://evil.example').send({ username: 'x', password: 'y' }).expect(403);
    // The refused requests changed nothing: no project, still signed in.
    await agent.get('/api/session').expect(200);
    const { projects } = ProjectList.parse((await agent.get('/api/projects').expect(200)).body);
    expect(projects.map((project) => project.name)).not.toContain('Forged');
  });

  it('accepts the same origin, no Origin at all, and reads from anywhere', async () => {
    context();
    const { agent } = await signedIn(ctx, 'admin');
    await agent.post('/api/projects').set('Host', 'parley.example:8080').set('Origin', 'http://parley.example:8080').send({ name: 'Same' }).expect(201);
    await agent.post('/api/projects').send({ name: 'No origin' }).expect(201);
    await agent.get('/api/projects').set('Origin', 'https://evil.example').expect(200);
    // Same host, other port: another origin.
    await agent.post('/api/projects').set('Host', 'parley.example:8080').set('Origin', 'http://parley.example:9090').send({ name: 'Port' }).expect(403);
  });

  it('requires a JSON content type on state-changing requests with a body', async () => {
    context();
    const { agent, userId } = await signedIn(ctx, 'admin');
    const { project } = makeProject(ctx);
    const form = await agent.post('/api/projects').type('form').send('name=Forged').expect(415);
    expect(form.body.error).toEqual({ code: 'unsupported_media_type', message: 'Request body must be JSON (Content-Type: application/json).' });
    await agent.post('/api/users').set('Content-Type', 'text/plain').send('{"username":"x","password":"12345678","role":"admin"}').expect(415);
    await agent.patch(`/api/users/${userId}`).set('Content-Type', 'text/plain').send('{"role":"annotator"}').expect(415);
    await agent.delete(`/api/projects/${project.id}/members/${userId}`).set('Content-Type', 'text/plain').send('x').expect(415);
    // A DELETE without a body needs no content type.
    await agent.delete('/api/session').expect(200);
  });
});

describe('request body limits', () => {
  const bigJson = (megabytes: number) => JSON.stringify({ name: 'x'.repeat(megabytes * 1024 * 1024) });

  it('answers 413 with the limit in words to a JSON body over 5 MB', async () => {
    context();
    const { agent } = await signedIn(ctx, 'admin');
    const res = await agent.post('/api/projects').set('Content-Type', 'application/json').send(bigJson(6)).expect(413);
    expect(res.body.error).toEqual({ code: 'payload_too_large', message: 'Request body is too large: the limit for this request is 5 MB.' });
  });

  it('gives file imports their own limit (PARLEY_UPLOAD_MB)', async () => {
    context({ uploadLimitMb: 7 });
    const { agent } = await signedIn(ctx, 'admin');
    const { project } = makeProject(ctx);
    const content = 'A sentence about China. '.repeat(Math.ceil((6 * 1024 * 1024) / 24));
    // 6 MB is over the general limit but under this app's upload limit: the import route hears it
    // (and its own schema refuses a file this long for one request).
    const heard = await agent.post(`/api/projects/${project.id}/imports`).send({ fileName: 'big.txt', content }).expect(400);
    expect(heard.body.error.issues[0]).toMatchObject({ path: 'content', message: expect.stringMatching(/too large for one request/) });
    const tooBig = await agent
      .post(`/api/projects/${project.id}/imports`)
      .send({ fileName: 'big.txt', content: content + content })
      .expect(413);
    expect(tooBig.body.error.message).toBe('Request body is too large: the limit for this request is 7 MB.');
  });
});

describe('compressed request bodies', () => {
  // Raw HTTP: supertest would re-encode a Buffer body sent as JSON.
  async function post(path: string, cookie: string, encoding: string, body: Buffer) {
    const server = ctx.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      return await new Promise<{ status: number; body: { error?: { code: string; message: string } } }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path,
            headers: { cookie, 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': body.length },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    } finally {
      server.close();
    }
  }

  it('answers 400 naming the problem, never 415 or 500, to an unknown, garbled or truncated Content-Encoding', async () => {
    const errors: unknown[] = [];
    context({ log: (_message, error) => errors.push(error) });
    await createUser(ctx.db, system('test'), { username: 'ada', password: PASSWORD, role: 'admin' });
    const cookie = String((await attempt('ada', PASSWORD).expect(200)).headers['set-cookie']).split(';')[0]!;
    const project = (name: string) => Buffer.from(JSON.stringify({ name }));
    const gzip = gzipSync(project('Zipped'));

    expect((await post('/api/projects', cookie, 'gzip', gzip)).status).toBe(201);
    expect((await post('/api/projects', cookie, 'deflate', deflateSync(project('Deflated')))).status).toBe(201);
    for (const [encoding, body, message] of [
      ['compress', project('X'), 'Unsupported Content-Encoding "compress": send the body uncompressed or as gzip, deflate or br.'],
      ['gzip, gzip', gzip, 'Unsupported Content-Encoding "gzip, gzip": send the body uncompressed or as gzip, deflate or br.'],
      ['gzip', Buffer.from('this is not gzip'), /could not be decompressed .*incorrect header check/],
      ['gzip', gzip.subarray(0, gzip.length - 8), /could not be decompressed .*unexpected end of file/],
      ['deflate', Buffer.from('nope'), /could not be decompressed/],
      ['br', Buffer.from('not brotli either'), /could not be decompressed/],
      ['br', brotliCompressSync(project('Cut')).subarray(0, 5), /could not be decompressed/],
    ] as const) {
      const res = await post('/api/projects', cookie, encoding, body);
      expect({ encoding, status: res.status, code: res.body.error?.code }).toEqual({ encoding, status: 400, code: 'validation_error' });
      expect(res.body.error?.message).toMatch(message);
    }
    // The file import route has its own body parser: the same answer there.
    const upload = await post('/api/projects/1/imports', cookie, 'gzip', gzip.subarray(0, 10));
    expect(upload).toMatchObject({ status: 400, body: { error: { code: 'validation_error' } } });
    expect(errors).toEqual([]);
    const { projects } = ProjectList.parse((await request(ctx.app).get('/api/projects').set('Cookie', cookie).expect(200)).body);
    expect(projects.map((row) => row.name)).toEqual(['Zipped', 'Deflated']);
  });
});

describe('the built client', () => {
  it('never serves a source map, not even one left in the folder, nor the app shell in its place', async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'parley-client-'));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Parley</title>');
    writeFileSync(join(clientDir, 'assets', 'index-abc123.js'), 'console.log(1);');
    writeFileSync(join(clientDir, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["../src/main.tsx"]}');
    context({ clientDir });
    await request(ctx.app).get('/assets/index-abc123.js').expect(200);
    const spellings = ['/assets/index-abc123.js%2Emap', '/assets/index-abc123.js%2emap', '/assets/index-abc123.js.ma%70', '/assets/index-abc123.js.MAP'];
    for (const path of ['/assets/index-abc123.js.map', '/assets/missing.js.map', '/assets/index-abc123.css.map', '/index.js.map', ...spellings]) {
      const res = await request(ctx.app).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text).not.toContain('sources');
    }
    // Deep links still get the app shell.
    expect((await request(ctx.app).get('/projects/1').expect(200)).text).toContain('<title>Parley</title>');
    rmSync(clientDir, { recursive: true, force: true });
  });
});

describe('security headers', () => {
  it('sends a content security policy, nosniff and no framing on API and pages', async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'parley-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Parley</title>');
    context({ clientDir });
    for (const path of ['/api/health', '/api/projects', '/projects/1/documents/2']) {
      const res = await request(ctx.app).get(path);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    rmSync(clientDir, { recursive: true, force: true });
  });
});
