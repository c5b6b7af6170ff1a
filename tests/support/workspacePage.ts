// The annotation workspace as the e2e tests see it (tests/e2e/workspace*.test.ts, claim-*.test.ts,
// keyboard-marking, book-length, languages): its parts found by role and name, as a screen reader
// user finds them, and keys pressed as a person presses them. One place, so a renamed landmark or a
// changed save indicator is fixed once for every workspace test.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** The sentence list, the listbox the keys drive (client/annotations/SentenceList.tsx). */
export const sentences = (page: Page) => page.getByRole('listbox', { name: 'Sentences' });
/** The selected sentence's row (aria-selected), with its marked words. */
export const current = (page: Page) => sentences(page).locator('[aria-selected="true"]');
/** A sentence's row by its accessible name (its text). */
export const option = (page: Page, text: RegExp) => sentences(page).getByRole('option', { name: text });
/** The cards of the selected sentence's claims. */
export const claims = (page: Page) => page.getByRole('list', { name: 'Claims' });
/** The new-claim editor (absent while no claim is being made). */
export const newClaim = (page: Page) => page.getByRole('group', { name: 'New claim' });
/** A stance of the new claim (a radio: its aria-checked says whether it is the one chosen). */
export const stance = (page: Page, name: RegExp) => newClaim(page).getByRole('radio', { name });

/** What has the focus, by its name: its aria-label, its label's text, or its own text ('' for none). Read once: poll it to wait. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active) return '';
    const labelled = active.id ? document.querySelector(`label[for="${CSS.escape(active.id)}"]`)?.textContent : undefined;
    return active.getAttribute('aria-label') ?? labelled ?? active.textContent?.trim() ?? '';
  });

/**
 * Waits (expect.poll) until the page's one status region, the save indicator, says "All changes
 * saved". It is found by role, as assistive technology finds it, so a second status on screen (the
 * missing-link notice) makes the wait fail: read `.save-status` directly in such a test.
 */
export const saved = (page: Page) => expect.poll(() => page.getByRole('status').innerText()).toBe('All changes saved');

/** Presses keys one by one, each followed by a wait for the next frame, as a person's next key comes after the screen changed. */
export async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await page.keyboard.press(key);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
}

/** The sentence the two-tab set-up below changes in both tabs. */
export const STALE_SENTENCE = /^The two leaders, during a phone call/;

/**
 * Two tabs of one person on the article open in `first`, and a save that names a stale version:
 * a second tab opens the same article (at `first`'s viewport), `first` labels STALE_SENTENCE "no
 * claim" and saves, then the second tab, still showing it unlabelled, skips it ("Duplicate of the
 * lead"). Returns the second tab and its conflict dialog, which is being shown or about to be.
 */
export async function staleSaveInSecondTab(first: Page): Promise<{ second: Page; dialog: Locator }> {
  const second = await first.context().newPage();
  const viewport = first.viewportSize();
  if (viewport) await second.setViewportSize(viewport);
  await second.goto(first.url());
  await sentences(second).waitFor();

  await option(first, STALE_SENTENCE).click();
  await press(first, 'n');
  await saved(first);

  // The second tab still shows the sentence unlabelled; its save names a stale version.
  await option(second, STALE_SENTENCE).click();
  await press(second, 'x');
  await second.keyboard.type('Duplicate of the lead');
  await press(second, 'Enter');
  return { second, dialog: second.getByRole('dialog', { name: 'This sentence was changed elsewhere' }) };
}
