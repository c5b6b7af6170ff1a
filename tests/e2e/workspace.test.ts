import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, seriousAccessibilityViolations, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';
import { sentences, current, option, claims, saved, press, staleSaveInSecondTab, STALE_SENTENCE } from '../support/workspacePage.ts';

const app = useServerAndBrowser();

const TITLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

async function openArticle(page: Page) {
  await page.goto(app.server.url);
  await signInWithForm(page, 'admin', ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'China–Russia diplomacy in the Middle East' }).click();
  await page.getByRole('link', { name: TITLE }).first().click();
  await page.getByRole('listbox', { name: 'Sentences' }).waitFor();
}

describe('the annotation workspace', () => {
  it('labels five sentences with the keyboard only, and a reload shows everything as left', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openArticle(page);
    await sentences(page).focus();

    // The shortcut sheet opens with ?, lists the keys, and Esc gives focus back to the sentences.
    await press(page, '?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => sheet.isVisible()).toBe(true);
    await expect.poll(() => sheet.innerText()).toMatch(/undo the last label change/);
    await press(page, 'Escape');
    await expect.poll(() => sheet.isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Sentences');

    // Sentence 8: the server suggests one claim per speaker of "both Xi and Putin", each with its source;
    // the first is accepted with a, the second typed in (which takes it off the list).
    await press(page, 'j', 'j', 'j', 'j', 'j', 'j', 'j');
    await expect.poll(() => current(page).innerText()).toMatch(/both Xi and Putin criticized Israel/);
    const suggestions = page.getByRole('list', { name: 'Suggestions' });
    await expect.poll(() => suggestions.innerText()).toMatch(/China — condemn → Israel[\s\S]*from rules \(parley-rules\/1\)[\s\S]*Russia — condemn → Israel/);
    await press(page, 'a');
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*Israel[\s\S]*suggested by rules/);
    await expect.poll(() => suggestions.innerText()).not.toMatch(/China — condemn/);
    await press(page, 'Enter');
    await page.keyboard.type('Russia');
    await press(page, 'Enter', '1');
    await page.keyboard.type('Israel');
    await press(page, 'Enter');
    await expect.poll(() => claims(page).innerText()).toMatch(/Russia\s*—\s*condemn\s*→\s*Israel/);
    await expect.poll(() => suggestions.count()).toBe(0);
    // The sentence list shows the claims in short, not only how many.
    await expect.poll(() => current(page).innerText()).toMatch(/China — condemn → Israel\s+Russia — condemn → Israel/);
    await saved(page);

    // Sentence 9: a suggestion is shown (China — condemn → Israel, negated: "stopping short of a direct
    // condemnation") but counts as no label until accepted; n = no claim.
    await press(page, 'j');
    await expect.poll(() => page.getByRole('list', { name: 'Suggestions' }).innerText()).toMatch(/China — condemn \(negated\) → Israel/);
    await expect.poll(() => page.getByText('Not labelled yet').count()).toBe(1);
    await press(page, 'n');
    await expect.poll(() => current(page).innerText()).toMatch(/no claim/);

    // Sentence 10 ("Instead, he urged all parties…"): the speaker is "Xi" in the previous sentence.
    // → starts the word cursor at this sentence's first word; ← walks back into sentence 9.
    await press(page, 'j', 'ArrowRight');
    for (let i = 0; i < 9; i++) await press(page, 'ArrowLeft');
    await expect
      .poll(() =>
        option(page, /^However, Beijing's account/)
          .locator('.mark-selection')
          .innerText(),
      )
      .toBe('Xi');
    await press(page, 's');
    await expect.poll(() => page.getByRole('group', { name: 'New claim' }).innerText()).toMatch(/speaker span “Xi” \(in another sentence\)/);
    // The suggestion (mediate → the Israel–Iran conflict, cue "urged all parties") completes the claim, its
    // speaker linked to Xi Jinping (whose alias "Xi" the span is); s then codes it as China, keeping the span.
    await press(page, 'a');
    await expect.poll(() => claims(page).innerText()).toMatch(/Xi Jinping\s*—\s*mediate\s*→\s*Israel–Iran conflict/);
    await press(page, 's');
    await page.keyboard.type('China');
    await press(page, 'Enter');
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*mediate\s*→\s*Israel/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Sentences');

    // Sentence 11: a claim, a stance change with 2, undone with Ctrl+Z.
    await press(page, 'j', 'Enter');
    await page.keyboard.type('China');
    await press(page, 'Enter', '1');
    await page.keyboard.type('United States');
    await press(page, 'Enter');
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*United States/);
    await press(page, '2');
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*support\s*→\s*United States/);
    await press(page, 'Control+z');
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*United States/);

    // Sentence 12: accept the suggestion China — condemn → United States (cue "accused").
    await press(page, 'j', 'a');
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*United States/);

    // Sentence 13: skip, with a reason; undo takes the first label back, redo restores it.
    await press(page, 'j', 'x');
    await page.keyboard.type('Quotes an outside expert');
    await press(page, 'Enter');
    await expect.poll(() => current(page).innerText()).toMatch(/skipped/);
    await press(page, 'Control+z');
    await expect.poll(() => current(page).innerText()).not.toMatch(/skipped/);
    await press(page, 'Control+Shift+z');
    await expect.poll(() => current(page).innerText()).toMatch(/skipped/);
    await saved(page);
    await expect.poll(() => page.getByLabel('Progress').innerText()).toMatch(/^6 \/ \d+ labelled/);

    // Reload: everything as left.
    await page.reload();
    await sentences(page).waitFor();
    await option(page, /both Xi and Putin criticized Israel/).click();
    await expect
      .poll(() => claims(page).innerText())
      .toMatch(/China\s*—\s*condemn\s*→\s*Israel[\s\S]*suggested by rules[\s\S]*Russia\s*—\s*condemn\s*→\s*Israel/);
    await expect.poll(() => option(page, /^However, Beijing's account/).innerText()).toMatch(/no claim/);
    await option(page, /^Instead, he urged all parties/).click();
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*mediate\s*→\s*Israel/);
    // The speaker span lies in sentence 9 and is highlighted there.
    await expect
      .poll(() =>
        option(page, /^However, Beijing's account/)
          .locator('.mark-speaker')
          .innerText(),
      )
      .toBe('Xi');
    await option(page, /^Xi's remarks included/).click();
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*United States/);
    await option(page, /^China has historically accused/).click();
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*United States[\s\S]*suggested/);
    await option(page, /^Liu Zhongmin/).click();
    await expect.poll(() => page.locator('.label-status').innerText()).toBe('Skipped: Quotes an outside expert');
    await expect.poll(() => page.getByLabel('Progress').innerText()).toMatch(/^6 \/ \d+ labelled/);
    await page.close();
  });

  it('shows both versions when the same sentence was changed in another tab, and keeps the one chosen', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const first = await context.newPage();
    await openArticle(first);
    const { second, dialog } = await staleSaveInSecondTab(first);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => dialog.getByRole('region', { name: 'Your version' }).innerText()).toMatch(/skipped: Duplicate of the lead/);
    await expect.poll(() => dialog.getByRole('region', { name: 'Saved version' }).innerText()).toMatch(/no claim/);
    await dialog.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => current(second).innerText()).toMatch(/skipped/);
    await saved(second);

    await first.reload();
    await expect.poll(() => option(first, STALE_SENTENCE).innerText()).toMatch(/skipped/);
    await context.close();
  });

  it('moves one sentence per key even when keys come faster than the screen (holding j)', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openArticle(page);
    await sentences(page).focus();
    // Key repeat faster than React renders: seven j's in one task, before any render in between.
    const burst = (key: string, times: number) =>
      page.evaluate(
        ([k, n]) => {
          for (let i = 0; i < n; i++) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
        },
        [key, times] as const,
      );
    await burst('j', 7);
    await expect.poll(() => current(page).innerText()).toMatch(/both Xi and Putin criticized Israel/);
    await burst('k', 3);
    await expect.poll(() => current(page).innerText()).toMatch(/^5\s/);
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openArticle(page);
    await option(page, /both Xi and Putin criticized Israel/).click();
    await press(page, 'Enter', 'c');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
