// HTML import cannot freeze the server (issue 12 item 11): pages are converted on a worker thread
// with a time limit, so a hostile page is a 400 within seconds while every other request is answered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { makeContext, makeProject, makeUser, TEST_PASSWORD, type Agent, type TestContext } from '../support/api.ts';
import { DocumentList } from '../../shared/schemas/documents.ts';
import { DEFAULT_HTML_LIMITS } from '../../server/text/htmlConverter.ts';

const article = readFileSync(new URL('../fixtures/news-article.html', import.meta.url), 'utf8');

/** Pages that keep linkedom busy for minutes (measured: 44 s, then a stack overflow, for the first). */
const HOSTILE = {
  'unclosed-bold.html': `<html><body><p>${'A sentence of ordinary article text here. '.repeat(3)}</p>${'<b>x '.repeat(20_000)}</body></html>`,
  'nested-divs.html': `<html><body>${'<div>'.repeat(200_000)}The article text is long enough to count as a paragraph of news.</body></html>`,
};

let ctx: TestContext;
let server: Server;
let base: string;
beforeEach(async () => {
  ctx = makeContext();
  server = ctx.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  ctx.close();
});

/** GET /api/health through the listening server; resolves with how long the answer took. */
function health(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    httpRequest(`${base}/api/health`, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`health answered ${res.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}

async function adminAgent() {
  const admin = makeUser(ctx, 'admin');
  const agent = request.agent(base);
  await agent.post('/api/session').send({ username: admin.username, password: TEST_PASSWORD }).expect(200);
  return agent;
}

/** How many documents the project holds, as its document list shows them. */
const documentCount = async (agent: Agent, projectId: number) =>
  DocumentList.parse((await agent.get(`/api/projects/${projectId}/documents`).expect(200)).body).documents.length;

describe('HTML import off the request thread', () => {
  it('answers a hostile page with a 400 saying it could not be converted in time, while /api/health answers at once', async () => {
    const { project } = makeProject(ctx);
    const agent = await adminAgent();
    for (const [fileName, content] of Object.entries(HOSTILE)) {
      let settled = false;
      const importing = agent
        .post(`/api/projects/${project.id}/imports`)
        .send({ fileName, content })
        .then((res) => {
          settled = true;
          return res;
        });
      // Ask for health over and over while the page is being converted. With the conversion on the
      // request thread, the first of these would wait as long as the conversion (minutes).
      const waits: number[] = [];
      while (!settled) waits.push(await health());
      const res = await importing;
      expect({ fileName, status: res.status, code: res.body.error?.code }).toEqual({ fileName, status: 400, code: 'validation_error' });
      expect(res.body.error.message).toBe(
        `${fileName}: the page could not be converted within 5 seconds (it may be malformed, e.g. thousands of unclosed or deeply nested tags); nothing was imported.`,
      );
      expect(waits.length).toBeGreaterThan(3);
      // A loose bound: an answer from a free event loop takes milliseconds, a blocked one seconds.
      expect(Math.max(...waits), `health waits: ${waits.map(Math.round).join(', ')} ms`).toBeLessThan(1000);
    }
    expect(await documentCount(agent, project.id)).toBe(0);

    // The killed worker is replaced: the next page imports normally.
    const ok = await agent.post(`/api/projects/${project.id}/imports`).send({ fileName: 'article.html', content: article }).expect(201);
    expect(ok.body).toMatchObject({ format: 'html', errors: [] });
    expect(ok.body.imported).toHaveLength(1);
    expect(DEFAULT_HTML_LIMITS.timeLimitMs).toBe(5000);
  }, 60_000);

  it('converts pages sent at once one after another, each with its own result', async () => {
    const { project } = makeProject(ctx);
    const agent = await adminAgent();
    const pages = [0, 1, 2].map((n) => article.replace('</h1>', ` (part ${n})</h1>`).replace(/<p>/, `<p>Edition ${n} of the report. `));
    const results = await Promise.all(
      pages.map((content, n) => agent.post(`/api/projects/${project.id}/imports`).send({ fileName: `page-${n}.html`, content })),
    );
    expect(results.map((res) => [res.status, res.body.fileName, res.body.imported?.length])).toEqual([
      [201, 'page-0.html', 1],
      [201, 'page-1.html', 1],
      [201, 'page-2.html', 1],
    ]);
    expect(await documentCount(agent, project.id)).toBe(3);
  });

  it('still answers a page without an article with a 400 naming the file', async () => {
    const { project } = makeProject(ctx);
    const agent = await adminAgent();
    const res = await agent
      .post(`/api/projects/${project.id}/imports`)
      .send({ fileName: 'menu.html', content: '<html><body><nav>Home</nav></body></html>' })
      .expect(400);
    expect(res.body.error.message).toBe('menu.html: no article text found in this HTML page');
  });
});

describe('HTML import from the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-html-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the same conversion: a hostile or oversized page fails with its reason, the others import', async () => {
    const { project } = makeProject(ctx);
    writeFileSync(join(dir, 'a-article.html'), article);
    writeFileSync(join(dir, 'b-unclosed-bold.html'), HOSTILE['unclosed-bold.html']);
    const huge = `<html><body><p>${'Long article text. '.repeat(250_000)}</p></body></html>`;
    writeFileSync(join(dir, 'c-huge.html'), huge);
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import', '--project', String(project.id), dir], {
      env: { ...process.env, PARLEY_DB: ctx.file },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Imported 1 document(s)');
    expect(result.stdout).toContain('b-unclosed-bold.html: the page could not be converted within 5 seconds');
    expect(result.stdout).toContain(`c-huge.html: the page is too large to convert (${huge.length.toLocaleString('en')} characters; the limit is 4,000,000).`);
  }, 60_000);
});
