// Two annotators read one claim of a sentence with different speakers (China, the author/outlet):
// review shows it as one claim whose speaker differs, side by side, and the reviewer takes one
// reading into gold — the whole label (Accept), or that claim's reading alone (Take) where the
// sentence holds more (shared/claimMatching.ts reviewUnits, client/review/compare.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { ADMIN_PASSWORD, addTeam, apiClient, seriousAccessibilityViolations, signedInPage, useServerAndBrowser, type ApiClient } from '../support/e2e.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { Actor, ActorList } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { GoldList } from '../../shared/schemas/review.ts';
import { AUTHOR_ACTOR } from '../../shared/authorActor.ts';

const app = useServerAndBrowser();
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let admin: ApiClient;
let docId: number;
/** Sentence ids by index: 7 holds two claims (one read with two speakers), 10 one. */
let sentenceId: (index: number) => number;
let ids: { china: number; russia: number; israel: number; author: number };

beforeAll(async () => {
  admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  await addTeam(admin, 1);
  const { documents } = await admin.get('/projects/1/documents', DocumentList);
  docId = documents.find((d) => d.title === ARTICLE)!.id;
  const { sentences } = await admin.get(`/documents/${docId}`, DocumentDetail);
  sentenceId = (index) => sentences.find((s) => s.index === index)!.id;
  const { actors } = await admin.get('/projects/1/actors', ActorList);
  const actorId = (name: string) => actors.find((a) => a.name === name)!.id;
  ids = {
    china: actorId('China'),
    russia: actorId('Russia'),
    israel: actorId('Israel'),
    author: (await admin.post('/projects/1/actors', Actor, AUTHOR_ACTOR)).id,
  };
  const condemn = (speaker: number) => ({ speaker: { actorId: speaker }, stance: 'condemn', target: { actorId: ids.israel } });
  const one = await apiClient(app.server.url, 'ann-one', 'ann-one-password');
  const two = await apiClient(app.server.url, 'ann-two', 'ann-two-password');
  await one.put(`/sentences/${sentenceId(7)}/annotation`, Annotation, { status: 'claims', claims: [condemn(ids.china), condemn(ids.russia)] });
  await two.put(`/sentences/${sentenceId(7)}/annotation`, Annotation, { status: 'claims', claims: [condemn(ids.author), condemn(ids.russia)] });
  await one.put(`/sentences/${sentenceId(10)}/annotation`, Annotation, { status: 'claims', claims: [condemn(ids.china)] });
  await two.put(`/sentences/${sentenceId(10)}/annotation`, Annotation, { status: 'claims', claims: [condemn(ids.author)] });
});

const goldOf = async (index: number) => (await admin.get(`/documents/${docId}/gold`, GoldList)).gold.find((g) => g.sentenceId === sentenceId(index));
const triples = (gold: Awaited<ReturnType<typeof goldOf>>) => gold?.claims.map((c) => [c.speaker.actorId, c.stance, c.target.actorId]);

describe('claims that differ only in speaker', () => {
  it('are one claim in review, speakers side by side; the reviewer takes one reading, or accepts one label', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'rev', 'rev-password');
    await page.goto(`${app.server.url}/projects/1/review`);
    const marked = (panel: Locator) =>
      panel
        .getByRole('cell', { name: /\(differs\)/ })
        .allInnerTexts()
        .then((texts) => texts.map((text) => text.replace(/\s*\(differs\)/, '').replace(/\s*Take[\s\S]*$/, '')));

    // Sentence 8: China and Russia beside the author/outlet and Russia — two claims, not three.
    let panel = page.getByRole('region', { name: /sentence 8/ });
    await expect.poll(() => panel.getByRole('rowheader', { name: /^Claim \d/ }).allInnerTexts()).toEqual(['Claim 1', 'Claim 2']);
    expect(await marked(panel)).toEqual(['China', AUTHOR_ACTOR.name]);
    const cells = (field: string) => panel.getByRole('row', { name: new RegExp(field) }).getByRole('cell');
    expect(await cells('stance').allInnerTexts()).toEqual(['condemn', 'condemn', 'condemn', 'condemn']);
    // The Take buttons in the table keep the page free of serious accessibility findings.
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Taking A's speaker opens the editor on both claims with China, not the author.
    await panel.getByRole('button', { name: 'Take A · ann-one’s speaker' }).click();
    const editor = page.getByRole('region', { name: 'Edit the gold label' });
    await expect.poll(() => editor.getByRole('combobox', { name: 'Speaker' }).count()).toBe(2);
    await editor.getByRole('button', { name: 'Save edited gold' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Saved an edited gold label for sentence 8/);
    expect(triples(await goldOf(7))).toEqual([
      [ids.china, 'condemn', ids.israel],
      [ids.russia, 'condemn', ids.israel],
    ]);

    // Sentence 11, the next conflict: one claim; accepting B's label makes the author/outlet the speaker.
    panel = page.getByRole('region', { name: /sentence 11/ });
    await expect.poll(() => panel.getByRole('rowheader', { name: /^Claim \d/ }).allInnerTexts()).toEqual(['Claim 1']);
    expect(await marked(panel)).toEqual(['China', AUTHOR_ACTOR.name]);
    await panel.getByRole('button', { name: /^Accept B · ann-two/ }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Accepted B · ann-two as gold for sentence 11/);
    expect(await goldOf(10)).toMatchObject({ method: 'accepted', status: 'claims' });
    expect(triples(await goldOf(10))).toEqual([[ids.author, 'condemn', ids.israel]]);
    await page.context().close();
  }, 60_000);
});
