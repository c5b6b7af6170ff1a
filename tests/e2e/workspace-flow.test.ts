// Issue 17, items 1, 2 and 5, walked as an annotator would: a document opens where they stopped and
// hands over to the next one of their queue; the claim editor keeps work and focus; a long article
// is searched and jumped through by number, its list showing each sentence's claims in short.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, seriousAccessibilityViolations, signedInPage, useServerAndBrowser, type ApiClient } from '../support/e2e.ts';
import { sentences, current, claims, newClaim, stance, focused, saved, press } from '../support/workspacePage.ts';
import { User } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { AssignmentList, Queue } from '../../shared/schemas/assignments.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { ActorList } from '../../shared/schemas/actors.ts';

const app = useServerAndBrowser();
const PROJECT = 'China–Russia diplomacy in the Middle East';
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let admin: ApiClient;
/** A new annotator in the demo project. */
async function annotator(username: string): Promise<number> {
  admin ??= await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  const user = await admin.post('/users', User, { username, password: `${username}-password`, role: 'annotator' });
  await admin.post('/projects/1/members', MemberList, { userId: user.id });
  return user.id;
}

async function openProject(username: string): Promise<Page> {
  const page = await signedInPage(app.browser, app.server.url, username, `${username}-password`);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('link', { name: PROJECT }).click();
  return page;
}

async function openArticle(page: Page) {
  await page.getByRole('link', { name: ARTICLE }).first().click();
  await sentences(page).waitFor();
}

describe('resuming and moving on', () => {
  it('opens a document at its first unlabelled, non-boilerplate sentence (a deep link wins) and offers the next document with Shift+N', async () => {
    const userId = await annotator('wren');
    admin ??= await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const text = (name: string) => `${name} opens the record. Leave a Reply. Russia criticized Israel over the strikes. China urged restraint from all sides.`;
    const imported = await admin.post('/projects/1/documents', ImportResult, {
      documents: [
        { title: 'Short note one', text: text('Note one') },
        { title: 'Short note two', text: text('Note two') },
      ],
    });
    const [one, two] = imported.imported.map((doc) => doc.id);
    for (const documentId of [one, two]) await admin.post('/projects/1/assignments', AssignmentList, { documentId, userId });
    const detail = await admin.get(`/documents/${one}`, DocumentDetail);
    expect(detail.sentences.length).toBe(4);
    // The second sentence is site chrome: marked boilerplate by a reviewer, it needs no label.
    const patched = await fetch(`${app.server.url}/api/sentences/${detail.sentences[1]!.id}`, {
      method: 'PATCH',
      headers: { cookie: admin.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ boilerplate: true }),
    });
    expect(patched.status).toBe(200);
    // Wren labelled the first sentence yesterday.
    const wren = await apiClient(app.server.url, 'wren', 'wren-password');
    await wren.put(`/sentences/${detail.sentences[0]!.id}/annotation`, Annotation, { status: 'no_claim', claims: [], baseVersion: 0 });

    const page = await openProject('wren');
    await page.getByRole('region', { name: 'My queue' }).getByRole('link', { name: 'Short note one' }).click();
    await sentences(page).waitFor();
    // Not sentence 1 (labelled) nor 2 (boilerplate): sentence 3.
    await expect.poll(() => current(page).innerText()).toMatch(/^3\s+Russia criticized Israel/);
    await expect.poll(() => page.locator('.claim-panel h2').innerText()).toMatch(/^Sentence 3/);

    // A deep link to a sentence still opens that sentence.
    await page.goto(`/projects/1/documents/${one}?sentence=${detail.sentences[0]!.id}`);
    await expect.poll(() => current(page).innerText()).toMatch(/^1\s+Note one opens the record/);
    // Not complete yet: Shift+N says so and stays.
    await sentences(page).focus();
    await press(page, 'Shift+N');
    await expect.poll(() => page.locator('.workspace > [aria-live="polite"].visually-hidden').textContent()).toMatch(/not complete yet/);
    expect(page.url()).toContain(`/documents/${one}`);

    // Label the last two with the keyboard: the panel then offers the next document of the queue.
    await press(page, 'u', 'n', 'u', 'n');
    await saved(page);
    await expect.poll(() => page.getByLabel('Progress').innerText()).toMatch(/3 \/ 3 labelled/);
    const offer = page.getByRole('region', { name: 'Next document' });
    await expect.poll(() => offer.innerText()).toMatch(/This document is complete[\s\S]*Next document: Short note two\s*Shift\+N/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // A new claim begun here (a stance given, then Esc) would be lost: Shift+N shows its sentence instead.
    await press(page, 'Enter', '1', 'Escape', 'k');
    await expect.poll(() => current(page).innerText()).toMatch(/^3\s/);
    await press(page, 'Shift+N');
    await expect.poll(() => current(page).innerText()).toMatch(/^4\s/);
    await expect.poll(() => page.locator('.workspace > [aria-live="polite"].visually-hidden').textContent()).toMatch(/new claim on sentence 4 is not finished/);
    expect(page.url()).toContain(`/documents/${one}`);
    // Delete discards it; then Shift+N moves on.
    await press(page, 'Delete');
    await expect.poll(() => newClaim(page).count()).toBe(0);
    await press(page, 'Shift+N');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Short note two');
    await expect.poll(() => current(page).innerText()).toMatch(/^1\s+Note two opens the record/);

    // The second one done (its boilerplate was not marked: four labels), the offer is the pool's next document.
    await sentences(page).focus();
    await press(page, 'n', 'j', 'n', 'j', 'n', 'j', 'n');
    await saved(page);
    await expect.poll(() => offer.innerText()).toMatch(/Start the next document\s*Shift\+N/);
    await offer.getByRole('button', { name: /Start the next document/ }).click();
    await expect.poll(() => page.url()).not.toContain(`/documents/${two}`);
    await sentences(page).waitFor();
    const queue = await wren.get('/projects/1/queue', Queue);
    expect(queue.mine.map((doc) => doc.id)).toContain(Number(/documents\/(\d+)/.exec(page.url())?.[1]));
    await page.context().close();
  });
});

describe('the claim editor keeps work and focus', () => {
  it('takes speaker, stance and target in any order; Esc steps back one field and keeps the draft; an official is coded as the state with the span kept', async () => {
    await annotator('yusuf');
    const page = await openProject('yusuf');
    await openArticle(page);
    await sentences(page)
      .getByRole('option', { name: /both Xi and Putin criticized Israel/ })
      .click();
    await sentences(page).focus();

    // Enter opens the speaker; a number key there (nothing typed) sets the stance and the focus stays.
    await press(page, 'Enter');
    await expect.poll(() => focused(page)).toBe('Speaker');
    await press(page, '1');
    await expect.poll(() => stance(page, /Condemn/).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => focused(page)).toBe('Speaker');
    // Enter with nothing typed goes on; the target first, then the speaker.
    await press(page, 'Enter');
    await expect.poll(() => focused(page)).toMatch(/Condemn/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('Target');
    await page.keyboard.type('Israel');
    // Esc closes the open list first; the field keeps the focus.
    await press(page, 'Escape');
    await expect.poll(() => page.getByRole('listbox', { name: 'Target suggestions' }).count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Target');
    await page.keyboard.type('Israel');
    await press(page, 'Enter');
    // The target set, the speaker is what is missing: the focus goes there.
    await expect.poll(() => focused(page)).toBe('Speaker');

    // Esc steps back: out of the speaker (the first field) the draft is kept, not dropped.
    await press(page, 'Escape');
    await expect.poll(() => focused(page)).toBe('Sentences');
    await expect.poll(() => newClaim(page).count()).toBe(1);
    await expect.poll(() => page.locator('.editor-note').innerText()).toMatch(/The new claim is kept/);
    // Moving away and back: still there.
    await press(page, 'j', 'k');
    await expect.poll(() => newClaim(page).getByRole('combobox', { name: 'Target' }).inputValue()).toBe('Israel');
    await expect.poll(() => page.locator('.editor-note').innerText()).toMatch(/is kept/);
    // n would drop it: refused, with the way out said.
    await press(page, 'n');
    await expect.poll(() => page.locator('.claim-panel [role="alert"]').innerText()).toMatch(/Finish the new claim first/);

    // Enter goes on at the missing field; a picked official is recorded as the state, their words kept as the span.
    await press(page, 'Enter');
    await expect.poll(() => focused(page)).toBe('Speaker');
    await page.keyboard.type('Xi Jinping');
    await press(page, 'Enter');
    await expect.poll(() => claims(page).innerText()).toMatch(/China\s*—\s*condemn\s*→\s*Israel/);
    await expect.poll(() => claims(page).getByRole('button', { name: 'Speaker: China. Change' }).getAttribute('title')).toBe('span “Xi”');
    await expect.poll(() => page.locator('.editor-note').innerText()).toMatch(/Xi Jinping is recorded as China/);
    await saved(page);
    // The list shows the claim in short.
    await expect.poll(() => current(page).innerText()).toMatch(/China — condemn → Israel/);

    // Esc from the stance goes back to the speaker, from the target to the stance.
    await press(page, 'Enter');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toMatch(/Condemn/);
    await press(page, 'Escape');
    await expect.poll(() => focused(page)).toBe('Speaker');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toBe('Target');
    await press(page, 'Escape');
    await expect.poll(() => focused(page)).toMatch(/Condemn/);
    // An empty draft closes on Esc out of its first field.
    await press(page, 'Escape', 'Escape');
    await expect.poll(() => newClaim(page).count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Sentences');

    // After clicking "Negated", the number keys still set the stance.
    await press(page, 'Enter');
    await newClaim(page)
      .getByRole('checkbox', { name: /Negated/ })
      .click();
    await press(page, '2');
    await expect.poll(() => stance(page, /Support/).getAttribute('aria-checked')).toBe('true');
    await expect
      .poll(() =>
        newClaim(page)
          .getByRole('checkbox', { name: /Negated/ })
          .isChecked(),
      )
      .toBe(true);
    await newClaim(page).getByRole('button', { name: 'Discard new claim' }).click();
    await expect.poll(() => newClaim(page).count()).toBe(0);
    await page.context().close();
  });

  it('offers the author/outlet first in the speaker picker, and creates a new actor only when asked and confirmed', async () => {
    await annotator('zoe');
    const zoe = await apiClient(app.server.url, 'zoe', 'zoe-password');
    const page = await openProject('zoe');
    await openArticle(page);
    await sentences(page)
      .getByRole('option', { name: /both Xi and Putin criticized Israel/ })
      .click();
    await sentences(page).focus();

    // A typed name nothing matches: Enter asks first; Esc goes back to typing and nothing is created.
    await press(page, 'Enter');
    await page.keyboard.type('the writer');
    const options = page.getByRole('listbox', { name: 'Speaker suggestions' }).getByRole('option');
    await expect.poll(() => options.allInnerTexts()).toEqual(['Create “the writer”…']);
    await press(page, 'Enter');
    const confirm = page.getByRole('form', { name: 'Create ‘the writer’ as a new actor?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await press(page, 'Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Speaker');
    expect((await zoe.get('/projects/1/actors', ActorList)).actors.some((actor) => actor.name === 'the writer')).toBe(false);

    // "author" finds the document's implicit speaker, first of the list.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('author');
    await expect.poll(() => options.first().innerText()).toMatch(/the author\/outlet[\s\S]*the document’s own voice/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await press(page, 'Enter');
    await expect.poll(() => newClaim(page).getByRole('combobox', { name: 'Speaker' }).inputValue()).toBe('the author/outlet');
    await press(page, '1');
    await page.keyboard.type('Israel');
    await press(page, 'Enter');
    await expect.poll(() => claims(page).innerText()).toMatch(/the author\/outlet\s*—\s*condemn\s*→\s*Israel/);
    await saved(page);
    // It is a registry actor, accepted (not a proposal) though an annotator added it; ↓ offers it first next time.
    const author = (await zoe.get('/projects/1/actors', ActorList)).actors.find((actor) => actor.name === 'the author/outlet');
    expect(author?.status).toBe('accepted');
    await press(page, 'j', 'Enter', 'ArrowDown');
    await expect.poll(() => options.first().innerText()).toMatch(/^the author\/outlet/);
    await expect.poll(() => options.filter({ hasText: 'the author/outlet' }).count()).toBe(1);
    await page.context().close();
  });
});

describe('finding the way in a long article', () => {
  it('/ searches the sentences, g goes to a sentence number, and the shortcut sheet lists both', async () => {
    await annotator('xavier');
    const page = await openProject('xavier');
    await openArticle(page);
    await sentences(page).focus();

    await press(page, '?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => sheet.innerText()).toMatch(/\/\s+search the sentences/);
    await expect.poll(() => sheet.innerText()).toMatch(/g\s+go to a sentence number/);
    await expect.poll(() => sheet.innerText()).toMatch(/Shift\+N\s+next document of your queue/);
    await expect.poll(() => sheet.innerText()).toMatch(/!\s+negated on \/ off/);
    await press(page, 'Escape');

    await press(page, '/');
    const box = page.getByRole('searchbox', { name: 'Search the sentences' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('putin');
    await press(page, 'Enter');
    await expect.poll(() => current(page).innerText()).toMatch(/Putin/);
    const first = await current(page).innerText();
    await press(page, 'ArrowDown');
    await expect.poll(() => current(page).innerText()).not.toBe(first);
    await expect.poll(() => current(page).innerText()).toMatch(/Putin/);
    await expect.poll(() => page.getByRole('search').innerText()).toMatch(/\d+ of \d+/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await press(page, 'ArrowUp');
    await expect.poll(() => current(page).innerText()).toBe(first);
    // Typing in the box is text, not shortcuts: n did not label anything.
    await page.keyboard.type(' n');
    await expect.poll(() => page.getByRole('search').innerText()).toMatch(/no match/);
    await expect.poll(() => page.getByLabel('Progress').innerText()).toMatch(/^0 \//);
    await press(page, 'Escape');
    await expect.poll(() => page.getByRole('search').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Sentences');

    await press(page, 'g');
    const number = page.getByRole('textbox', { name: /Go to sentence/ });
    await expect.poll(() => number.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('999');
    await press(page, 'Enter');
    await expect.poll(() => page.getByRole('search').innerText()).toMatch(/Type a sentence number from 1 to \d+/);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('12');
    await press(page, 'Enter');
    await expect.poll(() => current(page).innerText()).toMatch(/^12\s/);
    await expect.poll(() => page.getByRole('search').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Sentences');
    // The keys go on from there.
    await press(page, 'j');
    await expect.poll(() => current(page).innerText()).toMatch(/^13\s/);
    await page.context().close();
  });
});
