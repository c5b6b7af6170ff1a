// Merging two annotators who read opposite stances of one speaker towards one target does not save
// contradicting gold without the reviewer's word: a dialog names the pair, editing is the default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, addTeam, apiClient, demoArticle, launchBrowser, type RunningServer, signInWithForm, startServer } from '../support/e2e.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { GoldList } from '../../shared/schemas/review.ts';

const PROJECT_ID = 1;
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let server: RunningServer;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let admin: Awaited<ReturnType<typeof apiClient>>;
let docId: number;
let sentence: (index: number) => number;

beforeAll(async () => {
  server = await startServer();
  ({ browser, close: closeBrowser } = await launchBrowser());
  admin = await apiClient(server.url, 'admin', ADMIN_PASSWORD);
  await addTeam(admin, PROJECT_ID);
  const article = await demoArticle(admin, PROJECT_ID, ARTICLE);
  ({ docId, sentence } = article);
  const { actor } = article;
  const claims = (stance: string) => ({ status: 'claims', claims: [{ speaker: actor('Russia'), stance, target: actor('Israel') }] });
  const one = await apiClient(server.url, 'ann-one', 'ann-one-password');
  const two = await apiClient(server.url, 'ann-two', 'ann-two-password');
  for (const index of [7, 9]) {
    await one.put(`/sentences/${sentence(index)}/annotation`, Annotation, claims('support'));
    await two.put(`/sentences/${sentence(index)}/annotation`, Annotation, claims('condemn'));
  }
});
afterAll(async () => {
  await closeBrowser?.();
  await server?.stop();
});

const goldOf = async (index: number) => (await admin.get(`/documents/${docId}/gold`, GoldList)).gold.find((g) => g.sentenceId === sentence(index));

describe('merging contradicting readings', () => {
  it('m asks first; Enter opens the editor on the merge, and “Save both anyway” saves both', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/projects/${PROJECT_ID}/review`);
    await signInWithForm(page, 'rev', 'rev-password');
    await expect.poll(() => page.locator('.queue-count').innerText()).toBe('2 open conflicts of 2 disputed sentences');
    await expect.poll(() => page.getByRole('region', { name: /sentence 8/ }).count()).toBe(1);

    await page.keyboard.press('m');
    const dialog = page.getByRole('dialog', { name: 'These claims contradict each other' });
    await expect.poll(() => dialog.innerText()).toMatch(/Russia support → Israel and Russia condemn → Israel/);
    expect(await goldOf(7)).toBeUndefined();
    // The default button edits: Enter never saves the contradiction.
    await page.keyboard.press('Enter');
    const editor = page.getByRole('region', { name: 'Edit the gold label' });
    await editor.waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await editor.getByRole('button', { name: 'Remove claim 2' }).click();
    await editor.getByRole('button', { name: 'Save edited gold' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Saved an edited gold label for sentence 8/);
    expect((await goldOf(7))?.claims.map((c) => c.stance)).toEqual(['support']);

    await expect.poll(() => page.getByRole('region', { name: /sentence 10/ }).count()).toBe(1);
    await page.keyboard.press('m');
    await dialog.getByRole('button', { name: 'Save both anyway' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Merged A · ann-one and B · ann-two into gold for sentence 10/);
    const both = await goldOf(9);
    expect(both).toMatchObject({ method: 'merged' });
    expect(both?.claims.map((c) => c.stance)).toEqual(['support', 'condemn']);
    await context.close();
  }, 60_000);
});
