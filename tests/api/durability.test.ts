// SQLite-specific (not in the PostgreSQL tier, vitest.config.ts SQLITE_ONLY): what a killed process leaves
// in the database file and its WAL, checked with SQLite's integrity_check and foreign_key_check.
// Durability: the real server (a child process on a temporary database) is killed with SIGKILL
// while several annotators save, then restarted on the same file. Every save the server
// acknowledged must be there, whole (status, claims and note of the last acknowledged version),
// the database must pass SQLite's integrity check, and the server must serve again.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/e2e.ts';

const CLIENTS = 5;
/** Rows each client keeps rewriting, so most rows see many acknowledged versions. */
const ROWS_PER_CLIENT = 8;
/** The kill comes once this many saves were acknowledged (after ~1.2 s of load on a 2-core machine). */
const KILL_AFTER_ACKS = 250;
/**
 * Only a guard against a server that stops answering, far beyond KILL_AFTER_ACKS even on a loaded
 * machine (8 s left ~7x headroom, and a kill by the timer fails the acknowledgement count below).
 */
const KILL_AFTER_MS = 45_000;
/** Bounds each client's loop even if the kill never came. */
const MAX_SAVES_PER_CLIENT = 2000;

interface Sent {
  sentenceId: number;
  note: string;
  claims: number;
}
interface Ack extends Sent {
  version: number;
}
interface StoredAnnotation {
  sentenceId: number;
  status: string;
  note: string | null;
  version: number;
  claims: { stance: string }[];
}

/** A tiny HTTP client holding one session cookie. */
function client(baseUrl: () => string) {
  let cookie = '';
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(cookie ? { Cookie: cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
}

const running: RunningServer[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) if (server.process.exitCode === null && server.process.signalCode === null) await server.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged save, whole, through a SIGKILL mid-load; the database stays intact and serves again', async () => {
    const first = await startServer({ PARLEY_DEMO: '0' });
    running.push(first);
    folders.push(dirname(first.dbFile));
    let url = first.url;

    // --- set-up through the API ---
    const admin = client(() => url);
    const call = async (method: string, path: string, body?: unknown, as = admin) => {
      const { status, json } = await as(method, path, body);
      if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
      return json;
    };
    await call('POST', '/session', { username: 'admin', password: ADMIN_PASSWORD });
    const project = await call('POST', '/projects', { name: 'Durability' });
    const actor = await call('POST', `/projects/${project.id}/actors`, { name: 'China', kind: 'state' });
    const text = Array.from({ length: CLIENTS * ROWS_PER_CLIENT }, (_, i) => `Statement ${i + 1} was made by China today.`).join(' ');
    const imported = await call('POST', `/projects/${project.id}/documents`, { title: 'Statements', text });
    const documentId = (imported.imported as { id: number }[])[0]!.id;
    const detail = await call('GET', `/documents/${documentId}`);
    const sentenceIds = (detail.sentences as { id: number }[]).map((s) => s.id);
    expect(sentenceIds).toHaveLength(CLIENTS * ROWS_PER_CLIENT);

    const annotators: { id: number; http: ReturnType<typeof client> }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const user = await call('POST', '/users', { username: `durable${i}`, password: 'a long password', role: 'annotator' });
      await call('POST', `/projects/${project.id}/members`, { userId: user.id });
      const http = client(() => url);
      await call('POST', '/session', { username: `durable${i}`, password: 'a long password' }, http);
      annotators.push({ id: Number(user.id), http });
    }

    // --- load, then SIGKILL ---
    const acks: Ack[][] = annotators.map(() => []);
    const inFlight: (Sent | undefined)[] = annotators.map(() => undefined);
    let ackCount = 0;
    const exited = new Promise<void>((resolve) => first.process.once('exit', () => resolve()));
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      first.process.kill('SIGKILL');
    };
    const timer = setTimeout(kill, KILL_AFTER_MS);

    await Promise.all(
      annotators.map(async ({ http }, c) => {
        // Each client owns its rows (its own annotator) and rewrites them in turn, sending the
        // version it last saw, as the workspace does.
        const versions = new Map<number, number>();
        const rows = sentenceIds.slice(c * ROWS_PER_CLIENT, (c + 1) * ROWS_PER_CLIENT);
        for (let n = 0; n < MAX_SAVES_PER_CLIENT && !killed; n++) {
          const sentenceId = rows[n % rows.length]!;
          const sent: Sent = { sentenceId, note: `client ${c} save ${n}`, claims: (n % 3) + 1 };
          inFlight[c] = sent;
          let response;
          try {
            response = await http('PUT', `/sentences/${sentenceId}/annotation`, {
              status: 'claims',
              claims: Array.from({ length: sent.claims }, (_, k) => ({
                speaker: { actorId: actor.id },
                stance: ['condemn', 'support', 'mediate'][k % 3],
                target: { span: { start: k, end: k + 5 } },
              })),
              note: sent.note,
              baseVersion: versions.get(sentenceId) ?? 0,
            });
          } catch {
            break; // the server is gone: this save may or may not have been written
          }
          expect(response.status, JSON.stringify(response.json)).toBe(200);
          const version = Number(response.json.version);
          versions.set(sentenceId, version);
          acks[c]!.push({ ...sent, version });
          inFlight[c] = undefined;
          if (++ackCount >= KILL_AFTER_ACKS) kill();
        }
      }),
    );
    clearTimeout(timer);
    await exited;
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(ackCount).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // --- restart on the same file ---
    const second = await startServer({ PARLEY_DB: first.dbFile, PARLEY_DEMO: '0' });
    running.push(second);
    url = second.url;
    expect((await fetch(`${url}/api/health`)).status).toBe(200);

    const committed: number[] = []; // per client: saves in the database (acknowledged, plus the one in flight if it made it)
    for (const [c, { http }] of annotators.entries()) {
      // Sessions are stored in the database: each annotator is still signed in after the crash.
      const listed = await call('GET', `/documents/${documentId}/annotations?annotator=me`, undefined, http);
      const stored = new Map((listed.annotations as StoredAnnotation[]).map((a) => [a.sentenceId, a]));
      const lastAck = new Map<number, Ack>();
      for (const ack of acks[c]!) lastAck.set(ack.sentenceId, ack); // acks are in order: the later one wins
      for (const [sentenceId, ack] of lastAck) {
        const row = stored.get(sentenceId);
        const pending = inFlight[c]?.sentenceId === sentenceId ? inFlight[c] : undefined;
        // The one save in flight at the kill may have committed (version + 1) or not; nothing else may differ.
        const expected = pending && row?.version === ack.version + 1 ? pending : ack;
        if (expected === pending) committed[c] = 1;
        expect({ sentenceId, version: row?.version, note: row?.note, status: row?.status, claims: row?.claims.length }).toEqual({
          sentenceId,
          version: expected === ack ? ack.version : ack.version + 1,
          note: expected.note,
          status: 'claims',
          claims: expected.claims,
        });
      }
      // Rows never acknowledged hold nothing but, at most, the one save in flight.
      for (const [sentenceId, row] of stored) {
        if (lastAck.has(sentenceId)) continue;
        expect({ sentenceId, note: row.note, version: row.version }).toEqual({ sentenceId, note: inFlight[c]?.note, version: 1 });
        committed[c] = 1;
      }
      committed[c] = (committed[c] ?? 0) + acks[c]!.length;
    }

    const db = new Database(first.dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // The audit log committed with each save: exactly one event per save in the database.
      const events = annotators.map(
        ({ id }) => (db.prepare("SELECT count(*) AS n FROM events WHERE entity = 'annotation' AND user_id = ?").get(id) as { n: number }).n,
      );
      expect(events).toEqual(committed);
    } finally {
      db.close();
    }

    // It serves again: a new save goes through and is read back.
    const { http } = annotators[0]!;
    const sentenceId = sentenceIds[0]!;
    const current = await call('GET', `/documents/${documentId}/annotations?annotator=me`, undefined, http);
    const version = (current.annotations as StoredAnnotation[]).find((a) => a.sentenceId === sentenceId)?.version ?? 0;
    const saved = await call('PUT', `/sentences/${sentenceId}/annotation`, { status: 'no_claim', claims: [], baseVersion: version }, http);
    expect(saved).toMatchObject({ status: 'no_claim', version: version + 1 });
  }, 90_000);
});
