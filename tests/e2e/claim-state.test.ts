// What a tester found in the workspace's label state, walked as a person would: deleting a
// sentence's only claim takes the label back (it never becomes "no claim"); a new claim begun and
// not finished is not lost to a reload, a closed tab or a link without asking; a label waiting in
// the conflict dialog is shown as not saved.
import { describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { sentences, current, option, claims, saved, press, staleSaveInSecondTab } from '../support/workspacePage.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';
import { DocumentDetail } from '../../shared/schemas/documents.ts';

const app = useServerAndBrowser();
const PROJECT = 'China–Russia diplomacy in the Middle East';
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

const labelStatus = (page: Page) => page.locator('.label-status');
const saveStatus = (page: Page) => page.locator('.save-status');
const leaveDialog = (page: Page) => page.getByRole('dialog', { name: 'Leave with labels not saved?' });

async function openArticle(page: Page) {
  await page.getByRole('link', { name: PROJECT }).click();
  await page.getByRole('link', { name: ARTICLE }).first().click();
  await sentences(page).waitFor();
}

/** Types the claim China — condemn → Israel on the current sentence with the keyboard. */
async function typeClaim(page: Page) {
  await press(page, 'Enter');
  await page.keyboard.type('China');
  await press(page, 'Enter', '1');
  await page.keyboard.type('Israel');
  await press(page, 'Enter');
  await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*Israel/);
}

/** The admin's saved label of the sentence starting with `start`, as any API client reads it. */
async function savedLabel(page: Page, start: string) {
  const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  const documentId = Number(/documents\/(\d+)/.exec(page.url())![1]);
  const { sentences: all } = await admin.get(`/documents/${documentId}`, DocumentDetail);
  const sentence = all.find((s) => s.text.startsWith(start))!;
  const { annotations } = await admin.get(`/documents/${documentId}/annotations?annotator=me`, AnnotationList);
  return annotations.find((a) => a.sentenceId === sentence.id) ?? null;
}

/** Closes the page as a closed tab does; the browser's "Leave site?" prompts it raised, each answered Stay. */
async function closeTab(page: Page): Promise<string[]> {
  const prompts: string[] = [];
  const stay = (dialog: Dialog) => {
    prompts.push(dialog.type());
    void dialog.dismiss();
  };
  page.on('dialog', stay);
  await page.close({ runBeforeUnload: true });
  // Either the page goes, or it stays because the user was asked and chose to stay.
  await expect.poll(() => page.isClosed() || prompts.length > 0).toBe(true);
  page.off('dialog', stay);
  return prompts;
}

describe('deleting the last claim of a sentence', () => {
  it('takes the label back with Delete and with the card’s ×: "Not labelled yet", after a reload too; undo brings the claim back', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await page.setViewportSize({ width: 1400, height: 900 });
    await openArticle(page);
    await option(page, /^Liu Zhongmin/).click();
    await expect.poll(() => labelStatus(page).innerText()).toBe('Not labelled yet');
    const progressBefore = await page.getByLabel('Progress').innerText();
    await typeClaim(page);
    await expect.poll(() => labelStatus(page).innerText()).toBe('1 claim');
    await saved(page);
    expect((await savedLabel(page, 'Liu Zhongmin'))?.status).toBe('claims');

    // ] selects the only claim, Delete removes it: the sentence is not labelled, not "no claim".
    await press(page, ']', 'Delete');
    await expect.poll(() => labelStatus(page).innerText()).toBe('Not labelled yet');
    await saved(page);
    expect(await current(page).innerText()).not.toMatch(/no claim/);
    expect(await page.getByLabel('Progress').innerText()).toBe(progressBefore);
    expect(await savedLabel(page, 'Liu Zhongmin')).toBeNull();
    await page.reload();
    await expect.poll(() => current(page).innerText()).toMatch(/Liu Zhongmin/);
    await expect.poll(() => labelStatus(page).innerText()).toBe('Not labelled yet');
    expect(await current(page).innerText()).not.toMatch(/no claim/);

    // The claim again, then the card's × button: the same rule.
    await sentences(page).focus();
    await typeClaim(page);
    await saved(page);
    await page.getByRole('button', { name: 'Remove claim China condemn Israel' }).click();
    await expect.poll(() => labelStatus(page).innerText()).toBe('Not labelled yet');
    await saved(page);
    expect(await savedLabel(page, 'Liu Zhongmin')).toBeNull();

    // Undo gives the claim back, saved; redo takes the label back again.
    await sentences(page).focus();
    await press(page, 'Control+z');
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*Israel/);
    await saved(page);
    expect((await savedLabel(page, 'Liu Zhongmin'))?.status).toBe('claims');
    await press(page, 'Control+Shift+Z');
    await expect.poll(() => labelStatus(page).innerText()).toBe('Not labelled yet');
    await saved(page);
    expect(await savedLabel(page, 'Liu Zhongmin')).toBeNull();

    // The shortcut sheet says so.
    await press(page, '?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => sheet.innerText()).toMatch(/remove the selected claim \(after the last one the sentence is not labelled\)/);
    await press(page, 'Escape');
    await page.context().close();
  });
});

describe('a new claim begun and not finished', () => {
  it('makes a closed tab and a link ask first, also from another sentence; once discarded the tab closes without asking', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await page.setViewportSize({ width: 1400, height: 900 });
    await openArticle(page);
    await option(page, /^However, Beijing's account/).click();
    await saved(page);
    // Nothing begun: the tab would close without a word (checked at the end, where it closes).
    // A stance given, then Esc: the new claim is kept, not saved (it has no speaker or target).
    await press(page, 'Enter', '1', 'Escape');
    await expect.poll(() => page.locator('.editor-note').innerText()).toMatch(/new claim is kept/);
    await press(page, 'j');
    await expect.poll(() => current(page).innerText()).not.toMatch(/However, Beijing's account/);
    await saved(page);

    expect(await closeTab(page)).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);

    await page.getByRole('link', { name: PROJECT }).click();
    await expect.poll(() => leaveDialog(page).innerText()).toMatch(/new claim on sentence \d+ is not finished/);
    await leaveDialog(page).getByRole('button', { name: 'Stay' }).click();
    await expect.poll(() => leaveDialog(page).isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toMatch(/\/documents\/\d+$/);

    // Back on its sentence, Delete discards it: nothing is left to lose.
    await option(page, /^However, Beijing's account/).click();
    await sentences(page).focus();
    await press(page, 'Delete');
    await expect.poll(() => page.getByRole('group', { name: 'New claim' }).count()).toBe(0);
    expect(await closeTab(page)).toEqual([]);
    expect(page.isClosed()).toBe(true);
    await page.context().close();
  });
});

describe('a label waiting in the conflict dialog', () => {
  it('is shown as not saved until the user chooses a version', async () => {
    const first = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await first.setViewportSize({ width: 1400, height: 900 });
    await openArticle(first);
    const { second, dialog } = await staleSaveInSecondTab(first);
    await expect.poll(() => dialog.getByRole('region', { name: 'Your version' }).innerText()).toMatch(/skipped: Duplicate of the lead/);
    await expect.poll(() => saveStatus(second).innerText()).toMatch(/^Not saved: sentence \d+ was changed elsewhere/);
    expect(await saveStatus(second).innerText()).not.toMatch(/All changes saved/);

    await dialog.getByRole('button', { name: 'Keep the saved one' }).click();
    await expect.poll(() => current(second).innerText()).toMatch(/no claim/);
    await saved(second);
    await first.context().close();
  });
});
