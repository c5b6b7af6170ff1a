import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';
import { openDb } from '../../server/db/connection.ts';
import { listTimeSpent } from '../../server/annotations/repo.ts';

const app = useServerAndBrowser();

describe('annotating the demo project', () => {
  it('signs in, labels a claim with the keyboard, marks no claim, reloads and finds both', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', ADMIN_PASSWORD);

    await page.getByRole('link', { name: 'China–Russia diplomacy in the Middle East' }).click();
    await page.getByRole('link', { name: 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict' }).click();

    const sentences = page.getByRole('listbox', { name: 'Sentences' });
    const claimSentence = sentences.getByRole('option', { name: /both Xi and Putin criticized Israel/ });
    await claimSentence.click();
    await expect.poll(() => claimSentence.getAttribute('aria-selected')).toBe('true');

    // Enter opens a new claim on the speaker picker; type-ahead and Enter pick actors; 1 is condemn.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type('Kreml');
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    await page.keyboard.type('Israel');
    await page.keyboard.press('Enter');

    const claims = page.getByRole('list', { name: 'Claims' });
    await expect.poll(() => claims.innerText()).toMatch(/Russia\s*—\s*condemn\s*→\s*Israel/);
    await expect.poll(() => page.getByRole('status').innerText()).toBe('All changes saved');

    // Next sentence, no claim.
    await page.keyboard.press('j');
    const next = sentences.locator('[aria-selected="true"]');
    const nextText = await next.innerText();
    await page.keyboard.press('n');
    await expect.poll(() => next.innerText()).toMatch(/no claim/);
    await expect.poll(() => page.getByRole('status').innerText()).toBe('All changes saved');

    // Time spent on each label is recorded with it.
    const db = openDb(app.server.dbFile);
    const spent = listTimeSpent(db).map((label) => label.timeSpentMs);
    db.close();
    expect(spent.length).toBeGreaterThan(0);
    expect(Math.min(...spent)).toBeGreaterThan(0);

    await page.reload();
    await expect.poll(() => claimSentence.innerText()).toMatch(/Russia — condemn → Israel/);
    await expect.poll(() => sentences.getByRole('option', { name: nextText.split('\n')[1]!.slice(0, 40) }).innerText()).toMatch(/no claim/);
    await claimSentence.click();
    await expect.poll(() => claims.innerText()).toMatch(/Russia\s*—\s*condemn\s*→\s*Israel/);
    await page.close();
  });

  it('shows a wrong password as a message in words', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', 'not the password');
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Wrong username or password.');
    await page.close();
  });
});
