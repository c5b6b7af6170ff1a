// Helpers for the e2e tier: the real server as a child process on a free port with a temporary
// database, and Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { z } from 'zod';
import { User, type Role } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { ActorList } from '../../shared/schemas/actors.ts';

export const ADMIN_PASSWORD = 'e2e-admin-password';

export interface RunningServer {
  url: string;
  dbFile: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts `server/main.ts` exactly as `npm start` does (minus the build), on a port the OS picks. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const dbFile = join(dir, 'parley.db');
  // PARLEY_SERVER_NODE_ARGS: Node options for the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
  // to profile a bench's servers (NODE_OPTIONS refuses --cpu-prof, and would profile the bench too).
  const nodeArgs = process.env.PARLEY_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', PARLEY_DB: dbFile, PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dbFile,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Chromium, headless, with no background network traffic. playwright-core gives every
 * launch a fresh temporary profile (it refuses a --user-data-dir argument for that reason).
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

/**
 * The server and Chromium for one e2e file: started before its tests, stopped after them. Read
 * `app.server` and `app.browser` inside tests (they exist once `beforeAll` has run).
 */
export function useServerAndBrowser(env: Record<string, string> = {}): { readonly server: RunningServer; readonly browser: Browser } {
  const state: { server?: RunningServer; browser?: Browser; close?: () => Promise<void> } = {};
  beforeAll(async () => {
    state.server = await startServer(env);
    const launched = await launchBrowser();
    state.browser = launched.browser;
    state.close = launched.close;
  });
  afterAll(async () => {
    await state.close?.();
    await state.server?.stop();
  });
  return {
    get server() {
      if (!state.server) throw new Error('the server is not started yet (use app.server inside tests)');
      return state.server;
    },
    get browser() {
      if (!state.browser) throw new Error('the browser is not launched yet (use app.browser inside tests)');
      return state.browser;
    },
  };
}

/** A minimal API client with its own session cookie, as a script would use; responses are parsed with the shared schemas. */
export async function apiClient(baseUrl: string, username: string, password: string) {
  const signIn = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign in as ${username} → ${signIn.status}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const call = async <T extends z.ZodType>(method: string, path: string, schema: T, body?: unknown): Promise<z.output<T>> => {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return schema.parse(json);
  };
  return {
    cookie,
    get: <T extends z.ZodType>(path: string, schema: T) => call('GET', path, schema),
    put: <T extends z.ZodType>(path: string, schema: T, body: unknown) => call('PUT', path, schema, body),
    post: <T extends z.ZodType>(path: string, schema: T, body: unknown) => call('POST', path, schema, body),
  };
}

export type ApiClient = Awaited<ReturnType<typeof apiClient>>;

/** The password addTeam gives each person: their username and "-password", so a test can sign in as them. */
const teamPassword = (username: string) => `${username}-password`;

/** The team most review tests need: two annotators and a reviewer. */
export const TEAM: readonly (readonly [username: string, role: Role])[] = [
  ['ann-one', 'annotator'],
  ['ann-two', 'annotator'],
  ['rev', 'reviewer'],
];

/**
 * Creates each person through the API as the admin does (password `teamPassword(username)`) and
 * makes them members of the project, one after another in the order given; returns their users in
 * that order.
 */
export async function addTeam(admin: ApiClient, projectId: number, people = TEAM): Promise<User[]> {
  const users: User[] = [];
  for (const [username, role] of people) {
    const user = await admin.post('/users', User, { username, password: teamPassword(username), role });
    await admin.post(`/projects/${projectId}/members`, MemberList, { userId: user.id });
    users.push(user);
  }
  return users;
}

/** addTeam's people signed in through the API, one after another: their API clients by username. */
/**
 * An article of the demo project as tests address it: its id, a sentence's id by its index in the
 * article, and a claim's reference to a registry actor by name.
 */
export async function demoArticle(admin: ApiClient, projectId: number, title: string) {
  const { documents } = await admin.get(`/projects/${projectId}/documents`, DocumentList);
  const docId = documents.find((d) => d.title === title)!.id;
  const detail = await admin.get(`/documents/${docId}`, DocumentDetail);
  const { actors } = await admin.get(`/projects/${projectId}/actors`, ActorList);
  return {
    docId,
    sentence: (index: number) => detail.sentences.find((s) => s.index === index)!.id,
    actor: (name: string) => ({ actorId: actors.find((a) => a.name === name)!.id }),
  };
}

export async function signInTeam(baseUrl: string, users: readonly User[]): Promise<Record<string, ApiClient>> {
  const clients: Record<string, ApiClient> = {};
  for (const { username } of users) clients[username] = await apiClient(baseUrl, username, teamPassword(username));
  return clients;
}

/** Fills and sends the sign-in form shown on the page, as a person would. */
export async function signInWithForm(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A page in a browser context of its own (its own cookies), signed in at the home page. */
export async function signedInPage(browser: Browser, url: string, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  await page.goto(url);
  await signInWithForm(page, username, password);
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
  return page;
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page) {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // The app's CSP forbids inline scripts; a CDP-level evaluation is not subject to it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: () => Promise<Result> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
