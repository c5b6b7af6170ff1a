// Helpers for the api tier: a fresh SQLite database and app per test, users signed in through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../server/app.ts';
import { openDb, type Db } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createUser } from '../../server/users/service.ts';
import { createProject, addMember } from '../../server/projects/service.ts';
import { createActor } from '../../server/actors/service.ts';
import type { Role } from '../../shared/schemas/users.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import type { Actor } from '../../shared/schemas/actors.ts';
import type { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';

export type Agent = InstanceType<typeof TestAgent>;

export interface TestContext {
  db: Db;
  app: ReturnType<typeof createApp>;
  close: () => void;
}

/** A new database file in a temporary folder, migrated, with its app. */
export function makeContext(): TestContext {
  const dir = mkdtempSync(join(tmpdir(), 'parley-test-'));
  const db = openDb(join(dir, 'test.db'));
  migrate(db);
  const app = createApp({ db, log: () => {} });
  return {
    db,
    app,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let userCounter = 0;

/** Creates a user with the given role and returns a supertest agent signed in as them. */
export async function signedIn(
  ctx: TestContext,
  role: Role,
  options: { project?: Project; username?: string } = {},
): Promise<{ agent: Agent; userId: number; username: string }> {
  const username = options.username ?? `${role}${++userCounter}`;
  const password = 'correct horse battery';
  const user = await createUser(ctx.db, null, { username, password, role });
  if (options.project) addMember(ctx.db, null, options.project.id, user.id);
  const agent = request.agent(ctx.app);
  await agent.post('/api/session').send({ username, password }).expect(200);
  return { agent, userId: user.id, username };
}

/** A project with a few actors, created directly (not under test here). */
export function makeProject(ctx: TestContext, name = `Project ${++userCounter}`): { project: Project; actors: Record<string, Actor> } {
  const project = createProject(ctx.db, null, { name });
  const actors: Record<string, Actor> = {};
  for (const [actorName, code] of [
    ['China', 'CHN'],
    ['Russia', 'RUS'],
    ['Israel', 'ISR'],
  ] as const) {
    actors[actorName] = createActor(ctx.db, null, project.id, { name: actorName, kind: 'state', code, aliases: [] });
  }
  return { project, actors };
}

export const SAMPLE_TEXT =
  'Xi and Putin criticized Israel’s actions. Beijing has sought to position itself as a peace broker.\n\n' +
  'Mr. Wang met U.S. officials on Jan. 3 in Washington. He urged all parties to show restraint.';

/** Imports a document through the API and returns its id and sentences. */
export async function importDocument(agent: Agent, projectId: number, text = SAMPLE_TEXT) {
  const res = await agent.post(`/api/projects/${projectId}/documents`).send({ title: 'Sample', text, source: 'sample.txt' }).expect(201);
  const imported = (res.body as ImportResult).imported[0]!;
  const doc = await agent.get(`/api/documents/${imported.id}`).expect(200);
  return doc.body as DocumentDetail;
}
