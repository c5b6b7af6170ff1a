// Issue 17 item 3: the codebook reads as formatted text (headings, lists, emphasis, links) in the
// workspace panel and the settings preview, never as HTML; the panel can be made wider, and stays so.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, seriousAccessibilityViolations, signedInPage, useServerAndBrowser } from '../support/e2e.ts';

const app = useServerAndBrowser();
const PROJECT = 'China–Russia diplomacy in the Middle East';
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let page: Page;
beforeAll(async () => {
  page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
  await page.setViewportSize({ width: 1400, height: 900 });
});

const panelWidth = async () => (await page.getByRole('complementary', { name: 'Codebook' }).boundingBox())!.width;

describe('a readable codebook', () => {
  it('the workspace panel shows the demo codebook formatted, and "Wider" widens it for good', async () => {
    await page.getByRole('link', { name: PROJECT }).click();
    await page.getByRole('link', { name: ARTICLE }).click();
    await page.getByRole('heading', { name: ARTICLE }).waitFor();
    await page.getByRole('listbox', { name: 'Sentences' }).focus();
    await page.keyboard.press('c');
    const panel = page.getByRole('complementary', { name: 'Codebook' });
    // Under the panel's own h2, "# Codebook …" is an h3 and "## 1. What a claim is" an h4; "- **Speaker**: …" a list item in bold.
    await panel.getByRole('heading', { name: '1. What a claim is', level: 4 }).waitFor();
    await expect
      .poll(() =>
        panel
          .getByRole('listitem')
          .filter({ hasText: /^Speaker: the actor who holds the position/ })
          .count(),
      )
      .toBe(1);
    expect(await panel.locator('strong', { hasText: 'Speaker' }).count()).toBeGreaterThan(0);
    expect(await panel.locator('em', { hasText: 'the author/outlet' }).count()).toBeGreaterThan(0);
    expect(await panel.getByRole('list').count()).toBeGreaterThan(1);
    // No markdown syntax is left showing.
    expect(await panel.innerText()).not.toMatch(/\*\*|^## /m);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const narrow = await panelWidth();
    const wider = panel.getByRole('button', { name: 'Wider' });
    expect(await wider.getAttribute('aria-pressed')).toBe('false');
    await wider.click();
    await expect.poll(() => wider.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(panelWidth).toBeGreaterThan(narrow + 100);
    // The sentences keep a column of their own beside it.
    expect((await page.getByRole('listbox', { name: 'Sentences' }).boundingBox())!.width).toBeGreaterThan(300);

    // Remembered in this browser: after a reload the panel opens wide.
    await page.reload();
    await page.getByRole('heading', { name: ARTICLE }).waitFor();
    await page.getByRole('button', { name: /^Codebook/ }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Wider' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(panelWidth).toBeGreaterThan(narrow + 100);
    await panel.getByRole('button', { name: 'Wider' }).click();
    await expect.poll(panelWidth).toBeLessThan(narrow + 1);
  });

  it('the settings preview formats what is typed: links open beside the work, HTML and javascript: links stay inert', async () => {
    await page.goto(`${app.server.url}/projects/1/settings`);
    await page.getByRole('heading', { name: 'Project settings' }).waitFor();
    const codebook = [
      '# Rules',
      '',
      'Read *carefully*. See [the guide](https://example.org/guide) and [this](javascript:alert(1)).',
      '',
      '1. First rule',
      '2. Second rule',
      '',
      '<b onclick="window.pwned=1">bold?</b>',
    ].join('\n');
    await page.getByLabel('Codebook (markdown)').fill(codebook);
    const preview = page.getByRole('region', { name: 'Preview (as annotators see it)' });
    await preview.getByRole('heading', { name: 'Rules', level: 4 }).waitFor();
    expect(await preview.locator('em').innerText()).toBe('carefully');
    expect(await preview.getByRole('listitem').allInnerTexts()).toEqual(['First rule', 'Second rule']);
    const guide = preview.getByRole('link', { name: 'the guide' });
    expect(await guide.getAttribute('href')).toBe('https://example.org/guide');
    expect(await guide.getAttribute('target')).toBe('_blank');
    expect(await guide.getAttribute('rel')).toBe('noopener noreferrer');
    // react-markdown's URL filter empties a javascript: target.
    expect(await preview.getByText('this', { exact: true }).getAttribute('href')).toBe('');
    // The HTML is shown as the text it is.
    await expect.poll(() => preview.innerText()).toContain('<b onclick="window.pwned=1">bold?</b>');
    expect(await preview.locator('b').count()).toBe(0);
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
  });
});
