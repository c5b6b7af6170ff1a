// Moving up (issue 14, item 6): `npm run cli -- copy-db --to postgres://…` copies a SQLite database
// into an empty PostgreSQL one exactly. A SQLite database with the demo project, labels, a taken-back
// label, gold, pseudonyms, audit events and sign-in counts is built through the API; the CLI copies it
// as a user would run it; then the export of both is the same record for record (apart from when it
// was made), every table holds the same rows up to the same ids, a new row on the copy gets a new id,
// and a second copy into the now filled database is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { openDb, type Db } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { sqliteHandle } from '../../server/db/sqlite.ts';
import { sql, values } from '../../server/db/statements.ts';
import { loadDemo } from '../../server/demo/load.ts';
import { ActorList } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { DocumentDetail } from '../../shared/schemas/documents.ts';
import { TakeNextResult } from '../../shared/schemas/assignments.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { addTeam, makeUser, signedIn, TEST_PASSWORD, type Agent, type TestContext } from '../support/api.ts';
import { databaseUrl } from '../support/databases.ts';

const run = promisify(execFile);

/** Runs the CLI as a user would, on the SQLite file `source`; resolves with its exit code and output. */
async function cli(source: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      env: { ...process.env, PARLEY_DB: source },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The JSONL export of a project through the API, each record without `provenance.exported_at`. */
async function exportOf(get: request.Test): Promise<unknown[]> {
  const text = (await get.buffer(true).expect(200)).text;
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const record = JSON.parse(line) as { provenance: Record<string, unknown> };
      const { exported_at: exportedAt, ...provenance } = record.provenance;
      expect(exportedAt).toEqual(expect.any(String));
      return { ...record, provenance };
    });
}

/** Rows and largest id of every table (tables without an id column: rows only). */
function tableFacts(db: Db, tables: string[]): Record<string, { rows: number; maxId: number | null }> {
  const facts: Record<string, { rows: number; maxId: number | null }> = {};
  for (const table of tables) {
    const rows = values<[], number>(db, `SELECT count(*) FROM ${table}`).get()!;
    const hasId = values<[string], string>(source, 'SELECT name FROM pragma_table_info(?)').all(table).includes('id');
    facts[table] = { rows, maxId: hasId ? (values<[], number | null>(db, `SELECT max(id) FROM ${table}`).get() ?? null) : null };
  }
  return facts;
}

/** Every row of every table, as sorted JSON lines with sorted keys (the engines may order columns differently). */
function tableRows(db: Db, tables: string[]): Record<string, string[]> {
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    rows[table] = sql<[], Record<string, unknown>>(db, `SELECT * FROM ${table}`)
      .all()
      .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))))
      .sort();
  }
  return rows;
}

let dir: string;
let source: Db;
let ctx: TestContext;
let admin: Db;
const created: string[] = [];
let projectId: number;
let demo: Project;
let adminAgent: Agent;
/** The SQLite admin's session cookie, to show it on the copy. */
let adminCookie: string;
let tables: string[];

/** A new, empty PostgreSQL database (not even migrated: copy-db migrates it). */
function emptyPostgres(): string {
  const name = `parley_copy_${process.pid}_${created.length}_${Date.now().toString(36)}`;
  admin.exec(`CREATE DATABASE ${name}`);
  created.push(name);
  return databaseUrl(name);
}

beforeAll(async () => {
  admin = openDb(process.env.PARLEY_TEST_POSTGRES!);
  dir = mkdtempSync(join(tmpdir(), 'parley-copy-'));
  const file = join(dir, 'parley.db');
  source = openDb(file);
  migrate(source);
  ctx = { db: source, file, app: createApp({ db: source, log: () => {} }), close: () => source.close() };
  const project = loadDemo(source);
  demo = project;
  projectId = project.id;

  // Labels of two annotators, one taken back (a tombstone), gold by a reviewer, a wrong password.
  const admins = await signedIn(ctx, 'admin');
  adminAgent = admins.agent;
  const { a: first, b: second, reviewer } = await addTeam(ctx, project);
  const actors = ActorList.parse((await adminAgent.get(`/api/projects/${projectId}/actors`).expect(200)).body).actors;
  const [china, russia] = [actors.find((a) => a.name === 'China')!, actors.find((a) => a.name === 'Russia')!];
  // An actor whose parent has a larger id (copied after it), and a table longer than one batch.
  const league = (await adminAgent.post(`/api/projects/${projectId}/actors`).send({ name: 'Arab League', kind: 'organization' }).expect(201)).body as {
    id: number;
  };
  await adminAgent.patch(`/api/actors/${china.id}`).send({ parentId: league.id }).expect(200);
  const long = Array.from({ length: 1200 }, (_, i) => `Sentence ${i + 1} is short.`).join(' ');
  await adminAgent.post(`/api/projects/${projectId}/documents`).send({ title: 'Long', text: long }).expect(201);
  const claim = (stance: string) => ({ speaker: { actorId: china.id }, stance, target: { actorId: russia.id } });
  const taken = TakeNextResult.parse((await first.agent.post(`/api/projects/${projectId}/queue/next`).expect(200)).body).document;
  const doc = DocumentDetail.parse((await adminAgent.get(`/api/documents/${taken!.id}`).expect(200)).body);
  const [s0, s1, s2, s3] = doc.sentences.map((s) => s.id);
  for (const [agent, stance] of [
    [first.agent, 'condemn'],
    [second.agent, 'support'],
  ] as const) {
    const saved = Annotation.parse(
      (
        await agent
          .put(`/api/sentences/${s0}/annotation`)
          .send({ status: 'claims', claims: [claim(stance)] })
          .expect(200)
      ).body,
    );
    await agent
      .put(`/api/sentences/${s0}/annotation`)
      .send({ status: 'claims', claims: [claim(stance), claim('mediate')], note: 'two claims', baseVersion: saved.version })
      .expect(200);
    await agent.put(`/api/sentences/${s1}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
  }
  await first.agent.put(`/api/sentences/${s2}/annotation`).send({ status: 'skipped', claims: [], note: 'unclear' }).expect(200);
  await first.agent.put(`/api/sentences/${s3}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
  await first.agent.delete(`/api/sentences/${s3}/annotation?baseVersion=1`).expect(200);
  await reviewer.agent
    .put(`/api/sentences/${s0}/gold`)
    .send({ status: 'claims', claims: [claim('condemn')], method: 'merged', sourceAnnotators: [first.userId, second.userId], rationale: 'both' })
    .expect(200);
  await reviewer.agent
    .put(`/api/sentences/${s1}/gold`)
    .send({ status: 'no_claim', claims: [], method: 'accepted', sourceAnnotators: [first.userId] })
    .expect(200);
  const adminSignIn = await request(ctx.app).post('/api/session').send({ username: admins.username, password: TEST_PASSWORD }).expect(200);
  adminCookie = adminSignIn.headers['set-cookie']![0]!.split(';')[0]!;
  makeUser(ctx, 'annotator', 'locked-out');
  await request(ctx.app).post('/api/session').send({ username: 'locked-out', password: 'not the password' }).expect(401);

  tables = values<[], string>(
    source,
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
  ).all();
}, 60_000);

afterAll(() => {
  ctx?.close();
  rmSync(dir, { recursive: true, force: true });
  for (const name of created) admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  admin?.close();
});

describe('copy-db', () => {
  it('copies every table exactly (same ids, versions, audit log, pseudonyms, throttle rows); the export of both is the same; new rows get new ids', async () => {
    const url = emptyPostgres();
    const result = await cli(ctx.file, ['copy-db', '--to', url, '--sessions']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Copied \d+ row\(s\) into postgres:\/\//);
    expect(result.stdout).toMatch(/^ {2}annotations +5$/m);

    const copy = openDb(url);
    try {
      const before = tableFacts(source, tables);
      expect(before.annotation_tombstones!.rows).toBe(1);
      expect(before.pseudonyms!.rows).toBeGreaterThan(2);
      expect(before.sign_in_throttle!.rows).toBeGreaterThan(0);
      expect(before.sentences!.rows).toBeGreaterThan(1200);
      expect(values<[], number>(source, 'SELECT count(*) FROM actors WHERE parent_id > id').get()).toBe(1);
      expect(before.sessions!.rows).toBe(5);
      expect(tableFacts(copy, tables)).toEqual(before);
      expect(tableRows(copy, tables)).toEqual(tableRows(source, tables));

      // The app on the copy: the sessions came along (the admin's cookie from SQLite still works) and the export is the same.
      const app = createApp({ db: copy, log: () => {} });
      const asAdmin = (method: 'get' | 'post', path: string) => request(app)[method](path).set('Cookie', adminCookie);
      for (const query of ['gold=include&text=1', 'flat=1&gold=include', 'gold=only']) {
        const mine = await exportOf(request(ctx.app).get(`/api/projects/${projectId}/export?${query}`).set('Cookie', adminCookie));
        expect(mine.length).toBeGreaterThan(0);
        expect(await exportOf(asAdmin('get', `/api/projects/${projectId}/export?${query}`))).toEqual(mine);
      }
      // The title search finds the same documents: PostgreSQL's search table (migration 0015) was derived from the copied ones.
      const search = `/api/projects/${projectId}/documents?q=lon&sort=title`;
      const found = (await request(ctx.app).get(search).set('Cookie', adminCookie).expect(200)).body as { total: number };
      expect(found.total).toBeGreaterThan(0);
      expect((await asAdmin('get', search).expect(200)).body).toEqual(found);

      // New rows get ids past the copied ones (the identity sequences were moved on).
      const user = await asAdmin('post', '/api/users').send({ username: 'after-copy', password: 'a long password', role: 'annotator' }).expect(201);
      expect(user.body.id).toBe(before.users!.maxId! + 1);
      await asAdmin('post', `/api/projects/${projectId}/members`).send({ userId: user.body.id }).expect(201);
      const doc = DocumentDetail.parse((await asAdmin('get', '/api/documents/2').expect(200)).body);
      const saver = request.agent(app);
      await saver.post('/api/session').send({ username: 'after-copy', password: 'a long password' }).expect(200);
      await saver.put(`/api/sentences/${doc.sentences[0]!.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
      expect(values<[], number>(copy, 'SELECT max(id) FROM annotations').get()).toBe(before.annotations!.maxId! + 1);
      // The triggers are on again: the new annotator got a pseudonym; the audit log is still append-only.
      expect(values<[], number>(copy, 'SELECT count(*) FROM pseudonyms').get()).toBe(before.pseudonyms!.rows + 1);
      expect(() => copy.exec('UPDATE events SET action = action')).toThrow(/append-only/);
      const events = before.events!.maxId!;
      expect(values<[number], number>(copy, 'SELECT min(id) FROM events WHERE id > ?').get(events)).toBe(events + 1);
    } finally {
      copy.close();
    }
  }, 90_000);

  it('leaves sessions behind unless --sessions; refuses a database that holds rows, with a message, and changes nothing', async () => {
    const url = emptyPostgres();
    const result = await cli(ctx.file, ['copy-db', '--to', url]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\n5 session\(s\) not copied: everyone signs in again \(copy them with --sessions\)/);
    const copy = openDb(url);
    try {
      const facts = tableFacts(copy, tables);
      expect(facts.sessions!.rows).toBe(0);
      // Signed out on the copy; the copied accounts sign in again with their passwords.
      const app = createApp({ db: copy, log: () => {} });
      await request(app).get('/api/session').set('Cookie', adminCookie).expect(401);
      await request(app).post('/api/session').send({ username: 'locked-out', password: TEST_PASSWORD }).expect(200);
      const filled = tableFacts(copy, tables);

      const again = await cli(ctx.file, ['copy-db', '--to', url]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/The target database is not empty \(rows in .*users.*\): copy-db copies only into an empty database and changed nothing/);
      expect(tableFacts(copy, tables)).toEqual(filled);
    } finally {
      copy.close();
    }
  }, 90_000);

  it('copies nothing when a row cannot be copied (all or nothing), and says which', async () => {
    // SQLite keeps a NUL character in a note, and Parley accepted one before it refused NUL in every
    // text; PostgreSQL text cannot hold one. Such a note is written as an older version left it.
    const writer = await signedIn(ctx, 'annotator', { project: demo });
    const taken = TakeNextResult.parse((await writer.agent.post(`/api/projects/${projectId}/queue/next`).expect(200)).body).document!;
    const sentence = DocumentDetail.parse((await adminAgent.get(`/api/documents/${taken.id}`).expect(200)).body).sentences[0]!.id;
    const saved = Annotation.parse(
      (await writer.agent.put(`/api/sentences/${sentence}/annotation`).send({ status: 'no_claim', claims: [], note: 'before after' }).expect(200)).body,
    );
    sql<[string, number, number]>(ctx.db, 'UPDATE annotations SET note = ? WHERE sentence_id = ? AND annotator_id = ?').run(
      'before\u0000after',
      sentence,
      saved.annotatorId,
    );
    const url = emptyPostgres();
    const result = await cli(ctx.file, ['copy-db', '--to', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Copying annotations failed: note of the row with id \d+ holds a NUL character, which PostgreSQL cannot store/);
    const copy = openDb(url);
    try {
      // Migrated, but the tables copied before annotations (users, projects, documents…) are empty again.
      const facts = tableFacts(copy, tables);
      expect(Object.entries(facts).filter(([, fact]) => fact.rows > 0)).toEqual([]);
    } finally {
      copy.close();
    }
    await writer.agent
      .put(`/api/sentences/${sentence}/annotation`)
      .send({ status: 'no_claim', claims: [], note: 'fixed', baseVersion: saved.version })
      .expect(200);
    expect((await cli(ctx.file, ['copy-db', '--to', url])).code).toBe(0);
  }, 90_000);

  it("still checks every copied sentence's document, which PostgreSQL checks by a trigger (migration 0024), not a foreign key", async () => {
    // A sentence whose document is gone: possible in a SQLite file written with foreign keys off.
    const file = join(dir, 'dangling.db');
    const dangling = openDb(file);
    try {
      migrate(dangling);
      sqliteHandle(dangling)!.pragma('foreign_keys = OFF');
      sql(dangling, 'INSERT INTO sentences (document_id, idx, paragraph, start, "end") VALUES (999, 0, 0, 0, 1)').run();
    } finally {
      dangling.close();
    }
    const result = await cli(file, ['copy-db', '--to', emptyPostgres()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Copying sentences failed: .*document 999 does not exist/);
  }, 30_000);

  it('refuses a target that is not a PostgreSQL URL', async () => {
    const result = await cli(ctx.file, ['copy-db', '--to', join(dir, 'other.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/copy-db needs --to <postgres:\/\/user:password@host:port\/database>/);
  }, 30_000);
});
