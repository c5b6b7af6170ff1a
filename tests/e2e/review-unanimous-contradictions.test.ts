// Bulk accept does not make gold of a unanimous label whose claims contradict each other: the
// reviewer is told how many it left, finds each in the queue ("claims contradict") and decides it
// there, where saving both claims takes their word in the contradiction dialog.
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, addTeam, apiClient, demoArticle, signedInPage, useServerAndBrowser, type ApiClient } from '../support/e2e.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { GoldList } from '../../shared/schemas/review.ts';

const PROJECT_ID = 1;
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

const app = useServerAndBrowser();
let admin: ApiClient;
let docId: number;
let sentence: (index: number) => number;

beforeAll(async () => {
  admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  await addTeam(admin, PROJECT_ID);
  const article = await demoArticle(admin, PROJECT_ID, ARTICLE);
  ({ docId, sentence } = article);
  const { actor } = article;
  const claim = (stance: string) => ({ speaker: actor('Russia'), stance, target: actor('Israel') });
  // Both annotators give both stances on sentence 8, and the same single claim on sentence 10.
  for (const name of ['ann-one', 'ann-two']) {
    const annotator = await apiClient(app.server.url, name, `${name}-password`);
    await annotator.put(`/sentences/${sentence(7)}/annotation`, Annotation, { status: 'claims', claims: [claim('support'), claim('condemn')] });
    await annotator.put(`/sentences/${sentence(9)}/annotation`, Annotation, { status: 'claims', claims: [claim('support')] });
  }
});

const goldOf = async (index: number) => (await admin.get(`/documents/${docId}/gold`, GoldList)).gold.find((g) => g.sentenceId === sentence(index));

describe('bulk accept and a unanimous label that contradicts itself', () => {
  it('accepts the rest, says one is left for the reviewer, who decides it in the queue through the contradiction dialog', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'rev', 'rev-password');
    await page.goto(`${app.server.url}/projects/${PROJECT_ID}/review`);

    await page.getByRole('button', { name: 'Accept all unanimous…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Accept all unanimous sentences' });
    await expect.poll(() => confirm.innerText()).toMatch(/1 sentence without gold has the same label from every annotator/);
    expect(await confirm.innerText()).toMatch(/1 left for you in the queue: its claims contradict each other\. Decide it one by one/);
    await confirm.getByRole('button', { name: 'Accept 1 sentence' }).click();
    await expect
      .poll(() => page.getByRole('status').innerText())
      .toBe('Accepted 1 unanimous sentence as gold. 1 left for you in the queue: its claims contradict each other.');
    expect((await goldOf(9))?.method).toBe('unanimous');
    expect(await goldOf(7)).toBeUndefined();

    // In the queue: all agree, and their label is the question.
    await expect.poll(() => page.locator('.queue-count').innerText()).toBe('1 open conflict of 1 disputed sentence');
    const item = page.getByRole('list', { name: 'Disagreements' }).getByRole('button');
    expect(await item.innerText()).toMatch(/all agree[\s\S]*claims contradict/);
    await page.getByRole('region', { name: /sentence 8/ }).waitFor();

    // Accepting annotator A's label asks first; "Save both anyway" is the reviewer's word.
    await page.keyboard.press('1');
    const dialog = page.getByRole('dialog', { name: 'These claims contradict each other' });
    await expect.poll(() => dialog.innerText()).toMatch(/Russia support → Israel and Russia condemn → Israel/);
    await dialog.getByRole('button', { name: 'Save both anyway' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Accepted A · ann-one as gold for sentence 8/);
    const decided = await goldOf(7);
    expect(decided?.method).toBe('accepted');
    expect(decided?.claims.map((c) => c.stance)).toEqual(['support', 'condemn']);

    // Nothing is left out any more.
    await page.getByRole('button', { name: 'Accept all unanimous…' }).click();
    await expect.poll(() => confirm.innerText()).toMatch(/There is no sentence without gold on which all annotators agree exactly/);
    expect(await confirm.innerText()).not.toMatch(/left for you/);
    await page.context().close();
  }, 60_000);
});
