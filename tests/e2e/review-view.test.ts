// Issue 17 item 7, as a reviewer and an annotator would meet it: the disputed sentence and its
// context show every annotator's spans highlighted (boilerplate neighbours hidden), the history
// shows each change's before and after in words, and an annotator who opens a reviewer page is
// told once that it is not for their role.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTeam, ADMIN_PASSWORD, apiClient, seriousAccessibilityViolations, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { DocumentDetail, DocumentList, type Sentence } from '../../shared/schemas/documents.ts';
import { ActorList } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';

const app = useServerAndBrowser();
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

/** The disputed sentence, its first and last words, and the boilerplate sentence right before it. */
let disputed: Sentence;
let boilerplate: Sentence;
let firstWord: string;
let lastWord: string;

beforeAll(async () => {
  const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  await addTeam(admin, 1, [
    ['ann-a', 'annotator'],
    ['ann-b', 'annotator'],
    ['ann-c', 'annotator'],
    ['rev', 'reviewer'],
  ]);
  const { documents } = await admin.get('/projects/1/documents', DocumentList);
  const detail = await admin.get(`/documents/${documents.find((d) => d.title === ARTICLE)!.id}`, DocumentDetail);
  // Sentence 6 is disputed; the one before it is made boilerplate (a caption, say), as a reviewer would.
  const at = detail.sentences.findIndex((s, i) => i > 4 && !s.boilerplate && /^\p{L}+ /u.test(s.text));
  disputed = detail.sentences[at]!;
  boilerplate = detail.sentences[at - 1]!;
  const marked = await fetch(`${app.server.url}/api/sentences/${boilerplate.id}`, {
    method: 'PATCH',
    headers: { cookie: admin.cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ boilerplate: true }),
  });
  expect(marked.status).toBe(200);
  firstWord = /^\p{L}+/u.exec(disputed.text)![0];
  lastWord = /(\p{L}+)\P{L}*$/u.exec(disputed.text)![1]!;
  const lastStart = disputed.start + disputed.text.lastIndexOf(lastWord);
  const { actors } = await admin.get('/projects/1/actors', ActorList);
  const actorId = (name: string) => actors.find((a) => a.name === name)!.id;
  const claim = (stance: string) => ({
    speaker: { actorId: actorId('China'), span: { start: disputed.start, end: disputed.start + firstWord.length } },
    stance,
    target: { actorId: actorId('Israel') },
    cue: { start: lastStart, end: lastStart + lastWord.length },
  });
  const a = await apiClient(app.server.url, 'ann-a', 'ann-a-password');
  const b = await apiClient(app.server.url, 'ann-b', 'ann-b-password');
  await a.put(`/sentences/${disputed.id}/annotation`, Annotation, { status: 'claims', claims: [claim('condemn')] });
  // ann-b first agrees, then changes the stance: the history has a before and an after.
  const first = await b.put(`/sentences/${disputed.id}/annotation`, Annotation, { status: 'claims', claims: [claim('condemn')] });
  await b.put(`/sentences/${disputed.id}/annotation`, Annotation, { status: 'claims', claims: [claim('support')], baseVersion: first.version });
});

describe('reviewers see what they compare', () => {
  let page: Page;
  it('highlights the spans in the sentence and its context, with boilerplate context hidden', async () => {
    page = await signedInPage(app.browser, app.server.url, 'rev', 'rev-password');
    await page.goto(`${app.server.url}/projects/1/review`);
    const context = page.getByRole('group', { name: 'The sentence in context' });
    await context.waitFor();
    await expect.poll(() => context.innerText()).toContain(firstWord);
    // The speaker's and the cue's words are marked, and said in words too (text for screen readers).
    expect(await context.locator('.context-current mark.mark-speaker').first().textContent()).toBe(`${firstWord} (speaker)`);
    expect(await context.locator('.context-current mark.mark-cue').first().textContent()).toBe(`${lastWord} (cue)`);
    // The boilerplate sentence before it is not shown; a note says one was left out.
    expect(await context.innerText()).not.toContain(boilerplate.text.slice(0, 30));
    expect(await context.getByText('1 boilerplate sentence hidden').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('the history shows each change before and after, in words (not JSON)', async () => {
    await page.getByText('History of this sentence').click();
    const history = page.locator('.history-list');
    await history.locator('li').first().waitFor();
    const items = history.locator(':scope > li');
    await expect.poll(() => items.count()).toBe(3);
    // ann-b's second save: one claim went, one came.
    const change = items.nth(2);
    expect(await change.getByRole('deletion').textContent()).toMatch(/^Removed claim: − China — condemn → Israel$/);
    expect(await change.getByRole('insertion').textContent()).toMatch(/^Added claim: \+ China — support → Israel$/);
    // A first save: the status went from nothing to claims.
    const created = items.nth(0);
    expect(await created.getByRole('row', { name: /^status/ }).innerText()).toMatch(/status\s+—\s+claims/);
    expect(await history.innerText()).not.toMatch(/[{}"]|actorId/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('an annotator who opens a reviewer page is told once it is not for their role', async () => {
    const annotator = await signedInPage(app.browser, app.server.url, 'ann-c', 'ann-c-password');
    for (const [path, who] of [
      ['/projects/1/review', 'reviewers and admins'],
      ['/projects/1/agreement', 'reviewers and admins'],
      ['/projects/1/export', 'reviewers and admins'],
      ['/projects/1/settings', 'reviewers and admins'],
      ['/admin/users', 'admins'],
    ] as const) {
      await annotator.goto(`${app.server.url}${path}`);
      await annotator.getByRole('heading', { name: 'Not for your role', level: 1 }).waitFor();
      expect(await annotator.locator('main').innerText()).toContain(`This page is for ${who}. You are signed in as an annotator.`);
      // One clear page: no error messages of requests the page would have made.
      expect(await annotator.getByRole('alert').count()).toBe(0);
      expect(await seriousAccessibilityViolations(annotator)).toEqual([]);
    }
    await annotator.getByRole('link', { name: 'Go to your projects' }).click();
    await annotator.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    await annotator.goto(`${app.server.url}/projects/1/review`);
    await annotator.getByRole('link', { name: 'Back to the project' }).click();
    await expect.poll(() => annotator.url()).toMatch(/\/projects\/1$/);
    await annotator.context().close();
  });
});
