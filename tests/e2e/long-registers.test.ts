// Issue 15, item 2, for the lists beside the documents table: the disagreement queue, the actor
// registry and the accounts, each with a few pages of rows. A person scrolls them (the next pages
// come), filters them (the count says "N of M", the view is in the URL and survives a reload), and
// however much is loaded only the rows in view are drawn; a row being edited stays as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser, type ApiClient } from '../support/e2e.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { Actor } from '../../shared/schemas/actors.ts';
import { User, UserList } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';

const app = useServerAndBrowser();

/** Runs `work` over `items`, `width` at a time (the server is a child process on a shared machine). */
async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

/** Scrolls the box under the pointer as a mouse wheel would, a screenful or so at a time, until `done` holds (the next pages load on the way). */
async function wheelUntil(page: Page, box: Locator, done: () => Promise<boolean>): Promise<void> {
  await box.hover();
  for (let turns = 0; turns < 150 && !(await done()); turns++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(50);
  }
  expect(await done()).toBe(true);
}

const HARBOUR = 160;
const TIDES = 5;
const ACTORS = 150;
const READERS = 120;

let admin: ApiClient;
let page: Page;
let projectId = 0;
let harbourIds: number[] = [];

beforeAll(async () => {
  admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  projectId = (await admin.post('/projects', Project, { name: 'A season of disputes', overlap: 2 })).id;
  const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i + 1)).join(' ');
  const imported = await admin.post(`/projects/${projectId}/documents`, ImportResult, {
    documents: [
      { title: 'The harbour log', text: lines(HARBOUR, (i) => `Line ${i} says the harbour is open.`) },
      { title: 'The tide table', text: lines(TIDES, (i) => `Tide ${i} rose early.`) },
    ],
  });
  const docs = await Promise.all(imported.imported.map((doc) => admin.get(`/documents/${doc.id}`, DocumentDetail)));
  expect(docs.map((doc) => doc.sentences.length)).toEqual([HARBOUR, TIDES]);
  harbourIds = docs[0]!.sentences.map((sentence) => sentence.id);
  const sentences = docs.flatMap((doc) => doc.sentences);
  // Two annotators who differ on every sentence: one says no claim, the other skips it.
  for (const [username, body] of [
    ['tide-a', { status: 'no_claim', claims: [] }],
    ['tide-b', { status: 'skipped', claims: [], note: 'unclear' }],
  ] as const) {
    const user = await admin.post('/users', User, { username, password: `${username}-password`, role: 'annotator' });
    await admin.post(`/projects/${projectId}/members`, MemberList, { userId: user.id });
    const annotator = await apiClient(app.server.url, username, `${username}-password`);
    await inBatches(sentences, 10, (sentence) => annotator.put(`/sentences/${sentence.id}/annotation`, Annotation, body));
  }
  // Actors: every fifth a person, the rest organizations.
  const pilot = (i: number) => `Harbour pilot ${String(i).padStart(3, '0')}`;
  await inBatches(
    Array.from({ length: ACTORS }, (_, i) => i + 1),
    10,
    (i) => admin.post(`/projects/${projectId}/actors`, Actor, { name: pilot(i), kind: i % 5 === 0 ? 'person' : 'organization', aliases: [] }),
  );
  // Accounts: every fourth a reviewer.
  await inBatches(
    Array.from({ length: READERS }, (_, i) => i + 1),
    6,
    (i) =>
      admin.post('/users', User, {
        username: `reader-${String(i).padStart(3, '0')}`,
        password: 'reader-password',
        role: i % 4 === 0 ? 'reviewer' : 'annotator',
      }),
  );
  page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
}, 240_000);

describe('the disagreement queue with a few pages of conflicts', () => {
  const SENTENCES = HARBOUR + TIDES;
  const list = () => page.getByRole('list', { name: 'Disagreements' });
  const items = () => list().getByRole('button');
  const item = (text: string) => items().filter({ hasText: text });
  const count = () => page.locator('.queue-count');
  const pane = () => page.getByRole('complementary', { name: 'Disagreement queue' });

  it('draws only the items in view while scrolling loads the next pages', async () => {
    await page.goto(`${app.server.url}/projects/${projectId}/review?sort=position`);
    await expect.poll(() => count().innerText()).toBe(`${SENTENCES} open conflicts of ${SENTENCES} disputed sentences`);
    await expect.poll(() => page.getByText(`50 of ${SENTENCES} disputed sentences loaded`).count()).toBe(1);
    expect(await items().count()).toBeLessThan(40);
    // Each item says where it is in the whole queue.
    expect(await list().getByRole('listitem').first().getAttribute('aria-setsize')).toBe(String(SENTENCES));

    await wheelUntil(page, pane(), async () => (await item('Tide 5 rose').count()) === 1);
    // Every page is in; the first items are gone from the DOM (but the current one), the last ones drawn.
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await item('Line 2 says').count()).toBe(0);
    // The current conflict, the first, stays drawn however far the list is scrolled.
    expect(await item('Line 1 says').getAttribute('aria-current')).toBe('true');
    expect(await items().count()).toBeLessThan(40);
  });

  it('n runs on from the last loaded conflict into the next page, and focuses it', async () => {
    await page.goto(`${app.server.url}/projects/${projectId}/review?sort=position&sentence=${harbourIds[49]}`);
    await expect.poll(() => item('Line 50 says').getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('n');
    const next = item('Line 51 says');
    await expect.poll(() => next.getAttribute('aria-current')).toBe('true');
    await expect.poll(() => next.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('position');
  });

  it('a link to a conflict two pages down opens it, in view', async () => {
    await page.goto(`${app.server.url}/projects/${projectId}/review?sort=position&sentence=${harbourIds[129]}`);
    const linked = item('Line 130 says');
    await expect.poll(() => linked.getAttribute('aria-current')).toBe('true');
    // It alone is current (the first open conflict was not opened in its place), and the pane shows it.
    expect(await items().and(page.locator('[aria-current="true"]')).count()).toBe(1);
    await expect
      .poll(async () => {
        const [shown, box] = await Promise.all([pane().boundingBox(), linked.boundingBox()]);
        return !!shown && !!box && box.y >= shown.y && box.y + box.height <= shown.y + shown.height;
      })
      .toBe(true);
    expect(await items().count()).toBeLessThan(40);
  });

  it('a document filter says "N of M", lives in the URL and survives a reload', async () => {
    await page.goto(`${app.server.url}/projects/${projectId}/review`);
    await expect.poll(() => count().innerText()).toBe(`${SENTENCES} open conflicts of ${SENTENCES} disputed sentences`);
    await page.getByRole('combobox', { name: 'Document', exact: true }).fill('tide');
    // Both documents are offered before the search; then the tide table alone.
    await expect.poll(() => page.getByRole('listbox', { name: 'Document: matches' }).getByRole('option').allInnerTexts()).toEqual(['The tide table']);
    await page.keyboard.press('Enter');
    const filtered = `${TIDES} open conflicts · ${TIDES} of ${SENTENCES} disputed sentences`;
    await expect.poll(() => count().innerText()).toBe(filtered);
    expect(new URL(page.url()).searchParams.get('document')).toMatch(/^\d+$/);
    expect(await items().count()).toBe(TIDES);

    await page.reload();
    await expect.poll(() => count().innerText()).toBe(filtered);
    await expect.poll(() => page.getByRole('list', { name: 'Document', exact: true }).innerText()).toMatch(/The tide table/);
    await page.getByRole('button', { name: 'Show all documents' }).click();
    await expect.poll(() => count().innerText()).toBe(`${SENTENCES} open conflicts of ${SENTENCES} disputed sentences`);
  });
});

describe('the actor registry with a few pages of actors', () => {
  const table = () => page.getByRole('table', { name: 'Actors' });
  const count = () => page.locator('.list-count');
  const rowHeader = (name: string) => table().getByRole('rowheader', { name, exact: true });

  it('loads pages as the table scrolls and draws only the rows in view; a row being edited keeps what was typed', async () => {
    await page.goto(`${app.server.url}/projects/${projectId}/actors`);
    await expect.poll(() => count().innerText()).toBe(`${ACTORS} actors`);
    await expect.poll(() => page.getByText(`50 of ${ACTORS} actors loaded`).count()).toBe(1);
    expect(await table().getByRole('row').count()).toBeLessThan(50);

    await page.getByRole('button', { name: 'Edit Harbour pilot 002', exact: true }).click();
    const name = page.getByLabel('Name of Harbour pilot 002');
    await name.fill('Harbour pilot two');
    await wheelUntil(page, table(), async () => (await rowHeader('Harbour pilot 150').count()) === 1);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await rowHeader('Harbour pilot 010').count()).toBe(0);
    expect(await table().getByRole('row').count()).toBeLessThan(50);
    // Still in the DOM, as typed, far above the rows in view.
    expect(await name.inputValue()).toBe('Harbour pilot two');
    await name.press('Escape');
    await expect.poll(() => name.count()).toBe(0);
  });

  it('a search and a kind filter say "N of M", live in the URL and survive a reload', async () => {
    await page.getByRole('searchbox', { name: 'Filter actors' }).fill('harbour pilot 01');
    await expect.poll(() => count().innerText()).toBe(`10 of ${ACTORS} actors`);
    await page.getByRole('search', { name: 'Find actors' }).getByLabel('Kind').selectOption('person');
    // 010 and 015.
    await expect.poll(() => count().innerText()).toBe(`2 of ${ACTORS} actors`);
    await expect.poll(() => table().getByRole('rowheader').allInnerTexts()).toEqual(['Harbour pilot 010', 'Harbour pilot 015']);
    const url = new URL(page.url());
    expect([url.searchParams.get('q'), url.searchParams.get('kind')]).toEqual(['harbour pilot 01', 'person']);

    await page.reload();
    await expect.poll(() => count().innerText()).toBe(`2 of ${ACTORS} actors`);
    expect(await page.getByRole('searchbox', { name: 'Filter actors' }).inputValue()).toBe('harbour pilot 01');
    expect(await page.getByRole('search', { name: 'Find actors' }).getByLabel('Kind').inputValue()).toBe('person');
  });
});

describe('the accounts with a few pages of users', () => {
  const table = () => page.getByRole('table', { name: 'Accounts' });
  const count = () => page.locator('.list-count');
  let accounts = 0;

  it('loads pages as the table scrolls and draws only the rows in view', async () => {
    accounts = (await admin.get('/users?limit=1', UserList)).total;
    expect(accounts).toBeGreaterThan(READERS);
    await page.goto(`${app.server.url}/admin/users`);
    await expect.poll(() => count().innerText()).toBe(`${accounts} accounts`);
    await expect.poll(() => page.getByText(`50 of ${accounts} accounts loaded`).count()).toBe(1);
    expect(await table().getByRole('row').count()).toBeLessThan(50);

    // A password being typed for an account near the top.
    await page.getByRole('button', { name: 'Reset password of reader-002' }).click();
    const password = page.getByLabel('New password for reader-002');
    await password.pressSequentially('a new passphrase');
    // The last account by name: every page loaded by scrolling, few rows drawn.
    const last = (await admin.get(`/users?sort=username&order=desc&limit=1`, UserList)).users[0]!.username;
    await wheelUntil(page, table(), async () => (await table().getByRole('rowheader', { name: last }).count()) === 1);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await table().getByRole('row').count()).toBeLessThan(50);
    // The row scrolled far away keeps the field, what was typed and the keyboard focus.
    expect(await password.inputValue()).toBe('a new passphrase');
    expect(await password.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByRole('form', { name: 'Reset password of reader-002' }).getByRole('button', { name: 'Cancel' }).click();
  });

  it('a search and a role filter say "N of M", live in the URL and survive a reload', async () => {
    await page.getByRole('searchbox', { name: 'Search usernames' }).fill('reader-');
    await expect.poll(() => count().innerText()).toBe(`${READERS} of ${accounts} accounts`);
    await page.getByRole('search', { name: 'Find accounts' }).getByLabel('Role').selectOption('reviewer');
    await expect.poll(() => count().innerText()).toBe(`${READERS / 4} of ${accounts} accounts`);
    const url = new URL(page.url());
    expect([url.searchParams.get('q'), url.searchParams.get('role')]).toEqual(['reader-', 'reviewer']);

    await page.reload();
    await expect.poll(() => count().innerText()).toBe(`${READERS / 4} of ${accounts} accounts`);
    expect(await page.getByRole('searchbox', { name: 'Search usernames' }).inputValue()).toBe('reader-');
    await expect.poll(async () => (await table().getByRole('rowheader').allInnerTexts())[0]).toBe('reader-004');
  });
});
