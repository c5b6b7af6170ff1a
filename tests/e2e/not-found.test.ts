// A project that does not exist, or that the user is not a member of, is one clean notice (as a
// missing document is), not the project page's panels each repeating the error.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { User } from '../../shared/schemas/users.ts';
import { DocumentList } from '../../shared/schemas/documents.ts';

const app = useServerAndBrowser();

async function expectOneNotice(page: Page, message: string) {
  await expect.poll(() => page.getByRole('alert').allInnerTexts()).toEqual([message]);
  expect(await page.getByText(message).count()).toBe(1);
  expect(await page.getByRole('heading', { name: /Documents|My queue/ }).count()).toBe(0);
  expect(await page.getByRole('table').count()).toBe(0);
  expect(await page.getByRole('searchbox').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  await page.getByRole('link', { name: 'Back to your projects' }).click();
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
}

describe('a project that cannot be opened', () => {
  it('an unknown project id shows one “not found” notice with a way back', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await page.goto('/projects/999');
    await expectOneNotice(page, 'Project 999 not found.');
    await page.context().close();
  });

  it('a path whose id is not a number is a page not found, and asks the server for nothing', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/(projects|documents)\//.test(request.url())) asked.push(request.url());
    });
    for (const path of ['/projects/abc', '/projects/1/documents/xyz', '/projects/0/review']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    }
    expect(asked).toEqual([]);
    await page.getByRole('link', { name: 'Go to your projects' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await page.context().close();
  });

  it('a project the annotator is not a member of looks the same as a missing one', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const other = await admin.post('/projects', Project, { name: 'Not yours' });
    await admin.post('/users', User, { username: 'outsider', password: 'outsider-password', role: 'annotator' });
    const page = await signedInPage(app.browser, app.server.url, 'outsider', 'outsider-password');
    await page.goto(`/projects/${other.id}`);
    await expectOneNotice(page, `Project ${other.id} not found.`);
    await page.context().close();
  });

  it('a deep link to a sentence the document does not have opens the document and says so', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const { documents } = await admin.get('/projects/1/documents', DocumentList);
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`/projects/1/documents/${documents[0]!.id}?sentence=999999`);
    await page.getByRole('listbox', { name: 'Sentences' }).waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'sentence id 999999' });
    await expect.poll(() => notice.innerText()).toMatch(/The link names sentence id 999999, which is not in this document .*: it opened at sentence \d+\./);
    // Once the cursor moves the URL names a real sentence, and the notice is gone.
    await page.getByRole('listbox', { name: 'Sentences' }).focus();
    await page.keyboard.press('j');
    await expect.poll(() => notice.count()).toBe(0);
    await page.context().close();
  });
});
