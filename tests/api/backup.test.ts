// SQLite-specific (not in the PostgreSQL tier, vitest.config.ts SQLITE_ONLY): `cli backup` here is SQLite's
// online backup to a file, and restoring puts that file in place (on PostgreSQL it runs pg_dump).
// Backup while the real server runs and takes writes, then restore as the README says: stop the
// server, put the backup file in place of the database, start the server again.
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/e2e.ts';

const run = promisify(execFile);
const servers: RunningServer[] = [];
let dir: string | undefined;
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function getJson(url: string, cookie: string) {
  const res = await fetch(url, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.json() as Promise<Record<string, unknown>>;
}

describe('backup and restore', () => {
  it('backs up a live server under load; the restored database serves every label saved before the backup', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-backup-'));
    const server = await startServer();
    servers.push(server);
    const cookie = await signIn(server.url);
    const doc = (await getJson(`${server.url}/api/documents/1`, cookie)) as { sentences: { id: number }[] };
    const sentences = doc.sentences.map((s) => s.id);

    // Writers keep saving labels while the backup runs.
    let saved = 0;
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop && i < 10_000; i++) {
        const id = sentences[i % sentences.length]!;
        const res = await fetch(`${server.url}/api/sentences/${id}/annotation`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', cookie },
          body: JSON.stringify({ status: i % 2 ? 'no_claim' : 'skipped', claims: [], note: `save ${i}` }),
        });
        if (res.status === 200) saved++;
      }
    })();
    while (saved < 10) await new Promise((resolve) => setTimeout(resolve, 20));
    const savedBeforeBackup = saved;
    const backupFile = join(dir, 'backup.db');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'backup', backupFile], {
      env: { ...process.env, PARLEY_DB: server.dbFile },
    });
    expect(stdout).toMatch(/Backed up \d+ page\(s\)/);
    stop = true;
    await writer;

    // Restore: the backup becomes the database of a new server.
    const restoredFile = join(dir, 'restored.db');
    copyFileSync(backupFile, restoredFile);
    const restored = await startServer({ PARLEY_DB: restoredFile });
    servers.push(restored);
    const restoredCookie = await signIn(restored.url);
    const projects = (await getJson(`${restored.url}/api/projects`, restoredCookie)) as { projects: unknown[] };
    expect(projects.projects).toHaveLength(1);
    const annotations = (await getJson(`${restored.url}/api/documents/1/annotations`, restoredCookie)) as { annotations: { note: string }[] };
    // Saves go one after another over the sentences: all acknowledged before the backup began are in it.
    expect(annotations.annotations.length).toBeGreaterThanOrEqual(Math.min(sentences.length, savedBeforeBackup));
    const highest = Math.max(...annotations.annotations.map((a) => Number(a.note.replace('save ', ''))));
    expect(highest).toBeGreaterThanOrEqual(savedBeforeBackup - 1);
  });
});
