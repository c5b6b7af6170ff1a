// Helpers for the api tier: a fresh database (SQLite, or PostgreSQL in its tier) and app per test, users signed in through the API.
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp, type AppOptions } from '../../server/app.ts';
import type { Db } from '../../server/db/connection.ts';
import { freshDatabase } from './databases.ts';
import { randomBytes, scryptSync } from 'node:crypto';
import { insertUser } from '../../server/users/repo.ts';
import { createProject, addMember } from '../../server/projects/service.ts';
import { createActor } from '../../server/actors/service.ts';
import { system } from '../../server/policy.ts';
import type { Role } from '../../shared/schemas/users.ts';
import type { CreateProjectBody, Project } from '../../shared/schemas/projects.ts';
import type { Actor, CreateActorBody } from '../../shared/schemas/actors.ts';
import { DocumentDetail, ImportResult, type ImportDocument } from '../../shared/schemas/documents.ts';

export type Agent = InstanceType<typeof TestAgent>;

export interface TestContext {
  db: Db;
  /** Where the database lives (a SQLite file or a PostgreSQL URL), for tests that run the CLI on it. */
  file: string;
  app: ReturnType<typeof createApp>;
  close: () => void;
}

/** A new migrated database (tests/support/databases.ts: SQLite, or PostgreSQL in that tier) with its app (`options` e.g. short session limits). */
export function makeContext(options: Omit<AppOptions, 'db'> = {}): TestContext {
  const { db, location, drop } = freshDatabase();
  const app = createApp({ db, log: () => {}, ...options });
  return { db, file: location, app, close: drop };
}

let userCounter = 0;

export const TEST_PASSWORD = 'correct horse battery';

// Test accounts get a hash with scrypt's cost lowered (N=2^10): the stored parameters travel with
// the hash, so sign-in verifies it the normal way, just ~30× faster than production's N=2^15.
const CHEAP_HASH = (() => {
  const salt = randomBytes(16);
  const key = scryptSync(TEST_PASSWORD.normalize('NFKC'), salt, 64, { N: 1024, r: 8, p: 1 });
  return ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
})();

export interface UserOverrides {
  username?: string;
}

/** Creates a user (with TEST_PASSWORD) directly in the database; `overrides` is the username or fields to set. */
export function makeUser(ctx: TestContext, role: Role, overrides: string | UserOverrides = {}) {
  const { username = `${role}${++userCounter}` } = typeof overrides === 'string' ? { username: overrides } : overrides;
  return insertUser(ctx.db, { username, passwordHash: CHEAP_HASH, role });
}

/** Creates a user with the given role and returns a supertest agent signed in as them. */
export async function signedIn(
  ctx: TestContext,
  role: Role,
  options: { project?: Project; username?: string } = {},
): Promise<{ agent: Agent; userId: number; username: string }> {
  const username = options.username ?? `${role}${++userCounter}`;
  const password = TEST_PASSWORD;
  const user = makeUser(ctx, role, { username });
  if (options.project) addMember(ctx.db, system('test'), options.project.id, user.id);
  const agent = request.agent(ctx.app);
  await agent.post('/api/session').send({ username, password }).expect(200);
  return { agent, userId: user.id, username };
}

/**
 * The team most review tests need, made members of the project and signed in: two annotators and
 * a reviewer, created in that order (so the annotators' ids are the lower two).
 */
export async function addTeam(ctx: TestContext, project: Project) {
  const a = await signedIn(ctx, 'annotator', { project });
  const b = await signedIn(ctx, 'annotator', { project });
  const reviewer = await signedIn(ctx, 'reviewer', { project });
  return { a, b, reviewer };
}

export interface ProjectOverrides extends Partial<CreateProjectBody> {
  /** The actors to create (default China, Russia and Israel, as states). */
  actors?: readonly (Omit<CreateActorBody, 'kind'> & Partial<Pick<CreateActorBody, 'kind'>>)[];
}

const DEFAULT_ACTORS: NonNullable<ProjectOverrides['actors']> = [
  { name: 'China', code: 'CHN' },
  { name: 'Russia', code: 'RUS' },
  { name: 'Israel', code: 'ISR' },
];

/** A project with a few actors, created directly (not under test here); `overrides` is the name or fields to set. */
export function makeProject(ctx: TestContext, overrides: string | ProjectOverrides = {}): { project: Project; actors: Record<string, Actor> } {
  const { name = `Project ${++userCounter}`, actors: actorSpecs = DEFAULT_ACTORS, ...fields } = typeof overrides === 'string' ? { name: overrides } : overrides;
  const project = createProject(ctx.db, system('test'), { name, ...fields });
  const actors: Record<string, Actor> = {};
  for (const { kind = 'state', aliases = [], ...actor } of actorSpecs) {
    actors[actor.name] = createActor(ctx.db, system('test'), project.id, { kind, aliases, ...actor });
  }
  return { project, actors };
}

export const SAMPLE_TEXT =
  'Xi and Putin criticized Israel’s actions. Beijing has sought to position itself as a peace broker.\n\n' +
  'Mr. Wang met U.S. officials on Jan. 3 in Washington. He urged all parties to show restraint.';

export type DocumentOverrides = Partial<ImportDocument>;

/** Imports a document through the API and returns its id and sentences; `overrides` is the text or fields to send. */
export async function importDocument(agent: Agent, projectId: number, overrides: string | DocumentOverrides = {}) {
  const fields = typeof overrides === 'string' ? { text: overrides } : overrides;
  const res = await agent
    .post(`/api/projects/${projectId}/documents`)
    .send({ title: 'Sample', text: SAMPLE_TEXT, source: 'sample.txt', ...fields })
    .expect(201);
  const imported = ImportResult.parse(res.body).imported[0]!;
  const doc = await agent.get(`/api/documents/${imported.id}`).expect(200);
  return DocumentDetail.parse(doc.body);
}
