// Many annotators saving at once on one document through two Parley processes on one PostgreSQL
// database (issue 14, item 7: no error under load). Their saves of different sentences lose
// serializable conflicts to each other (their rows share index pages), run again, and after a few
// losses hold the labels' tables (server/db/postgres.ts): every save is answered 200. Then the
// state kept by triggers and the disagreement refresh (migrations 0011, 0014, 0016) must equal a
// count from what the annotators were told was saved: the documents list's counters, the
// disagreement queue and the unanimous count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/connection.ts';
import { sql, values } from '../../server/db/statements.ts';
import { transaction } from '../../server/db/transaction.ts';
import { isUnanimous, type LabelLike } from '../../shared/claimMatching.ts';
import { Actor } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { DocumentDetail, DocumentList, ImportResult } from '../../shared/schemas/documents.ts';
import { DisagreementList } from '../../shared/schemas/review.ts';
import { User } from '../../shared/schemas/users.ts';
import { databaseUrl, freshDatabase } from '../support/databases.ts';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/e2e.ts';
import { HttpClient } from '../support/httpClient.ts';

const PASSWORD = 'a long password';
const ANNOTATORS = 12;
const SENTENCES = 60;
const OVERLAP = 3;
/** Each annotator labels a window of this many sentences (windows overlap), then edits and takes back some. */
const WINDOW = 18;

let admin: Db;
let name: string;
const servers: RunningServer[] = [];

beforeAll(async () => {
  admin = openDb(process.env.PARLEY_TEST_POSTGRES!);
  name = `parley_concurrent_${process.pid}_${Date.now().toString(36)}`;
  admin.exec(`CREATE DATABASE ${name}`);
  servers.push(await startServer({ PARLEY_DB: databaseUrl(name), PARLEY_DEMO: '0' }));
  servers.push(await startServer({ PARLEY_DB: databaseUrl(name), PARLEY_DEMO: '0' }));
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  admin.close();
});

describe('many annotators saving at once on one document through two processes', () => {
  it('answers every save 200, and the list counters, the disagreement queue and the unanimous count equal a count of what was saved', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const root = new HttpClient();
    await root.ok(a, 'POST', '/session', { username: 'admin', password: ADMIN_PASSWORD });
    const project = (await root.ok(a, 'POST', '/projects', { name: 'Concurrent', overlap: OVERLAP })) as { id: number };
    const actors = await Promise.all(
      ['China', 'Russia', 'Israel'].map(async (actor) =>
        Actor.parse(await root.ok(a, 'POST', `/projects/${project.id}/actors`, { name: actor, kind: 'state' })),
      ),
    );
    const text = Array.from({ length: SENTENCES }, (_, i) => `Statement number ${i + 1} was made today.`).join(' ');
    const documentId = ImportResult.parse(await root.ok(a, 'POST', `/projects/${project.id}/documents`, { text })).imported[0]!.id;
    const sentences = DocumentDetail.parse(await root.ok(a, 'GET', `/documents/${documentId}`)).sentences.map((s) => s.id);
    expect(sentences).toHaveLength(SENTENCES);
    const annotators = await Promise.all(
      Array.from({ length: ANNOTATORS }, async (_, i) => {
        const user = User.parse(await root.ok(a, 'POST', '/users', { username: `saver${i}`, password: PASSWORD, role: 'annotator' }));
        await root.ok(b, 'POST', `/projects/${project.id}/members`, { userId: user.id });
        const client = new HttpClient();
        await client.ok(i % 2 ? b : a, 'POST', '/session', { username: `saver${i}`, password: PASSWORD });
        return { id: user.id, client };
      }),
    );

    // A label chosen from (annotator, sentence, round): no claim, or China or Russia condemning Israel.
    const labelFor = (who: number, sentence: number, round: number) => {
      const pick = (who * 7 + sentence * 3 + round) % 3;
      if (pick === 0) return { status: 'no_claim' as const, claims: [] };
      return { status: 'claims' as const, claims: [{ speaker: { actorId: actors[pick - 1]!.id }, stance: 'condemn', target: { actorId: actors[2]!.id } }] };
    };
    // What each annotator was told is saved: sentence → label and version.
    const saved = annotators.map(() => new Map<number, LabelLike & { version: number }>());
    const replies: number[] = [];
    await Promise.all(
      annotators.map(async ({ client }, who) => {
        const mine = saved[who]!;
        const window = Array.from({ length: WINDOW }, (_, j) => sentences[(who * 5 + j) % SENTENCES]!);
        const save = async (sentence: number, round: number, n: number) => {
          const label = labelFor(who, sentence, round);
          const reply = await client.call(n % 2 ? b : a, 'PUT', `/sentences/${sentence}/annotation`, {
            ...label,
            baseVersion: mine.get(sentence)?.version ?? 0,
          });
          replies.push(reply.status);
          if (reply.status !== 200) return;
          const stored = Annotation.parse(reply.body);
          mine.set(sentence, { status: stored.status, claims: stored.claims, version: stored.version });
        };
        let n = who;
        for (const sentence of window) await save(sentence, 0, n++);
        for (const sentence of window.slice(0, 6)) await save(sentence, 1, n++);
        for (const sentence of window.slice(6, 9)) {
          const reply = await client.call(n++ % 2 ? b : a, 'DELETE', `/sentences/${sentence}/annotation?baseVersion=${mine.get(sentence)!.version}`);
          replies.push(reply.status);
          if (reply.status === 200) mine.delete(sentence);
        }
      }),
    );
    expect(replies.filter((status) => status !== 200)).toEqual([]);

    const labelsOf = (sentence: number) => saved.flatMap((mine) => (mine.has(sentence) ? [mine.get(sentence)!] : []));
    const labelled = sentences.filter((s) => labelsOf(s).length >= OVERLAP).length;
    const differing = sentences.filter((s) => labelsOf(s).length >= 2 && !isUnanimous(labelsOf(s)));
    const unanimous = sentences.filter((s) => isUnanimous(labelsOf(s)) && labelsOf(s)[0]!.status !== 'skipped').length;
    // Some sentences of each kind, or the comparison below would prove little.
    expect(labelled).toBeGreaterThan(0);
    expect(differing.length).toBeGreaterThan(0);
    expect(unanimous).toBeGreaterThan(0);

    const list = DocumentList.parse(await root.ok(b, 'GET', `/projects/${project.id}/documents`)).documents;
    expect(list.map((doc) => ({ id: doc.id, total: doc.progress.total, overall: doc.progress.overall }))).toEqual([
      { id: documentId, total: SENTENCES, overall: labelled },
    ]);
    for (const [who, { client }] of annotators.entries()) {
      const theirs = DocumentList.parse(await client.ok(who % 2 ? a : b, 'GET', `/projects/${project.id}/documents`)).documents;
      expect({ who, mine: theirs[0]?.progress.mine }).toEqual({ who, mine: saved[who]!.size });
    }
    const queue = DisagreementList.parse(await root.ok(a, 'GET', `/projects/${project.id}/disagreements?sort=position&limit=200`)).disagreements;
    expect(queue.map((item) => ({ sentence: item.sentenceId, annotators: item.annotators }))).toEqual(
      differing.map((sentence) => ({ sentence, annotators: labelsOf(sentence).length })),
    );
    const count = (await root.ok(b, 'POST', `/projects/${project.id}/gold/unanimous`, { apply: false })) as { count: number };
    expect(count.count).toBe(unanimous);
  }, 180_000);
});

describe('a write transaction that keeps losing its conflict', () => {
  it("runs again holding the labels' tables from its fourth run, and then goes through", () => {
    const database = freshDatabase();
    const other = openDb(database.location);
    try {
      const { db } = database;
      db.exec('CREATE TABLE skew (id BIGINT PRIMARY KEY, v BIGINT NOT NULL); INSERT INTO skew VALUES (1, 0), (2, 0)');
      const holds = () =>
        values<[], number>(
          db,
          "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'annotations'::regclass AND mode = 'ExclusiveLock'",
        ).get() === 1;
      const held: boolean[] = [];
      transaction(db, () => {
        held.push(holds());
        // Write skew with a transaction on another connection that commits first: this one reads
        // row 1 and writes row 2, the other reads row 2 and writes row 1, so this one must run again.
        sql(db, 'SELECT v FROM skew WHERE id = 1').get();
        sql(db, 'UPDATE skew SET v = v + 1 WHERE id = 2').run();
        if (held.length < 4) {
          transaction(other, () => {
            sql(other, 'SELECT v FROM skew WHERE id = 2').get();
            sql(other, 'UPDATE skew SET v = v + 1 WHERE id = 1').run();
          });
        }
      });
      expect(held).toEqual([false, false, false, true]);
      expect(sql<[], { id: number; v: number }>(db, 'SELECT id, v FROM skew ORDER BY id').all()).toEqual([
        { id: 1, v: 3 },
        { id: 2, v: 1 },
      ]);
    } finally {
      other.close();
      database.drop();
    }
  });
});
