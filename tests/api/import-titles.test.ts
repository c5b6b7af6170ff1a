// An empty or whitespace-only title is an absent one, on every import path (JSON API, file upload
// as the UI sends it, CLI); what is wrong with a JSONL line is said in words, not validator codes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const TEXT = 'Gulf Mediation Resumes\n\nQatar offered to mediate. Egypt agreed.';

describe('document titles on import', () => {
  it('takes an empty or blank title as none: the title is found as when it is absent', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');

    const absent = await agent.post(`/api/projects/${project.id}/documents`).send({ text: TEXT }).expect(201);
    const expected = absent.body.imported[0].title;
    expect(expected).toBe('Gulf Mediation Resumes');

    const api = await agent
      .post(`/api/projects/${project.id}/documents`)
      .send({
        documents: [
          { title: '', text: `${TEXT} One.` },
          { title: ' \t ', text: `${TEXT} Two.` },
        ],
      })
      .expect(201);
    expect(api.body.imported.map((d: { title: string }) => d.title)).toEqual([expected, expected]);

    const file = await agent
      .post(`/api/projects/${project.id}/imports`)
      .send({
        fileName: 'feed.jsonl',
        content: `${JSON.stringify({ title: '', text: `${TEXT} Three.` })}\n${JSON.stringify({ title: '   ', text: `${TEXT} Four.` })}\n`,
      })
      .expect(201);
    expect(file.body.errors).toEqual([]);
    expect(file.body.imported.map((d: { title: string }) => d.title)).toEqual([expected, expected]);

    const given = await agent
      .post(`/api/projects/${project.id}/documents`)
      .send({ title: '  Kept  ', text: `${TEXT} Five.` })
      .expect(201);
    expect(given.body.imported[0].title).toBe('Kept');
  });

  it('the CLI imports a JSONL line with an empty title', async () => {
    const { project } = makeProject(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'parley-titles-'));
    try {
      writeFileSync(join(dir, 'feed.jsonl'), `${JSON.stringify({ title: '', text: TEXT })}\n`);
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import', '--project', String(project.id), dir], {
        env: { ...process.env, PARLEY_DB: ctx.file },
      });
      expect(stdout).toContain('Imported 1 document(s)');
      const { agent } = await signedIn(ctx, 'admin');
      const list = await agent.get(`/api/projects/${project.id}/documents`).expect(200);
      expect(list.body.documents.map((d: { title: string }) => d.title)).toEqual(['Gulf Mediation Resumes']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('says in words what is wrong with a JSONL line', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const lines = [
      JSON.stringify({ title: 'x'.repeat(501), text: 'A.' }),
      JSON.stringify({ title: 'T' }),
      JSON.stringify({ text: 7 }),
      JSON.stringify({ text: 'B.', source: 's'.repeat(2001) }),
      JSON.stringify({ text: 'C.', headline: 'H' }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ text: 'D.', meta: 'tags' }),
    ];
    // One good line, so the upload is a 201 with per-line errors (a file with none is a 400).
    const content = [...lines, JSON.stringify({ text: 'Fine.' })].join('\n');
    const res = await agent.post(`/api/projects/${project.id}/imports`).send({ fileName: 'bad.jsonl', content }).expect(201);
    const messages = res.body.errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual([
      'bad.jsonl line 1: title: must be at most 500 characters',
      'bad.jsonl line 2: text: is required',
      'bad.jsonl line 3: text: must be a string',
      'bad.jsonl line 4: source: must be at most 2000 characters',
      'bad.jsonl line 5: unknown field "headline" (a line may have title, text, source, published and meta)',
      'bad.jsonl line 6: must be a JSON object such as {"title": "…", "text": "…"}',
      'bad.jsonl line 7: meta: must be a JSON object',
    ]);
    for (const message of messages) expect(message).not.toMatch(/Too (small|big)|Invalid input|expected \w+, received/);
  });
});
