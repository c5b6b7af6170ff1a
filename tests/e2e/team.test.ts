// Issue 5's journey: two annotators and a reviewer work one project from three browsers at once.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTeam, ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { AssignmentList } from '../../shared/schemas/assignments.ts';
import { GoldList } from '../../shared/schemas/review.ts';

const app = useServerAndBrowser();
const PROJECT = 'China–Russia diplomacy in the Middle East';
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

async function browserFor(username: string, password: string): Promise<Page> {
  const page = await signedInPage(app.browser, app.server.url, username, password);
  await page.getByRole('link', { name: PROJECT }).click();
  return page;
}

/** Opens the assigned article from "My queue" and labels its 8th sentence with the keyboard. */
async function labelFromQueue(page: Page, speaker: string, stanceKey: string) {
  await page.getByRole('region', { name: 'My queue' }).getByRole('link', { name: ARTICLE }).click();
  const sentence = page.getByRole('listbox', { name: 'Sentences' }).getByRole('option', { name: /both Xi and Putin criticized Israel/ });
  await sentence.click();
  await page.keyboard.press('Enter');
  await page.keyboard.type(speaker);
  await page.keyboard.press('Enter');
  await page.keyboard.press(stanceKey);
  await page.keyboard.type('Israel');
  await page.keyboard.press('Enter');
  await expect.poll(() => sentence.innerText()).toMatch(/ — [a-z]+ → Israel/);
  await expect.poll(() => page.getByRole('status').first().innerText()).toBe('All changes saved');
}

describe('a team of three', () => {
  it('two annotators label the same article blind in their own browsers; a reviewer resolves their conflict', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const team = await addTeam(admin, 1, [
      ['nadia', 'annotator'],
      ['omar', 'annotator'],
      ['rita', 'reviewer'],
    ]);
    const ids = Object.fromEntries(team.map((user) => [user.username, user.id] as const));
    for (const username of ['nadia', 'omar']) await admin.post('/projects/1/assignments', AssignmentList, { documentId: 4, userId: ids[username] });

    const [nadia, omar, rita] = await Promise.all([
      browserFor('nadia', 'nadia-password'),
      browserFor('omar', 'omar-password'),
      browserFor('rita', 'rita-password'),
    ]);
    // Annotators see their queue but no review tools.
    expect(await nadia.getByRole('link', { name: 'Review' }).count()).toBe(0);

    await Promise.all([labelFromQueue(nadia, 'Kreml', '1'), labelFromQueue(omar, 'Kreml', '2')]);

    // Blind: Omar's browser cannot read Nadia's labels, gold or the disagreements.
    const peeks = await omar.evaluate(async (nadiaId) => {
      const statuses = [];
      for (const path of [
        `/api/documents/4/annotations?annotator=${nadiaId}`,
        '/api/projects/1/disagreements',
        '/api/documents/4/gold',
        '/api/projects/1/agreement',
      ]) {
        statuses.push((await fetch(path)).status);
      }
      const own = (await (await fetch('/api/documents/4/annotations')).json()) as { annotations: { annotatorId: number }[] };
      return { statuses, annotators: [...new Set(own.annotations.map((a) => a.annotatorId))] };
    }, ids.nadia!);
    expect(peeks.statuses).toEqual([403, 403, 403, 403]);
    expect(peeks.annotators).toEqual([ids.omar]);

    // The reviewer sees both versions side by side and accepts Nadia's (annotator A) with one key.
    await rita.getByRole('link', { name: 'Review' }).click();
    await expect
      .poll(() =>
        rita
          .getByText(/both Xi and Putin criticized Israel/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expect.poll(() => rita.locator('body').innerText()).toMatch(/nadia[\s\S]*omar|omar[\s\S]*nadia/);
    await rita.locator('body').click({ position: { x: 5, y: 5 } });
    await rita.keyboard.press('1');
    const reviewer = await apiClient(app.server.url, 'rita', 'rita-password');
    await expect
      .poll(async () =>
        (await reviewer.get('/documents/4/gold', GoldList)).gold.map((g) => `${g.method}:${g.sourceAnnotators.join(',')}:${g.claims[0]?.stance}`),
      )
      .toEqual([`accepted:${ids.nadia}:condemn`]);
  });
});
