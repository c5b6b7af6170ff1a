// Several Parley processes on one PostgreSQL database (issue 14, item 5): two real servers
// (`server/main.ts`, as `npm start` runs it) share one database and nothing else. Through HTTP only:
// a session opened on one works on the other; a stale save on one after a save on the other is a
// 409; annotators taking documents on both at the same moment never make more than k holders; a
// SIGKILL of one in the middle of saves loses no save it acknowledged (read through the other);
// wrong passwords spread over both are throttled as one; and two processes started together on an
// empty database migrate it once and load the demo once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { openDb, type Db } from '../../server/db/connection.ts';
import { Annotation, AnnotationList } from '../../shared/schemas/annotations.ts';
import { AssignmentList, TakeNextResult } from '../../shared/schemas/assignments.ts';
import { DocumentDetail, DocumentList, ImportResult } from '../../shared/schemas/documents.ts';
import { ProjectList } from '../../shared/schemas/projects.ts';
import { User, UserList } from '../../shared/schemas/users.ts';
import { databaseUrl } from '../support/databases.ts';
import { HttpClient, type Reachable, type Reply } from '../support/httpClient.ts';

const ADMIN_PASSWORD = 'processes-admin-password';
const PASSWORD = 'a long password';

interface Parley {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `server/main.ts` on `database`; resolves once it prints the address it serves on. */
function startParley(database: string, env: Record<string, string> = {}): Promise<Parley> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', PARLEY_DB: database, PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD, PARLEY_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Parley is running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        resolve({
          url: match[1].replace('localhost', '127.0.0.1'),
          process: child,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Parley exited with ${code} before serving:\n${output}`)));
  });
}

/** A client holding one session (tests/support/httpClient.ts), signing in with the test password unless told another. */
class Client extends HttpClient {
  override signIn(server: Reachable, username: string, password = PASSWORD): Promise<this> {
    return super.signIn(server, username, password);
  }
}

let admin: Db;
const databases: string[] = [];
const servers: Parley[] = [];

/** A new, empty database on the test cluster (the processes migrate it). */
function emptyDatabase(): string {
  const name = `parley_processes_${process.pid}_${databases.length}_${Date.now().toString(36)}`;
  admin.exec(`CREATE DATABASE ${name}`);
  databases.push(name);
  return databaseUrl(name);
}

beforeAll(() => {
  admin = openDb(process.env.PARLEY_TEST_POSTGRES!);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  for (const name of databases) admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  admin.close();
});

describe('two Parley processes on one PostgreSQL database', () => {
  let a: Parley;
  let b: Parley;
  const root = new Client();
  /** Creates an account (through A) and a member of `projectId`; returns its id. */
  const member = async (username: string, projectId: number) => {
    const user = User.parse(await root.ok(a, 'POST', '/users', { username, password: PASSWORD, role: 'annotator' }));
    await root.ok(b, 'POST', `/projects/${projectId}/members`, { userId: user.id });
    return user.id;
  };

  beforeAll(async () => {
    const database = emptyDatabase();
    // A migrates the new database first; B starts on the migrated one.
    a = await startParley(database);
    servers.push(a);
    b = await startParley(database);
    servers.push(b);
    await root.signIn(a, 'admin', ADMIN_PASSWORD);
  }, 120_000);

  it('share sessions: signed in on A, the cookie works on B; signed out on B, it is refused on A', async () => {
    const client = await new Client().signIn(a, 'admin', ADMIN_PASSWORD);
    const onB = await client.call(b, 'GET', '/session');
    expect(onB.status).toBe(200);
    expect((onB.body as { user: { username: string } }).user.username).toBe('admin');
    await client.ok(b, 'DELETE', '/session');
    expect((await client.call(a, 'GET', '/session')).status).toBe(401);
  }, 60_000);

  it('answer 409 to a stale save on A after a save on B', async () => {
    const project = (await root.ok(a, 'POST', '/projects', { name: 'Versions' })) as { id: number };
    await member('versioner', project.id);
    const imported = ImportResult.parse(await root.ok(a, 'POST', `/projects/${project.id}/documents`, { text: 'One sentence here. Another one there.' }));
    const doc = DocumentDetail.parse(await root.ok(b, 'GET', `/documents/${imported.imported[0]!.id}`));
    const sentence = doc.sentences[0]!.id;
    const annotator = await new Client().signIn(a, 'versioner');
    const first = Annotation.parse(await annotator.ok(a, 'PUT', `/sentences/${sentence}/annotation`, { status: 'no_claim', claims: [], note: 'first' }));
    const second = Annotation.parse(
      await annotator.ok(b, 'PUT', `/sentences/${sentence}/annotation`, { status: 'no_claim', claims: [], note: 'on B', baseVersion: first.version }),
    );
    expect(second.version).toBe(first.version + 1);
    const stale = await annotator.call(a, 'PUT', `/sentences/${sentence}/annotation`, {
      status: 'no_claim',
      claims: [],
      note: 'stale on A',
      baseVersion: first.version,
    });
    expect(stale.status).toBe(409);
    // A answers with B's label, which is what both read now.
    expect(JSON.stringify(stale.body)).toContain('on B');
    const stored = AnnotationList.parse(await annotator.ok(a, 'GET', `/documents/${doc.id}/annotations?annotator=me`)).annotations;
    expect(stored.map((s) => ({ note: s.note, version: s.version }))).toEqual([{ note: 'on B', version: second.version }]);
  }, 60_000);

  it('hold the overlap k when annotators on both take documents at the same moment', async () => {
    const k = 2;
    const documents = 3;
    const annotators = 9; // more than documents × k: some must find nothing left
    const project = (await root.ok(a, 'POST', '/projects', { name: 'Overlap', overlap: k })) as { id: number };
    await root.ok(a, 'POST', `/projects/${project.id}/documents`, {
      documents: Array.from({ length: documents }, (_, i) => ({ title: `Doc ${i}`, text: `Document ${i} says something. Then it says more.` })),
    });
    const clients = await Promise.all(
      Array.from({ length: annotators }, async (_, i) => {
        await member(`taker${i}`, project.id);
        return new Client().signIn(i % 2 ? b : a, `taker${i}`);
      }),
    );
    // Everyone asks at once, half of them through A and half through B.
    const taken = await Promise.all(
      clients.map(async (client, i) => TakeNextResult.parse(await client.ok(i % 2 ? b : a, 'POST', `/projects/${project.id}/queue/next`)).document),
    );
    const assignments = AssignmentList.parse(await root.ok(b, 'GET', `/projects/${project.id}/assignments`)).assignments;
    const holders = new Map<number, number>();
    for (const assignment of assignments) holders.set(assignment.documentId, (holders.get(assignment.documentId) ?? 0) + 1);
    expect(Math.max(...holders.values())).toBeLessThanOrEqual(k);
    // Every place was taken exactly once, and the others were told nothing is left.
    expect(assignments).toHaveLength(documents * k);
    expect(taken.filter((doc) => doc !== null)).toHaveLength(documents * k);
    expect(new Set(assignments.map((x) => x.userId)).size).toBe(documents * k);
  }, 120_000);

  it('throttle wrong passwords spread over both as one count', async () => {
    await root.ok(a, 'POST', '/users', { username: 'guessed', password: PASSWORD, role: 'annotator' });
    const guesser = new Client();
    // Five failures (the per-username limit), alternating between the processes.
    for (let i = 0; i < 5; i++) {
      expect((await guesser.call(i % 2 ? b : a, 'POST', '/session', { username: 'guessed', password: `wrong guess ${i}` })).status).toBe(401);
    }
    // Each process saw fewer than five; both refuse the next attempt, even with the right password.
    for (const server of [a, b]) {
      const refused = await guesser.call(server, 'POST', '/session', { username: 'guessed', password: PASSWORD });
      expect(refused.status).toBe(429);
    }
  }, 60_000);

  it('lose no acknowledged save when one is killed with SIGKILL mid-load (read through the other)', async () => {
    const writers = 4;
    const rowsEach = 6;
    const killAfter = 120;
    const project = (await root.ok(a, 'POST', '/projects', { name: 'Durable', overlap: writers })) as { id: number };
    const text = Array.from({ length: writers * rowsEach }, (_, i) => `Statement number ${i + 1} was made today.`).join(' ');
    const imported = ImportResult.parse(await root.ok(a, 'POST', `/projects/${project.id}/documents`, { text }));
    const documentId = imported.imported[0]!.id;
    const sentences = DocumentDetail.parse(await root.ok(a, 'GET', `/documents/${documentId}`)).sentences.map((s) => s.id);
    expect(sentences).toHaveLength(writers * rowsEach);
    const clients = await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        await member(`writer${i}`, project.id);
        return new Client().signIn(a, `writer${i}`);
      }),
    );

    type Save = { sentence: number; note: string };
    const acked = clients.map(() => new Map<number, { note: string; version: number }>());
    const inFlight: (Save | undefined)[] = clients.map(() => undefined);
    let acks = 0;
    const exited = new Promise<void>((resolve) => a.process.once('exit', () => resolve()));
    await Promise.all(
      clients.map(async (client, c) => {
        const rows = sentences.slice(c * rowsEach, (c + 1) * rowsEach);
        for (let n = 0; a.process.signalCode === null && n < 5000; n++) {
          const sentence = rows[n % rowsEach]!;
          const save = { sentence, note: `writer ${c} save ${n}` };
          inFlight[c] = save;
          let reply: Reply;
          try {
            reply = await client.call(a, 'PUT', `/sentences/${sentence}/annotation`, {
              status: 'no_claim',
              claims: [],
              note: save.note,
              baseVersion: acked[c]!.get(sentence)?.version ?? 0,
            });
          } catch {
            return; // A is gone: this save may or may not have been committed
          }
          expect(reply.status, JSON.stringify(reply.body)).toBe(200);
          acked[c]!.set(sentence, { note: save.note, version: Annotation.parse(reply.body).version });
          inFlight[c] = undefined;
          if (++acks === killAfter) a.process.kill('SIGKILL');
        }
      }),
    );
    await exited;
    expect(a.process.signalCode).toBe('SIGKILL');
    expect(acks).toBeGreaterThanOrEqual(killAfter);

    // Through B, with the sessions opened on A: every acknowledged save is there, or the one in flight after it.
    for (const [c, client] of clients.entries()) {
      const stored = new Map(
        AnnotationList.parse(await client.ok(b, 'GET', `/documents/${documentId}/annotations?annotator=me`)).annotations.map((x) => [x.sentenceId, x]),
      );
      for (const [sentence, ack] of acked[c]!) {
        const row = stored.get(sentence);
        const pending = inFlight[c]?.sentence === sentence ? inFlight[c] : undefined;
        if (pending && row?.version === ack.version + 1) expect(row.note).toBe(pending.note);
        else expect({ sentence, note: row?.note, version: row?.version }).toEqual({ sentence, note: ack.note, version: ack.version });
      }
      // Rows never acknowledged hold at most the one save in flight.
      for (const [sentence, row] of stored) if (!acked[c]!.has(sentence)) expect(row.note).toBe(inFlight[c]?.note);
    }
    // B still takes saves.
    const sentence = sentences[0]!;
    const current = acked[0]!.get(sentence)!;
    const latest = AnnotationList.parse(await clients[0]!.ok(b, 'GET', `/documents/${documentId}/annotations?annotator=me`)).annotations.find(
      (x) => x.sentenceId === sentence,
    )!;
    expect(latest.version).toBeGreaterThanOrEqual(current.version);
    await clients[0]!.ok(b, 'PUT', `/sentences/${sentence}/annotation`, { status: 'no_claim', claims: [], note: 'after', baseVersion: latest.version });
  }, 120_000);
});

describe('two Parley processes started together on an empty database', () => {
  it('migrate it once, create one admin and load the demo exactly once', async () => {
    const database = emptyDatabase();
    const started = await Promise.all([startParley(database, { PARLEY_DEMO: '1' }), startParley(database, { PARLEY_DEMO: '1' })]);
    servers.push(...started);
    const outputs = started.map((server) => server.output());
    expect(
      outputs.filter((output) => output.includes('Applied migrations: 0001_init.sql')),
      outputs.join('\n---\n'),
    ).toHaveLength(1);
    expect(
      outputs.filter((output) => output.includes('Loaded the demo project')),
      outputs.join('\n---\n'),
    ).toHaveLength(1);
    for (const server of started) {
      const client = await new Client().signIn(server, 'admin', ADMIN_PASSWORD);
      const projects = ProjectList.parse(await client.ok(server, 'GET', '/projects')).projects;
      expect(projects.map((p) => p.name)).toEqual(['China–Russia diplomacy in the Middle East']);
      const users = UserList.parse(await client.ok(server, 'GET', '/users')).users;
      expect(users.map((u) => ({ username: u.username, role: u.role }))).toEqual([{ username: 'admin', role: 'admin' }]);
      const { documents } = DocumentList.parse(await client.ok(server, 'GET', `/projects/${projects[0]!.id}/documents`));
      expect(documents).toHaveLength(5);
    }
  }, 120_000);
});
