// Issue 12 item 18: no label shown as "Saving…" is ever lost. Leaving the workspace through the
// app (a link, Back) while a save is running or has failed asks first, as a reload does; keys
// pressed faster than the screen renders are never dropped.
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, seriousAccessibilityViolations, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';

const app = useServerAndBrowser();
const PROJECT = 'China–Russia diplomacy in the Middle East';
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

const sentences = (page: Page) => page.getByRole('listbox', { name: 'Sentences' });
const current = (page: Page) => sentences(page).locator('[aria-selected="true"]');
const saveStatus = (page: Page) => page.locator('.save-status');
const leaveDialog = (page: Page) => page.getByRole('dialog', { name: 'Leave with labels not saved?' });
const projectHeading = (page: Page) => page.getByRole('heading', { name: PROJECT, level: 1 });

/** Holds every label save (PUT) until `release()`; the browser shows them as "Saving…" meanwhile. */
async function holdSaves(page: Page) {
  const held: Route[] = [];
  let holding = true;
  await page.route('**/api/sentences/*/annotation', async (route) => {
    if (holding && route.request().method() === 'PUT') held.push(route);
    else await route.continue();
  });
  return {
    count: () => held.length,
    release: async () => {
      holding = false;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

async function openArticle(page: Page) {
  await page.getByRole('link', { name: PROJECT }).click();
  await page.getByRole('link', { name: ARTICLE }).first().click();
  await sentences(page).waitFor();
}

/** Labels the sentence starting with `start` as holding no claim, with the keyboard. */
async function markNoClaim(page: Page, start: RegExp) {
  await sentences(page).getByRole('option', { name: start }).click();
  await page.keyboard.press('n');
  await expect.poll(() => current(page).innerText()).toMatch(/no claim/);
}

describe('leaving the workspace with labels not saved', () => {
  it('asks first while a save is running; Stay keeps the page, and once saved a link leaves at once', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await openArticle(page);
    const saves = await holdSaves(page);
    await markNoClaim(page, /^The two leaders, during a phone call/);
    await expect.poll(() => saveStatus(page).innerText()).toBe('Saving…');
    await expect.poll(() => saves.count()).toBe(1);

    await page.getByRole('link', { name: PROJECT }).click();
    await expect.poll(() => leaveDialog(page).isVisible()).toBe(true);
    await expect.poll(() => leaveDialog(page).innerText()).toMatch(/still being saved/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await leaveDialog(page).getByRole('button', { name: 'Stay' }).click();
    await expect.poll(() => leaveDialog(page).isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toMatch(/\/documents\/\d+$/);
    await expect.poll(() => saveStatus(page).innerText()).toBe('Saving…');

    await saves.release();
    await expect.poll(() => saveStatus(page).innerText()).toBe('All changes saved');
    await page.getByRole('link', { name: PROJECT }).click();
    await projectHeading(page).waitFor();
    expect(await leaveDialog(page).count()).toBe(0);
    await page.context().close();
  });

  it('guards Back too, and leaves on its own once the save the user waited for has gone through', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await openArticle(page);
    const saves = await holdSaves(page);
    await markNoClaim(page, /^Liu Zhongmin/);
    await expect.poll(() => saves.count()).toBe(1);
    const documentId = Number(/documents\/(\d+)/.exec(page.url())![1]);

    await page.goBack();
    await expect.poll(() => leaveDialog(page).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toMatch(/\/documents\/\d+$/);
    await saves.release();
    await projectHeading(page).waitFor();

    // The label the user waited for is saved.
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const { sentences: all } = await admin.get(`/documents/${documentId}`, DocumentDetail);
    const liu = all.find((s) => s.text.startsWith('Liu Zhongmin'))!;
    const { annotations } = await admin.get(`/documents/${documentId}/annotations`, AnnotationList);
    expect(annotations.find((a) => a.sentenceId === liu.id)?.status).toBe('no_claim');
    await page.context().close();
  });

  it('asks first when a save has failed ("Not saved"); Leave leaves anyway', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await openArticle(page);
    await page.route('**/api/sentences/*/annotation', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal_error', message: 'Test outage' } }) })
        : route.continue(),
    );
    await markNoClaim(page, /^Xi's remarks included/);
    // Retried with backoff, then shown as not saved.
    await expect.poll(() => saveStatus(page).innerText(), { timeout: 40_000 }).toMatch(/^Not saved \(1 sentence\)/);

    await page.getByRole('link', { name: 'Parley' }).click();
    await expect.poll(() => leaveDialog(page).innerText()).toMatch(/1 sentence could not be saved yet/);
    await leaveDialog(page).getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await page.context().close();
  });
});

describe('keys faster than the screen', () => {
  it('moves exactly 100 sentences for 100 quick j presses on a 2,000-sentence article', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const paragraphs = Array.from({ length: 200 }, (_, p) =>
      Array.from({ length: 10 }, (_, s) => `Delegation ${p * 10 + s + 1} met the envoy and discussed the ceasefire at length.`).join(' '),
    );
    const title = 'Two thousand sentences of talks';
    const imported = await admin.post('/projects/1/documents', ImportResult, { title, text: paragraphs.join('\n\n') });
    expect(imported.imported[0]?.sentences).toBe(2000);

    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByRole('link', { name: PROJECT }).click();
    await page.getByRole('link', { name: title }).click();
    await sentences(page)
      .getByRole('option', { name: /^Delegation 1 met/ })
      .click();
    await expect.poll(() => current(page).getAttribute('aria-posinset')).toBe('1');

    // Key repeat faster than React renders: 100 keydowns in one task, none rendered in between.
    await page.evaluate(() => {
      for (let i = 0; i < 100; i++) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    });
    await expect.poll(() => current(page).getAttribute('aria-posinset')).toBe('101');
    await expect.poll(() => current(page).innerText()).toMatch(/Delegation 101 met/);

    // 100 real key presses, each sent without waiting for the screen.
    for (let i = 0; i < 100; i++) await page.keyboard.press('j');
    await expect.poll(() => current(page).getAttribute('aria-posinset')).toBe('201');
    await expect.poll(() => current(page).innerText()).toMatch(/Delegation 201 met/);
    // The address names that sentence too, so a reload opens there.
    const detail = await admin.get(`/documents/${imported.imported[0]!.id}`, DocumentDetail);
    await expect.poll(() => new URL(page.url()).searchParams.get('sentence')).toBe(String(detail.sentences[200]!.id));
    await page.reload();
    await expect.poll(() => current(page).getAttribute('aria-posinset')).toBe('201');
    await page.context().close();
  });
});
