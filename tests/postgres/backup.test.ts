// `npm run cli -- backup --out FILE` on PostgreSQL (issue 14, item 6) runs pg_dump --format=custom.
// The dump, restored with pg_restore into an empty database, is the same database: every row of
// every table, the same export, and it takes new saves with new ids.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { openDb, type Db } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { sql, values } from '../../server/db/statements.ts';
import { loadDemo } from '../../server/demo/load.ts';
import { findPgDump } from '../../server/export/exportCommand.ts';
import { DocumentDetail } from '../../shared/schemas/documents.ts';
import { makeContext, signedIn, TEST_PASSWORD, type TestContext } from '../support/api.ts';
import { databaseUrl } from '../support/databases.ts';

const run = promisify(execFile);
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
});

/** Every row of every table as sorted JSON lines (keys sorted). */
function tableRows(db: Db): Record<string, string[]> {
  const tables = values<[], string>(
    db,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  ).all();
  return Object.fromEntries(
    tables.map((table) => [
      table,
      sql<[], Record<string, unknown>>(db, `SELECT * FROM ${table}`)
        .all()
        .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))))
        .sort(),
    ]),
  );
}

const exportText = async (app: TestContext['app'], cookie: string, projectId: number) =>
  (await request(app).get(`/api/projects/${projectId}/export?gold=include`).set('Cookie', cookie).buffer(true).expect(200)).text.replace(
    /"exported_at":"[^"]*"/g,
    '',
  );

describe('backup on PostgreSQL', () => {
  it('writes a pg_dump custom-format file that pg_restore turns into the same database', async () => {
    const pgDump = findPgDump();
    expect(pgDump, 'pg_dump is installed with the PostgreSQL this tier runs on').toBeDefined();
    const ctx = makeContext();
    cleanups.push(ctx.close);
    const project = loadDemo(ctx.db);
    const annotator = await signedIn(ctx, 'annotator', { project });
    const admin = await signedIn(ctx, 'admin', { project });
    const cookie = (await request(ctx.app).post('/api/session').send({ username: admin.username, password: TEST_PASSWORD }).expect(200)).headers[
      'set-cookie'
    ]![0]!.split(';')[0]!;
    const doc = DocumentDetail.parse((await annotator.agent.get('/api/documents/1').expect(200)).body);
    await annotator.agent.put(`/api/sentences/${doc.sentences[0]!.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);

    const dir = mkdtempSync(join(tmpdir(), 'parley-pgdump-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'parley.dump');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'backup', '--out', file], {
      env: { ...process.env, PARLEY_DB: ctx.file },
    });
    expect(stdout).toMatch(/^Backed up postgres:\/\/.* with pg_dump \(\d+ bytes\) to .*parley\.dump; restore it with pg_restore/);
    expect(statSync(file).size).toBeGreaterThan(0);

    // Restored into a new, empty database, as the README says.
    const adminDb = openDb(process.env.PARLEY_TEST_POSTGRES!);
    const name = `parley_restore_${process.pid}_${Date.now().toString(36)}`;
    adminDb.exec(`CREATE DATABASE ${name}`);
    cleanups.push(() => {
      adminDb.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      adminDb.close();
    });
    const pgRestore = pgDump === 'pg_dump' ? 'pg_restore' : join(dirname(pgDump!), 'pg_restore');
    await run(pgRestore, ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl(name)}`, file]);
    const restored = openDb(databaseUrl(name));
    cleanups.push(() => restored.close());

    expect(tableRows(restored)).toEqual(tableRows(ctx.db));
    expect(migrate(restored).applied).toEqual([]);
    const app = createApp({ db: restored, log: () => {} });
    expect(await exportText(app, cookie, project.id)).toBe(await exportText(ctx.app, cookie, project.id));
    // The sequences came along: a new account gets the next id.
    const lastUser = values<[], number>(ctx.db, 'SELECT max(id) FROM users').get()!;
    const user = await request(app)
      .post('/api/users')
      .set('Cookie', cookie)
      .send({ username: 'after-restore', password: 'a long password', role: 'annotator' });
    expect(user.status).toBe(201);
    expect(user.body.id).toBe(lastUser + 1);
  }, 60_000);
});
