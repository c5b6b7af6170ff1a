// Issue 15, item 2, as a reviewer would use it: a project of a few thousand documents is searched,
// filtered, sorted and paged on the project page, the view survives a reload and back/forward,
// and the export page picks documents by searching (not from thousands of checkboxes). The
// disagreement queue, the actors and the accounts at length: long-registers.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { ExportRecord } from '../../shared/schemas/export.ts';
import { User } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { TakeNextResult } from '../../shared/schemas/assignments.ts';

const app = useServerAndBrowser();
const DOCUMENTS = 3000;
const PROJECT = 'A year of dispatches';
// Titles sort as their numbers; two stand apart, one at each end of A–Z.
const title = (n: number) => `Dispatch ${String(n).padStart(4, '0')} from the harbour`;
const FIRST = 'Aardvark census in the delta';
const LAST = 'Zanzibar ferry inquiry';

let projectId = 0;
let completeTitle = '';
let heldTitle = '';
let page: Page;

beforeAll(async () => {
  const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  const project = await admin.post('/projects', Project, { name: PROJECT, overlap: 1 });
  projectId = project.id;
  const docs = Array.from({ length: DOCUMENTS - 2 }, (_, i) => ({
    title: title(i + 1),
    text: `Dispatch number ${i + 1}. The harbour master said ships would wait.`,
  }));
  docs.splice(1234, 0, { title: LAST, text: 'The ferry sank. An inquiry was opened.' });
  docs.splice(2345, 0, { title: FIRST, text: 'The census counted aardvarks. Nobody was surprised.' });
  let firstId = 0;
  for (let i = 0; i < docs.length; i += 1000) {
    const result = await admin.post(`/projects/${projectId}/documents`, ImportResult, { documents: docs.slice(i, i + 1000) });
    firstId ||= result.imported[0]!.id;
  }
  // One document complete: its every sentence labelled by the project's one annotator needed.
  const done = await admin.get(`/documents/${firstId + 7}`, DocumentDetail);
  completeTitle = done.title;
  for (const sentence of done.sentences) await admin.put(`/sentences/${sentence.id}/annotation`, Annotation, { status: 'no_claim', claims: [] });
  // A member who takes one document from the queue, and so holds it.
  const holder = await admin.post('/users', User, { username: 'holder', password: 'holder-password', role: 'annotator' });
  await admin.post(`/projects/${projectId}/members`, MemberList, { userId: holder.id });
  const taken = await (await apiClient(app.server.url, 'holder', 'holder-password')).post(`/projects/${projectId}/queue/next`, TakeNextResult, {});
  heldTitle = taken.document!.title;
  page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
}, 120_000);

const table = () => page.getByRole('table', { name: 'Documents' });
/** The line above the table: "12 of 3,000 documents". */
const count = () => page.locator('.document-list .list-count');
/** The titles of the document rows drawn now, top to bottom. */
const shownTitles = () => table().getByRole('rowheader').getByRole('link').allInnerTexts();
const search = () => page.getByRole('searchbox', { name: 'Search titles and sources' });

describe('a project of a few thousand documents', () => {
  it('shows the count and a first page, and draws only the rows in view', async () => {
    await page.getByRole('link', { name: PROJECT }).click();
    await expect.poll(() => count().innerText()).toBe('3,000 documents');
    await expect.poll(async () => (await shownTitles())[0]).toBe(title(1));
    // Virtualized: a few dozen rows in the DOM of 3,000, and a way to load more by keyboard.
    expect(await table().getByRole('row').count()).toBeLessThan(60);
    expect(await page.locator('*').count()).toBeLessThan(5000);
    await expect.poll(() => page.getByText('50 of 3,000 documents loaded').count()).toBe(1);
  });

  it('searches titles, says when nothing matches, and clears the search', async () => {
    await search().fill('zanzibar');
    await expect.poll(() => count().innerText()).toBe('1 of 3,000 documents');
    expect(await shownTitles()).toEqual([LAST]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('zanzibar');

    await search().fill('xylophone');
    const empty = page.getByText('No documents match “xylophone”');
    await empty.waitFor();
    await page.getByRole('button', { name: 'clear the search' }).click();
    await expect.poll(() => count().innerText()).toBe('3,000 documents');
    expect(await search().inputValue()).toBe('');
  });

  it('filters by status, sorts by title both ways, and back/forward and a reload keep the view', async () => {
    await page.getByLabel('Status').selectOption({ label: 'Complete (1)' });
    await expect.poll(() => count().innerText()).toBe('1 of 3,000 documents');
    expect(await shownTitles()).toEqual([completeTitle]);
    await page.getByLabel('Status').selectOption({ label: 'Any status' });
    await expect.poll(() => count().innerText()).toBe('3,000 documents');
    await page.getByLabel('Held by').selectOption({ label: 'holder' });
    await expect.poll(() => count().innerText()).toBe('1 of 3,000 documents');
    expect(await shownTitles()).toEqual([heldTitle]);
    await page.getByLabel('Held by').selectOption({ label: 'Anyone or no one' });
    await expect.poll(() => count().innerText()).toBe('3,000 documents');
    // Imported from a day to come: nothing, said so, and a way back.
    await page.getByLabel('Imported from').fill('2999-01-01');
    await page.getByText('No documents match these filters').waitFor();
    await page.getByRole('button', { name: 'clear the filters' }).click();
    await expect.poll(() => count().innerText()).toBe('3,000 documents');

    const header = table().getByRole('columnheader', { name: /^Document/ });
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await shownTitles())[0]).toBe(FIRST);
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await shownTitles())[0]).toBe(LAST);
    await expect.poll(async () => (await shownTitles())[1]).toBe(title(DOCUMENTS - 2));

    // Back: A–Z again; forward: Z–A.
    await page.goBack();
    await expect.poll(async () => (await shownTitles())[0]).toBe(FIRST);
    await page.goForward();
    await expect.poll(async () => (await shownTitles())[0]).toBe(LAST);

    // A link (here: the reloaded URL) shows the same view.
    // Every word a prefix: "29" finds Dispatch 2900 to 2998.
    await search().fill('dispatch 29');
    await expect.poll(() => count().innerText()).toBe('99 of 3,000 documents');
    await page.reload();
    await expect.poll(() => count().innerText()).toBe('99 of 3,000 documents');
    expect(await search().inputValue()).toBe('dispatch 29');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await shownTitles())[0]).toBe(title(2998));
  });

  it('loads the next page with "Load more" and by scrolling to the end', async () => {
    await search().fill('');
    await expect.poll(() => count().innerText()).toBe('3,000 documents');
    const loadMore = page.getByRole('button', { name: 'Load more' });
    await loadMore.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('100 of 3,000 documents loaded').count()).toBe(1);

    // Scrolling the table's box to its end asks for the page after.
    await table().evaluate((element) => element.parentElement!.scrollTo({ top: element.parentElement!.scrollHeight }));
    await expect.poll(() => page.getByText('150 of 3,000 documents loaded').count()).toBe(1);
    // Z–A: Zanzibar, then Dispatch 2998 down; the 100th row, the second page's last, is in view.
    await expect.poll(async () => (await shownTitles()).includes(title(2900))).toBe(true);
    expect(await table().getByRole('row').count()).toBeLessThan(60);
  });
});

describe('the export page with a few thousand documents', () => {
  it('picks documents by searching, shows them as removable chips, and exports only them', async () => {
    await page.goto(`${app.server.url}/projects/${projectId}/export`);
    await page.getByRole('combobox', { name: /^Sentences to export/ }).selectOption({ label: 'Every sentence, labelled or not' });
    const status = page.getByRole('status');
    await expect.poll(() => status.innerText()).toMatch(/in 3000 documents$/);
    expect(await page.getByRole('checkbox').count()).toBeLessThan(10);

    const picker = page.getByRole('combobox', { name: 'Add a document' });
    await picker.fill('zanzibar');
    await page.getByRole('option', { name: LAST }).waitFor();
    await page.keyboard.press('Enter');
    await picker.fill('aardvark');
    await page.getByRole('option', { name: FIRST }).click();
    const chips = page.getByRole('list', { name: 'Documents to export' });
    const chipNames = () => chips.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    await expect.poll(chipNames).toEqual([`Remove ${LAST}`, `Remove ${FIRST}`]);
    await expect.poll(() => status.innerText()).toBe('4 records from 4 sentences in 2 documents');

    await chips.getByRole('button', { name: `Remove ${FIRST}` }).click();
    await expect.poll(chipNames).toEqual([`Remove ${LAST}`]);
    await expect.poll(() => status.innerText()).toBe('2 records from 2 sentences in 1 document');

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download JSONL' }).click();
    const path = await (await downloading).path();
    const records = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => ExportRecord.parse(JSON.parse(line)));
    expect(records.map((record) => record.document.title)).toEqual([LAST, LAST]);
    // The export's choices are in its URL: a reload (or a link to it) opens the same export.
    await page.reload();
    await expect.poll(() => status.innerText()).toBe('2 records from 2 sentences in 1 document');
    expect(await chips.getByRole('button').count()).toBe(1);

    // A whole search, without picking its documents one by one.
    await picker.fill('dispatch 29');
    await page.getByRole('option', { name: 'Every document matching “dispatch 29” (99)' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Documents to export' }).innerText()).toMatch(/^Matching “dispatch 29” \(99\)/);
    await expect.poll(() => status.innerText()).toBe('198 records from 198 sentences in 99 documents');
    expect(new URL(page.url()).searchParams.get('q')).toBe('dispatch 29');
    await page.reload();
    await expect.poll(() => page.getByRole('list', { name: 'Documents to export' }).innerText()).toMatch(/^Matching “dispatch 29”/);
    await expect.poll(() => status.innerText()).toBe('198 records from 198 sentences in 99 documents');
    expect(await page.getByRole('combobox', { name: /^Sentences to export/ }).inputValue()).toBe('');
  });

  it('opens from the documents list with its search, to export what the list shows', async () => {
    await page.goto(`${app.server.url}/projects/${projectId}?q=zanzibar`);
    await expect.poll(() => count().innerText()).toBe('1 of 3,000 documents');
    await page.getByRole('link', { name: 'Export these documents' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Documents to export' }).innerText()).toMatch(/^Matching “zanzibar”/);
    await page.getByRole('combobox', { name: /^Sentences to export/ }).selectOption({ label: 'Every sentence, labelled or not' });
    await expect.poll(() => page.getByRole('status').innerText()).toBe('2 records from 2 sentences in 1 document');
  });
});
