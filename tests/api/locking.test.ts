// Another process writing to the same database (a CLI import, a restore, the server's own
// checkpoint thread): a save made meanwhile waits for it and succeeds, and one that waits longer
// than the busy timeout gets 503 with Retry-After and writes nothing. Never a 500.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';

let ctx: TestContext;
let holder: ChildProcess | undefined;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => {
  holder?.kill();
  ctx.close();
});

/** Starts a process that holds the database's write lock for `ms`; resolves once it holds it. */
function holdWriteLock(file: string, ms: number): Promise<void> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  holder = spawn(process.execPath, ['-e', script, file, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    holder!.stdout!.once('data', () => resolve());
    holder!.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

async function annotatorWithSentence() {
  const { project, actors } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin');
  const doc = await importDocument(admin.agent, project.id);
  const annotator = await signedIn(ctx, 'annotator', { project });
  const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
  const body = { status: 'claims', claims: [{ speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } }] };
  return { project, admin, annotator, url, body };
}

describe('saving while another process writes', () => {
  it('waits for the other writer and saves', async () => {
    const { annotator, url, body } = await annotatorWithSentence();
    await holdWriteLock(ctx.file, 300);
    const started = Date.now();
    const saved = await annotator.agent.put(url).send(body).expect(200);
    expect(saved.body.version).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const labels = ctx.db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number };
    expect(labels.n).toBe(1);
  });

  it('answers 503 with Retry-After when the wait outlasts the busy timeout, and writes nothing', async () => {
    const { annotator, url, body } = await annotatorWithSentence();
    ctx.db.pragma('busy_timeout = 100');
    const eventsBefore = ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    await holdWriteLock(ctx.file, 1500);
    const refused = await annotator.agent.put(url).send(body).expect(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.error).toMatchObject({ code: 'busy', message: expect.stringMatching(/nothing was changed/) });
    await new Promise<void>((resolve) => holder!.once('exit', () => resolve()));
    expect(ctx.db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual(eventsBefore);
    // The lock is gone: the same save goes through.
    await annotator.agent.put(url).send(body).expect(200);
  });

  it('serves reads that only look (the queue, assignments, the unanimous count) without waiting for the other writer', async () => {
    const { project, admin, annotator, url, body } = await annotatorWithSentence();
    await annotator.agent.put(url).send(body).expect(200);
    ctx.db.pragma('busy_timeout = 100');
    await holdWriteLock(ctx.file, 1500);
    const started = Date.now();
    const queue = await annotator.agent.get(`/api/projects/${project.id}/queue`).expect(200);
    expect(queue.body.mine).toHaveLength(1);
    await admin.agent.get(`/api/projects/${project.id}/assignments`).expect(200);
    const count = await admin.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: false }).expect(200);
    expect(count.body).toEqual({ count: 0, applied: false }); // one annotator: nothing is unanimous yet
    expect(Date.now() - started).toBeLessThan(1000);
    // Applying is a write: it waits for the lock like a save.
    await admin.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(503);
  });
});
