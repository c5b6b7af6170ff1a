// Issue 17 item 9, walked as an admin would: assigning beyond the overlap asks first, the next N
// documents go to a member in one step, a role change shows wherever members are listed, and a new
// actor gets its aliases and parent in one form. (The export's default is in export.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTeam, ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { ActorList } from '../../shared/schemas/actors.ts';

const app = useServerAndBrowser();
const PROJECT = 'China–Russia diplomacy in the Middle East';
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let page: Page;
beforeAll(async () => {
  const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  await addTeam(admin, 1, [
    ['ana', 'annotator'],
    ['ben', 'annotator'],
    ['cai', 'annotator'],
  ]);
  page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
});

const assignments = () => page.getByRole('region', { name: 'Assignments' });
const heldBy = (username: string) => assignments().getByRole('row').filter({ hasText: username });

async function assign(title: string, username: string) {
  const form = page.getByRole('form', { name: 'Assign a document' });
  // A chip from the last assignment: the picker comes back when it is removed.
  const chosen = form.getByRole('button', { name: /^Choose another document than/ });
  if (await chosen.count()) await chosen.click();
  await form.getByRole('combobox', { name: 'Document' }).fill(title.split(' ').slice(0, 3).join(' '));
  await form.getByRole('option', { name: title }).click();
  await form.getByLabel('Annotator').selectOption({ label: `${username} (annotator)` });
  await form.getByRole('button', { name: 'Assign' }).click();
}

describe('sensible defaults for admins', () => {
  it('assigning a k + 1st annotator asks first; Cancel leaves it, "anyway" assigns', async () => {
    await page.getByRole('link', { name: PROJECT }).click();
    await assign(ARTICLE, 'ana');
    await expect.poll(() => heldBy('ana').count()).toBe(1);
    await assign(ARTICLE, 'ben');
    await expect.poll(() => heldBy('ben').count()).toBe(1);

    // The overlap is 2: a third annotator is a question, not a slip.
    await assign(ARTICLE, 'cai');
    const dialog = page.getByRole('dialog', { name: 'Assign beyond the overlap?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/already has 2 annotators, the project's overlap of 2/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await heldBy('cai').count()).toBe(0);

    await assign(ARTICLE, 'cai');
    await dialog.getByRole('button', { name: 'Assign to cai anyway' }).click();
    await expect.poll(() => heldBy('cai').count()).toBe(1);
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('gives the next N unassigned documents to a member in one step, never the full one', async () => {
    const form = page.getByRole('form', { name: 'Assign documents in bulk' });
    await form.getByLabel('Number of documents').fill('2');
    await form.getByLabel('To').selectOption({ label: 'cai (annotator)' });
    await form.getByRole('button', { name: 'Give the next 2 unassigned' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toMatch(/^Gave 2 documents to cai: /);
    // cai now holds three documents: the article (assigned above) and the two uncovered ones.
    await expect.poll(() => heldBy('cai').count()).toBe(3);

    await form.getByLabel('Number of documents').fill('10');
    await form.getByRole('button', { name: 'Give the next 10 unassigned' }).click();
    // Five documents in the demo: the two left are given, none beyond what cai has.
    await expect.poll(() => form.getByRole('status').innerText()).toMatch(/^Gave 2 documents to cai: /);
    await form.getByRole('button', { name: 'Give the next 10 unassigned' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toMatch(/^No document is left that cai has not done/);
  });

  it('a role changed on the users page shows in the project’s member pickers', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Role of ben').selectOption('reviewer');
    await expect.poll(() => page.getByLabel('Role of ben').inputValue()).toBe('reviewer');
    await page.getByRole('link', { name: 'Parley' }).click();
    await page.getByRole('link', { name: PROJECT }).click();
    const picker = page.getByRole('form', { name: 'Assign documents in bulk' }).getByLabel('To');
    await expect.poll(() => picker.locator('option').allInnerTexts()).toContain('ben (reviewer)');
    expect(await picker.locator('option').allInnerTexts()).not.toContain('ben (annotator)');
  });

  it('creates an actor with its code, aliases and parent in one form', async () => {
    await page.getByRole('link', { name: 'Actors' }).click();
    const form = page.getByRole('form', { name: 'Add an actor' });
    await form.getByLabel('New actor').fill('Mao Ning');
    await form.getByLabel('Kind').selectOption('person');
    await form.getByLabel('Aliases (one per line)').fill('Spokeswoman Mao\nMao');
    await form.getByLabel('Part of').selectOption({ label: 'China' });
    await form.getByRole('button', { name: 'Add actor' }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Added Mao Ning.');
    // The table draws only the rows in view: the new actor is found by searching, as among the seeded dozens.
    await page.getByRole('searchbox', { name: 'Filter actors' }).fill('Mao');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Mao Ning', exact: true }) });
    await expect.poll(() => row.innerText()).toMatch(/person[\s\S]*Spokeswoman Mao, Mao[\s\S]*China/);
    // The form is empty again for the next one.
    expect(await form.getByLabel('New actor').inputValue()).toBe('');

    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const { actors } = await admin.get('/projects/1/actors', ActorList);
    const mao = actors.find((a) => a.name === 'Mao Ning')!;
    expect(mao).toMatchObject({ kind: 'person', aliases: ['Spokeswoman Mao', 'Mao'], parentId: actors.find((a) => a.name === 'China')!.id });
  });
});
