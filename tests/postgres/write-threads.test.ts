// A PostgreSQL process runs label saves on write threads with connections of their own
// (server/labelWrites.ts, PARLEY_WRITE_THREADS). Two real servers on one database, one with two
// write threads and one with none, get the same requests on twin sentences: every answer, the
// refusals included (stale versions, unknown sentences, outsiders, contradicting gold), is the same
// from both, and what one saved through a thread the other reads at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/connection.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';
import { User } from '../../shared/schemas/users.ts';
import { databaseUrl } from '../support/databases.ts';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/e2e.ts';
import { HttpClient, type Reply } from '../support/httpClient.ts';
import { loadLibpq } from '../../server/db/libpqAddon.ts';

const PASSWORD = 'a long password';

let admin: Db;
let database: string;
let threaded: RunningServer;
let inline: RunningServer;
const root = new HttpClient();
let annotator: HttpClient;
let reviewer: HttpClient;
let outsider: HttpClient;
/** Sentence ids of the document: in the twin tests the threaded server works on the even ones, the other on the odd ones. */
let sentences: number[];
let documentId: number;

/** An answer with the sentence's id taken out, so that twin sentences' answers compare equal. */
function shape(reply: Reply, sentenceId: number) {
  // Ids and times differ between twins by nature; everything else must not.
  const body = JSON.stringify(reply.body, (key, value: unknown) => (['id', 'sentenceId', 'createdAt', 'updatedAt'].includes(key) ? undefined : value));
  return { status: reply.status, body: body.replace(new RegExp(`([Ss]entence )${sentenceId}\\b`, 'g'), '$1SENTENCE') };
}

/** Sends the same request to both servers, each on its own twin sentence (pair `pair`), and returns both answers. */
async function onBoth(pair: number, request: (server: RunningServer, sentenceId: number) => Promise<Reply>) {
  const [mine, theirs] = [sentences[2 * pair]!, sentences[2 * pair + 1]!];
  const [fromThreads, fromInline] = [await request(threaded, mine), await request(inline, theirs)];
  return { fromThreads: shape(fromThreads, mine), fromInline: shape(fromInline, theirs) };
}

let actors: { speaker: number; target: number };
const claim = (stance: string) => ({ speaker: { actorId: actors.speaker }, stance, target: { actorId: actors.target } });

beforeAll(async () => {
  admin = openDb(process.env.PARLEY_TEST_POSTGRES!);
  const name = `parley_threads_${process.pid}_${Date.now().toString(36)}`;
  admin.exec(`CREATE DATABASE ${name}`);
  database = databaseUrl(name);
  threaded = await startServer({ PARLEY_DB: database, PARLEY_DEMO: '0', PARLEY_WRITE_THREADS: '2' });
  inline = await startServer({ PARLEY_DB: database, PARLEY_DEMO: '0', PARLEY_WRITE_THREADS: '0' });
  await root.signIn(threaded, 'admin', ADMIN_PASSWORD);
  const project = (await root.ok(threaded, 'POST', '/projects', { name: 'Threads' })) as { id: number };
  const account = async (username: string, role: string, joins: boolean) => {
    const user = User.parse(await root.ok(threaded, 'POST', '/users', { username, password: PASSWORD, role }));
    if (joins) await root.ok(threaded, 'POST', `/projects/${project.id}/members`, { userId: user.id });
    return new HttpClient().signIn(threaded, username, PASSWORD);
  };
  const actor = async (name: string) => ((await root.ok(threaded, 'POST', `/projects/${project.id}/actors`, { name, kind: 'state' })) as { id: number }).id;
  actors = { speaker: await actor('Ruritania'), target: await actor('Freedonia') };
  annotator = await account('writer', 'annotator', true);
  reviewer = await account('judge', 'reviewer', true);
  outsider = await account('stranger', 'annotator', false);
  const text = Array.from({ length: 24 }, (_, i) => `Sentence number ${i + 1} says something.`).join(' ');
  const imported = ImportResult.parse(await root.ok(threaded, 'POST', `/projects/${project.id}/documents`, { text }));
  documentId = imported.imported[0]!.id;
  sentences = DocumentDetail.parse(await root.ok(threaded, 'GET', `/documents/${documentId}`)).sentences.map((s) => s.id);
}, 120_000);

afterAll(async () => {
  await Promise.all([threaded?.stop(), inline?.stop()]);
  admin.exec(`DROP DATABASE IF EXISTS ${database.split('/').pop()} WITH (FORCE)`);
  admin.close();
});

/** Ends every backend of this test's database whose connection has this name; returns pg_terminate_backend's answers. */
const endConnections = (applicationName: string) =>
  admin
    .prepare('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND application_name = ?', 'values')
    .all(database.split('/').pop(), applicationName);

describe('label saves on write threads', () => {
  it('answer a save, a stale save and a taken-back label as the process itself does', async () => {
    const save = (body: object) => (server: RunningServer, id: number) => annotator.call(server, 'PUT', `/sentences/${id}/annotation`, body);
    const first = await onBoth(0, save({ status: 'claims', claims: [claim('condemn')] }));
    expect(first.fromThreads.status).toBe(200);
    expect(first.fromThreads).toEqual(first.fromInline);

    const stale = await onBoth(0, save({ status: 'no_claim', claims: [], baseVersion: 7 }));
    expect(stale.fromThreads.status).toBe(409);
    expect(stale.fromThreads.body).toContain('"current"');
    expect(stale.fromThreads).toEqual(stale.fromInline);

    const staleDelete = await onBoth(0, (server, id) => annotator.call(server, 'DELETE', `/sentences/${id}/annotation?baseVersion=3`));
    expect(staleDelete.fromThreads.status).toBe(409);
    expect(staleDelete.fromThreads).toEqual(staleDelete.fromInline);

    const taken = await onBoth(0, (server, id) => annotator.call(server, 'DELETE', `/sentences/${id}/annotation?baseVersion=1`));
    expect(taken.fromThreads.status).toBe(200);
    expect(taken.fromThreads).toEqual(taken.fromInline);
  }, 60_000);

  it('refuse an unknown sentence, an outsider and a bad label as the process itself does', async () => {
    const unknown = await onBoth(1, (server) => annotator.call(server, 'PUT', '/sentences/987654321/annotation', { status: 'no_claim', claims: [] }));
    expect(unknown.fromThreads.status).toBe(404);
    expect(unknown.fromThreads).toEqual(unknown.fromInline);

    const stranger = await onBoth(1, (server, id) => outsider.call(server, 'PUT', `/sentences/${id}/annotation`, { status: 'no_claim', claims: [] }));
    expect(stranger.fromThreads.status).toBeGreaterThanOrEqual(403);
    expect(stranger.fromThreads.status).toBeLessThanOrEqual(404);
    expect(stranger.fromThreads).toEqual(stranger.fromInline);

    // "claims" with no claim is refused by the service, inside the thread's transaction.
    const empty = await onBoth(1, (server, id) => annotator.call(server, 'PUT', `/sentences/${id}/annotation`, { status: 'claims', claims: [] }));
    expect(empty.fromThreads.status).toBe(400);
    expect(empty.fromThreads).toEqual(empty.fromInline);
  }, 60_000);

  it('refuse contradicting gold and save it when told to, as the process itself does', async () => {
    const gold = (body: object) => (server: RunningServer, id: number) => reviewer.call(server, 'PUT', `/sentences/${id}/gold`, body);
    const contradicting = { status: 'claims', method: 'edited', claims: [claim('condemn'), claim('support')] };
    const refused = await onBoth(2, gold(contradicting));
    expect(refused.fromThreads.status).toBe(400);
    expect(refused.fromThreads.body).toMatch(/contradict/i);
    expect(refused.fromThreads).toEqual(refused.fromInline);

    const saved = await onBoth(2, gold({ ...contradicting, allowContradictions: true }));
    expect(saved.fromThreads.status, saved.fromThreads.body).toBe(200);
    expect(saved.fromThreads).toEqual(saved.fromInline);

    const byAnnotator = await onBoth(3, (server, id) => annotator.call(server, 'PUT', `/sentences/${id}/gold`, contradicting));
    expect(byAnnotator.fromThreads.status).toBe(403);
    expect(byAnnotator.fromThreads).toEqual(byAnnotator.fromInline);
  }, 60_000);

  it('run on connections of their own: two write threads, each with its own connection', async () => {
    const connections = admin
      .prepare('SELECT application_name AS name, count(*) AS count FROM pg_stat_activity WHERE datname = ? GROUP BY application_name ORDER BY 1', 'tuples')
      .all(database.split('/').pop());
    // Each server's own connection, and the threaded server's two write threads.
    expect(connections).toEqual([
      ['parley', 2],
      ['parley-write-thread', 2],
    ]);
  });

  it('keep what a thread saved visible at once through the other process, for many saves at the same moment', async () => {
    const ids = sentences.slice(8, 16);
    const replies = await Promise.all(
      ids.map((id, i) => annotator.call(threaded, 'PUT', `/sentences/${id}/annotation`, { status: 'claims', claims: [claim(i % 2 ? 'support' : 'mediate')] })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(ids.map(() => 200));
    const stored = AnnotationList.parse(await annotator.ok(inline, 'GET', `/documents/${documentId}/annotations?annotator=me`)).annotations;
    const stances = new Map(stored.map((label) => [label.sentenceId, label.claims[0]?.stance]));
    expect(ids.map((id) => stances.get(id))).toEqual(ids.map((_, i) => (i % 2 ? 'support' : 'mediate')));
  }, 60_000);

  it('wait on the database in a thread while the process goes on answering', async () => {
    // Another session holds the labels' table against writers (readers go on), as a long batch would.
    const Libpq = loadLibpq();
    const holder = new Libpq();
    holder.connectSync(database);
    holder.exec('BEGIN; LOCK TABLE annotations IN EXCLUSIVE MODE');
    try {
      const saving = annotator.call(threaded, 'PUT', `/sentences/${sentences[16]}/annotation`, { status: 'claims', claims: [claim('condemn')] });
      // The save waits for the lock on a write thread's connection, not on the process's own.
      const waiting = () =>
        admin.prepare("SELECT application_name FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'", 'values').all(database.split('/').pop());
      let waiters: unknown[] = [];
      for (let tries = 0; tries < 100 && waiters.length === 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        waiters = waiting();
      }
      expect(waiters).toEqual(['parley-write-thread']);
      // Meanwhile the same process reads and answers (run inline, it would be blocked in the wait).
      const labels = await annotator.call(threaded, 'GET', `/documents/${documentId}/annotations?annotator=me`);
      expect(labels.status).toBe(200);
      holder.exec('COMMIT');
      expect((await saving).status).toBe(200);
    } finally {
      holder.finish();
    }
  }, 60_000);

  it('open their connection again when it is lost, and run the write that found it lost again: no save fails', async () => {
    const name = database.split('/').pop();
    expect(endConnections('parley-write-thread')).toEqual([1, 1]);
    const ids = sentences.slice(17, 23);
    const replies: Reply[] = [];
    for (const id of ids) {
      replies.push(await annotator.call(threaded, 'PUT', `/sentences/${id}/annotation`, { status: 'claims', claims: [claim('support')] }));
    }
    // Each thread learns of its lost connection with the next write it sends, before its COMMIT:
    // nothing of that write reached the database, and it runs again on a new connection.
    expect(replies.map((reply) => reply.status)).toEqual(ids.map(() => 200));
    const stored = AnnotationList.parse(await annotator.ok(inline, 'GET', `/documents/${documentId}/annotations?annotator=me`)).annotations;
    const saved = new Map(stored.map((label) => [label.sentenceId, [label.claims[0]?.stance, label.version]]));
    // Saved once each: a save run twice would be at version 2.
    expect(ids.map((id) => saved.get(id))).toEqual(ids.map(() => ['support', 1]));
    const connections = admin
      .prepare("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = 'parley-write-thread'", 'values')
      .get(name);
    expect(connections).toBe(2);
  }, 60_000);

  it("open the process's own connection again when it is lost: the next read and the next save are answered", async () => {
    expect(endConnections('parley')).toEqual([1, 1]);
    // Each request first looks its session up with one statement, which opens the connection again
    // (tests/postgres/reconnect.test.ts covers a transaction that finds it lost); the inline server saves on it too.
    const read = await annotator.call(threaded, 'GET', `/documents/${documentId}/annotations?annotator=me`);
    expect(read.status).toBe(200);
    const saved = await annotator.call(inline, 'PUT', `/sentences/${sentences[23]}/annotation`, { status: 'claims', claims: [claim('mediate')] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }, 60_000);
});
