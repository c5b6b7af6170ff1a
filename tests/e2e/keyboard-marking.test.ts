// Marking spans with the word keys, as an annotator types them: after `s` or `t` the word cursor
// goes on from the marked word (it was sent back to the sentence's first word, so every span after
// it was one word off), and a stance key pressed in the text leaves the keys with the text (it sent
// the focus into the Target field, where `t` and `j` became a new actor "tj").
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser, type ApiClient } from '../support/e2e.ts';
import { sentences, current, claims, newClaim, stance, focused, saved, press } from '../support/workspacePage.ts';
import { User } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';
import { ActorList } from '../../shared/schemas/actors.ts';

const app = useServerAndBrowser();
const PROJECT = 'China–Russia diplomacy in the Middle East';

const selected = (page: Page) =>
  current(page)
    .locator('.mark-selection')
    .allInnerTexts()
    .then((pieces) => pieces.join(''));

let admin: ApiClient;
/** A new annotator of the demo project, and a document of its own (so each test starts unlabelled). */
async function setUp(username: string, title: string, text: string) {
  admin ??= await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  const user = await admin.post('/users', User, { username, password: `${username}-password`, role: 'annotator' });
  await admin.post('/projects/1/members', MemberList, { userId: user.id });
  // The user's name in the text too: an import skips a text the project holds already.
  const imported = await admin.post('/projects/1/documents', ImportResult, { documents: [{ title, text: `${text} Notes by ${username}.` }] });
  const documentId = imported.imported[0]!.id;
  const page = await signedInPage(app.browser, app.server.url, username, `${username}-password`);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('link', { name: PROJECT }).click();
  await page.getByRole('link', { name: title }).click();
  await sentences(page).waitFor();
  await sentences(page).focus();
  const me = await apiClient(app.server.url, username, `${username}-password`);
  /** The saved claims of the sentence at `index` (0-based), their spans in words. */
  const savedClaims = async (index: number) => {
    const doc = await me.get(`/documents/${documentId}`, DocumentDetail);
    const { annotations } = await me.get(`/documents/${documentId}/annotations?annotator=me`, AnnotationList);
    const label = annotations.find((a) => a.sentenceId === doc.sentences[index]!.id);
    const words = (span: { start: number; end: number } | null | undefined) => (span ? doc.text.slice(span.start, span.end) : null);
    return (label?.claims ?? []).map((c) => ({ speaker: words(c.speaker.span), stance: c.stance, target: words(c.target.span) }));
  };
  return { page, savedClaims };
}

/** `g`, the number, Enter: the sentence of that number (1-based) is current. */
async function goTo(page: Page, number: number) {
  await press(page, 'g');
  await page.keyboard.type(String(number));
  await press(page, 'Enter');
  await expect.poll(() => current(page).innerText()).toMatch(new RegExp(`^${number}\\s`));
}

const ENGLISH = 'Envoys met in Doha on Monday. Qatar offered to host the talks. Russia supported the Chinese position. Iran thanked Qatar.';

describe('marking spans with the word keys', () => {
  it('goes on from the marked word after s or t, so the next → is the next word', async () => {
    const { page, savedClaims } = await setUp('ines', 'Envoys in Doha', ENGLISH);

    // Sentence 2: → is on "Qatar", s marks it, → is on "offered" (not "Qatar" again).
    await goTo(page, 2);
    await press(page, 'ArrowRight');
    await expect.poll(() => selected(page)).toBe('Qatar');
    await press(page, 's');
    await expect.poll(() => newClaim(page).innerText()).toMatch(/speaker span “Qatar”/);
    await expect.poll(() => selected(page)).toBe('');
    await press(page, 'ArrowRight');
    await expect.poll(() => selected(page)).toBe('offered');
    // ← goes back from there too, and Shift+→ starts a new selection at the next word.
    await press(page, 'ArrowLeft');
    await expect.poll(() => selected(page)).toBe('Qatar');
    await press(page, 'ArrowRight', 'ArrowRight', 'ArrowRight', 't');
    await expect.poll(() => newClaim(page).innerText()).toMatch(/target span “host”/);
    await press(page, 'Shift+ArrowRight', 'Shift+ArrowRight');
    await expect.poll(() => selected(page)).toBe('the talks');
    await press(page, 'Delete');
    await expect.poll(() => newClaim(page).count()).toBe(0);

    // Sentence 3, as the tester typed it: → s → → → t marks "Russia" and "Chinese"; the stance completes the claim.
    await goTo(page, 3);
    await press(page, 'ArrowRight', 's', 'ArrowRight', 'ArrowRight', 'ArrowRight', 't');
    await expect.poll(() => newClaim(page).innerText()).toMatch(/speaker span “Russia”[\s\S]*target span “Chinese”/);
    await press(page, '2');
    await expect.poll(() => claims(page).innerText()).toMatch(/Russia\s*—\s*support\s*→/);
    await saved(page);
    expect(await savedClaims(2)).toEqual([{ speaker: 'Russia', stance: 'support', target: 'Chinese' }]);

    // Sentence 4, typed as fast as keys go (no frame between them): the same words.
    await goTo(page, 4);
    for (const key of ['ArrowRight', 's', 'ArrowRight', 'ArrowRight', 't', '1']) await page.keyboard.press(key);
    await expect.poll(() => claims(page).getByRole('listitem').count()).toBe(1);
    await saved(page);
    expect(await savedClaims(3)).toEqual([{ speaker: 'Iran', stance: 'condemn', target: 'Qatar' }]);
    await page.context().close();
  });

  it('goes on from the marked word in Chinese, word by word', async () => {
    const { page, savedClaims } = await setUp('jun', '以色列与哈马斯', '以色列称，已打击加沙的目标。哈马斯谴责了这次袭击！');
    await goTo(page, 1);
    // 以色列 / 称 / 已 / 打击 / 加沙: the fourth → after s is 加沙.
    await press(page, 'ArrowRight');
    await expect.poll(() => selected(page)).toBe('以色列');
    await press(page, 's', 'ArrowRight');
    await expect.poll(() => selected(page)).toBe('称');
    await press(page, 'ArrowRight', 'ArrowRight', 'ArrowRight');
    await expect.poll(() => selected(page)).toBe('加沙');
    await press(page, 't', '1');
    await expect.poll(() => claims(page).getByRole('listitem').count()).toBe(1);
    await saved(page);
    expect(await savedClaims(0)).toEqual([{ speaker: '以色列', stance: 'condemn', target: '加沙' }]);
    await page.context().close();
  });

  it('keeps the keys in the text after a stance key: the target is marked with the word keys at once', async () => {
    const { page, savedClaims } = await setUp('kofi', 'Envoys in Doha again', ENGLISH);

    // Sentence 3: → s, then 2 (support) from the text: the focus stays on the sentences.
    await goTo(page, 3);
    await press(page, 'ArrowRight', 's', '2');
    await expect.poll(() => stance(page, /Support/).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => focused(page)).toBe('Sentences');
    // One Esc there clears the word selection (the new claim stays): no field to step back through.
    await press(page, 'ArrowRight');
    await expect.poll(() => selected(page)).toBe('supported');
    await press(page, 'Escape');
    await expect.poll(() => selected(page)).toBe('');
    await expect.poll(() => newClaim(page).innerText()).toMatch(/speaker span “Russia”/);
    await expect.poll(() => focused(page)).toBe('Sentences');
    // ←/→ move the word cursor in the text (not a caret in the Target field); t marks the target.
    await press(page, 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowRight');
    await expect.poll(() => selected(page)).toBe('Chinese');
    expect(await newClaim(page).getByRole('combobox', { name: 'Target' }).inputValue()).toBe('');
    await press(page, 't');
    await expect.poll(() => claims(page).innerText()).toMatch(/Russia\s*—\s*support\s*→/);
    await expect.poll(() => focused(page)).toBe('Sentences');
    // j then moves on, as in the text it should.
    await press(page, 'j');
    await expect.poll(() => current(page).innerText()).toMatch(/^4\s/);
    await saved(page);
    expect(await savedClaims(2)).toEqual([{ speaker: 'Russia', stance: 'support', target: 'Chinese' }]);

    // Sentence 4: → s 1, then t with nothing selected opens the Target picker: typing goes there, as asked.
    await press(page, 'ArrowRight', 's', '1');
    await expect.poll(() => focused(page)).toBe('Sentences');
    await press(page, 't');
    await expect.poll(() => focused(page)).toBe('Target');
    await page.keyboard.type('Qatar');
    await press(page, 'Enter');
    await expect.poll(() => claims(page).innerText()).toMatch(/Iran\s*—\s*condemn\s*→\s*Qatar/);
    await saved(page);
    expect(await savedClaims(3)).toEqual([{ speaker: 'Iran', stance: 'condemn', target: 'Qatar' }]);
    // No actor was made of keys meant for the text.
    const names = (await admin.get('/projects/1/actors?limit=200', ActorList)).actors.map((actor) => actor.name);
    expect(names.filter((name) => /^[a-z]{1,3}$/.test(name))).toEqual([]);
    await page.context().close();
  });

  it('shows a speaker marked as a span in its box, quoted, while no actor is picked', async () => {
    const { page, savedClaims } = await setUp('mira', 'Envoys in Doha at last', ENGLISH);
    await goTo(page, 1);
    const box = (claim: string, role: 'Speaker' | 'Target') => page.getByRole('group', { name: claim }).getByRole('combobox', { name: role });
    // "Envoys" names no actor: the speaker is the span alone.
    await press(page, 'ArrowRight', 's');
    // The box says who speaks, where it showed "Type a name…" as if no speaker were given.
    await expect.poll(() => box('New claim', 'Speaker').inputValue()).toBe('“Envoys”');
    expect(await box('New claim', 'Target').inputValue()).toBe('');
    // "Doha" is an alias of Qatar: a span that names an actor shows the actor.
    await press(page, '2', 'ArrowRight', 'ArrowRight', 'ArrowRight');
    await expect.poll(() => selected(page)).toBe('Doha');
    await press(page, 't');
    await expect.poll(() => claims(page).innerText()).toMatch(/“Envoys”\s*—\s*support\s*→\s*Qatar/);
    await saved(page);
    expect(await savedClaims(0)).toEqual([{ speaker: 'Envoys', stance: 'support', target: 'Doha' }]);

    // The saved claim opened again shows the span in its box too.
    await claims(page).getByRole('button', { name: 'Speaker: “Envoys”. Change' }).click();
    await expect.poll(() => box('Edit claim 1', 'Speaker').inputValue()).toBe('“Envoys”');
    expect(await box('Edit claim 1', 'Target').inputValue()).toBe('Qatar');
    await page.context().close();
  });

  it('opens the shortcut sheet at its top, the navigation keys in view', async () => {
    const { page } = await setUp('lena', 'Envoys in Doha once more', ENGLISH);
    await page.setViewportSize({ width: 1000, height: 500 });
    await press(page, '?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => sheet.isVisible()).toBe(true);
    // The sheet is taller than the window: it scrolls, and opens at the top.
    expect(await sheet.evaluate((dialog) => dialog.scrollHeight > dialog.clientHeight)).toBe(true);
    const firstRow = sheet.getByRole('row', { name: /next sentence/ }).first();
    const inView = () =>
      firstRow.evaluate((row) => {
        const dialog = row.closest('dialog')!.getBoundingClientRect();
        const box = row.getBoundingClientRect();
        return box.top >= dialog.top && box.bottom <= dialog.bottom;
      });
    await expect.poll(inView).toBe(true);
    await expect.poll(() => sheet.innerText()).toMatch(/after s or t it goes on from the marked words/);
    await press(page, 'Escape');
    await expect.poll(() => sheet.isVisible()).toBe(false);
    await expect.poll(() => focused(page)).toBe('Sentences');
    await page.context().close();
  });
});
