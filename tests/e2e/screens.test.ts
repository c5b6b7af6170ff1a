// Issue 17 item 4: every page at a small laptop's size (1024×700) and a phone's (390×844): no page
// scrolls sideways and axe-core finds no serious or critical violation; the workspace header stays
// under a fifth of the laptop screen, and on the phone the text and the claim panel stack, and a
// sentence is labelled by tapping.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, seriousAccessibilityViolations, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { User } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { ActorList } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';

const app = useServerAndBrowser();
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';
let documentId: number;

beforeAll(async () => {
  // Two annotators disagree on a few sentences, so review and agreement have tables to show.
  const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  const { documents } = await admin.get('/projects/1/documents', DocumentList);
  documentId = documents.find((d) => d.title === ARTICLE)!.id;
  const detail = await admin.get(`/documents/${documentId}`, DocumentDetail);
  const { actors } = await admin.get('/projects/1/actors', ActorList);
  const actor = (name: string) => ({ actorId: actors.find((a) => a.name === name)!.id });
  for (const [a, username] of ['ana', 'ben'].entries()) {
    const user = await admin.post('/users', User, { username, password: `${username}-password`, role: 'annotator' });
    await admin.post('/projects/1/members', MemberList, { userId: user.id });
    const client = await apiClient(app.server.url, username, `${username}-password`);
    for (const [i, sentence] of detail.sentences
      .filter((s) => !s.boilerplate)
      .slice(3, 7)
      .entries()) {
      await client.put(`/sentences/${sentence.id}/annotation`, Annotation, {
        status: 'claims',
        claims: [{ speaker: actor('China'), stance: (i + a) % 2 === 0 ? 'condemn' : 'support', target: actor('Israel') }],
      });
    }
  }
});

const level1 = (name: string | RegExp) => (p: Page) => p.getByRole('heading', { name, level: 1 }).first().waitFor();
const PAGES: [string, string, (p: Page) => Promise<unknown>][] = [
  ['projects', '/', level1('Projects')],
  ['project', '/projects/1', (p) => p.getByRole('link', { name: ARTICLE }).first().waitFor()],
  ['workspace', '', (p) => p.getByRole('listbox', { name: 'Sentences' }).waitFor()],
  ['review', '/projects/1/review', (p) => p.getByRole('table').first().waitFor()],
  ['agreement', '/projects/1/agreement', (p) => p.getByRole('heading', { name: 'By document' }).waitFor()],
  ['export', '/projects/1/export', (p) => p.getByRole('heading', { name: 'First records' }).waitFor()],
  ['settings', '/projects/1/settings', (p) => p.getByRole('heading', { name: 'Stance labels' }).waitFor()],
  ['actors', '/projects/1/actors', (p) => p.getByRole('rowheader', { name: 'Antony Blinken' }).waitFor()],
  ['users', '/admin/users', (p) => p.getByText('ana').first().waitFor()],
  ['API reference', '/api-reference', (p) => p.getByRole('heading', { name: 'GET /api/openapi.json', level: 2 }).waitFor()],
];

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const [width, height, device] of [
  [1024, 700, 'a small laptop'],
  [390, 844, 'a phone'],
] as const) {
  describe(`every page on ${device} (${width}×${height})`, () => {
    let page: Page;
    beforeAll(async () => {
      page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
      await page.setViewportSize({ width, height });
    });

    for (const [name, path, ready] of PAGES) {
      it(`${name}: no sideways scrolling, axe clean`, async () => {
        await page.goto(`${app.server.url}${path || `/projects/1/documents/${documentId}`}`);
        await ready(page);
        expect(await sideways(page)).toBe(0);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      });
    }

    it('the sign-in page: no sideways scrolling, axe clean', async () => {
      const context = await app.browser.newContext({ viewport: { width, height } });
      const signIn = await context.newPage();
      await signIn.goto(app.server.url);
      await signIn.getByLabel('Username').waitFor();
      expect(await sideways(signIn)).toBe(0);
      expect(await seriousAccessibilityViolations(signIn)).toEqual([]);
      await context.close();
    });
  });
}

describe('the workspace at both sizes', () => {
  it('on a small laptop the header takes less than a fifth of the screen, the text and panel side by side', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`${app.server.url}/projects/1/documents/${documentId}`);
    const list = page.getByRole('listbox', { name: 'Sentences' });
    await list.waitFor();
    const top = (await list.boundingBox())!.y;
    expect(top).toBeLessThan(700 / 5);
    // The title is one line, but its whole text is still the heading.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(ARTICLE);
    const panel = (await page.locator('.claim-panel').boundingBox())!;
    expect(panel.x).toBeGreaterThan((await list.boundingBox())!.x + 300);
    await page.context().close();
  });

  it('on a phone the text sits above the claim panel, and a sentence is labelled by tapping', async () => {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await page.getByLabel('Username').fill('ana');
    await page.getByLabel('Password').fill('ana-password');
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await page.goto(`${app.server.url}/projects/1/documents/${documentId}`);
    const list = page.getByRole('listbox', { name: 'Sentences' });
    await list.waitFor();
    const sentence = list.getByRole('option', { name: /both Xi and Putin criticized Israel/ });
    await sentence.scrollIntoViewIfNeeded();
    await sentence.tap();
    await expect.poll(() => sentence.getAttribute('aria-selected')).toBe('true');
    // The list scrolls inside its own box (its rows are rendered as they come into view).
    const listBox = (await page.locator('.sentences-scroll').boundingBox())!;
    const panel = page.locator('.claim-panel');
    const panelBox = (await panel.boundingBox())!;
    // Stacked: the panel is below the text, both as wide as the screen and both on it.
    expect(panelBox.y).toBeGreaterThanOrEqual(listBox.y + listBox.height - 1);
    expect(panelBox.width).toBeGreaterThan(350);
    expect(listBox.height).toBeGreaterThan(200);
    expect(panelBox.y).toBeLessThan(844);
    await panel.getByRole('button', { name: /^No claim/ }).tap();
    await expect.poll(() => sentence.innerText()).toMatch(/no claim/i);
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe('All changes saved');
    expect(await sideways(page)).toBe(0);
    await context.close();
  });
});
