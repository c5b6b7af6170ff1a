// The CLI's predict (issue 16, item 5): every document of a project (or one) sent to its model
// backend, the example running as a real server, one line per document and an exit code that says
// whether all succeeded.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { closedPortUrl, startExampleBackend, type RunningBackend } from '../support/modelBackend.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';

const run = promisify(execFile);

async function cli(dbFile: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { env: { ...process.env, PARLEY_DB: dbFile } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let example: RunningBackend;
beforeAll(async () => {
  example = await startExampleBackend(['--model', 'cli-matcher/2']);
});
afterAll(() => example.stop());

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const modelClaims = async (agent: Agent, documentId: number) =>
  SuggestionList.parse((await agent.get(`/api/documents/${documentId}/suggestions`).expect(200)).body)
    .suggestions.filter((s) => s.source === 'model')
    .map((s) => `${s.model} ${s.claim.stance}`);

describe('predict', () => {
  it('asks the backend for every document of the project, or one, reporting each', async () => {
    const { project } = makeProject(ctx, 'Demo');
    const admin = await signedIn(ctx, 'admin');
    const first = await importDocument(admin.agent, project.id, { title: 'First', text: 'China condemned Israel on Monday.' });
    const second = await importDocument(admin.agent, project.id, { title: 'Second', text: 'Russia backed China. The weather was cold.' });
    await admin.agent
      .patch(`/api/projects/${project.id}`)
      .send({ modelBackend: { url: example.url } })
      .expect(200);

    const all = await cli(ctx.file, 'predict', '--project', 'Demo');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain(`Asking ${example.url} for 2 document(s) of "Demo"`);
    expect(all.stdout).toMatch(new RegExp(`\\[1/2\\] document ${first.id} "First": 1 claim\\(s\\) of cli-matcher/2 in 1 sentence\\(s\\), replacing 0`));
    expect(all.stdout).toMatch(new RegExp(`\\[2/2\\] document ${second.id} "Second": 1 claim\\(s\\) of cli-matcher/2 in 1 sentence\\(s\\), replacing 0`));
    expect(all.stdout).toContain('Predicted 2 of 2 document(s) with cli-matcher/2: 2 claim(s); 0 failed.');
    expect(await modelClaims(admin.agent, first.id)).toEqual(['cli-matcher/2 condemn']);
    expect(await modelClaims(admin.agent, second.id)).toEqual(['cli-matcher/2 support']);

    // One document again: its predictions are replaced, not doubled.
    const one = await cli(ctx.file, 'predict', '--project', String(project.id), '--document', String(second.id));
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/\[1\/1\] document \d+ "Second": 1 claim\(s\) of cli-matcher\/2 in 1 sentence\(s\), replacing 1/);
    expect(await modelClaims(admin.agent, second.id)).toEqual(['cli-matcher/2 support']);

    const unknown = await cli(ctx.file, 'predict', '--project', 'Demo', '--document', '999999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Project "Demo" has no document 999999.');
  }, 90_000); // three CLI runs, each a fresh tsx process

  it('reports each document the backend failed and exits 1, storing nothing for them', async () => {
    const { project } = makeProject(ctx, 'Down');
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, { title: 'Only', text: 'China condemned Israel on Monday.' });
    const none = await cli(ctx.file, 'predict', '--project', 'Down');
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('has no model backend');

    const url = await closedPortUrl();
    await admin.agent.patch(`/api/projects/${project.id}`).send({ modelBackend: { url } }).expect(200);
    const down = await cli(ctx.file, 'predict', '--project', 'Down');
    expect(down.code).toBe(1);
    expect(down.stdout).toContain(`[1/1] document ${doc.id} "Only": ✗ The model backend at ${url} could not be reached (connection refused`);
    expect(down.stdout).toContain('Predicted 0 of 1 document(s): 0 claim(s); 1 failed.');
    expect(await modelClaims(admin.agent, doc.id)).toEqual([]);
  }, 60_000); // two CLI runs
});
