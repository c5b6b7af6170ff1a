// SQLite-specific (not in the PostgreSQL tier, vitest.config.ts SQLITE_ONLY): SQLite's one database-wide
// write lock (BEGIN IMMEDIATE, busy_timeout) held by another process; PostgreSQL locks rows.
// Another process writing to the same database (a CLI import, a restore, the server's own
// checkpoint thread): a save made meanwhile waits for it and succeeds, and one that waits longer
// than the busy timeout gets 503 with Retry-After and writes nothing. Never a 500.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { sqliteHandle } from '../../server/db/sqlite.ts';
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

/**
 * Starts a process that holds the database's write lock for `ms`; resolves once it holds it, with
 * `released`: the wall-clock time (Date.now(), shared by both processes) at which it lets go.
 */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<number> }> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    process.stdout.write('releasing ' + Date.now() + '\\n');
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  holder = child;
  let output = '';
  child.stdout!.setEncoding('utf8');
  const released = new Promise<number>((resolve, reject) => {
    child.once('close', () => {
      const line = /^releasing (\d+)$/m.exec(output);
      if (line) resolve(Number(line[1]));
      else reject(new Error('the lock holder ended without letting go'));
    });
  });
  released.catch(() => {}); // a test that kills the holder never asks
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      if (output.startsWith('locked\n')) resolve({ released });
    });
    child.once('close', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

/** Ends the lock holder (its open transaction rolls back) and waits until it is gone. */
async function killHolder(): Promise<void> {
  const child = holder!;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill();
  await gone;
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
    // Held for 1 s, so the save is sent while the lock is held even on a loaded machine.
    const { released } = await holdWriteLock(ctx.file, 1000);
    const sent = Date.now();
    const saved = await annotator.agent.put(url).send(body).expect(200);
    const answered = Date.now();
    expect(saved.body.version).toBe(1);
    // It waited: sent while the other process held the lock, answered only after that let go.
    // (Ordered by the clock both processes share, not by a duration that load can stretch.)
    const releasedAt = await released;
    expect(sent).toBeLessThan(releasedAt);
    expect(answered).toBeGreaterThanOrEqual(releasedAt);
    const labels = ctx.db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number };
    expect(labels.n).toBe(1);
  });

  it('answers 503 with Retry-After when the wait outlasts the busy timeout, and writes nothing', async () => {
    const { annotator, url, body } = await annotatorWithSentence();
    sqliteHandle(ctx.db)!.pragma('busy_timeout = 100');
    const eventsBefore = ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    // Held far longer than the test needs: load cannot make the lock go before the save is tried.
    await holdWriteLock(ctx.file, 15_000);
    const refused = await annotator.agent.put(url).send(body).expect(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.error).toMatchObject({ code: 'busy', message: expect.stringMatching(/nothing was changed/) });
    await killHolder();
    expect(ctx.db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual(eventsBefore);
    // The lock is gone: the same save goes through.
    await annotator.agent.put(url).send(body).expect(200);
  });

  it('serves reads that only look (the queue, assignments, the unanimous count) without waiting for the other writer', async () => {
    const { project, admin, annotator, url, body } = await annotatorWithSentence();
    await annotator.agent.put(url).send(body).expect(200);
    // With a 100 ms busy timeout, a read that waited for the write lock would answer 503, not 200.
    sqliteHandle(ctx.db)!.pragma('busy_timeout = 100');
    // Held far longer than the test needs, so every request below meets the lock, however slow.
    await holdWriteLock(ctx.file, 15_000);
    const queue = await annotator.agent.get(`/api/projects/${project.id}/queue`).expect(200);
    expect(queue.body.mine).toHaveLength(1);
    await admin.agent.get(`/api/projects/${project.id}/assignments`).expect(200);
    const count = await admin.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: false }).expect(200);
    expect(count.body).toEqual({ count: 0, applied: false, contradicting: 0 }); // one annotator: nothing is unanimous yet
    // Applying is a write: it waits for the lock like a save, and the lock was still held.
    await admin.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(503);
    await killHolder();
  });
});
