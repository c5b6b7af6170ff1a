// Chinese and Arabic documents from import to a marked span (issue 17, item 6): the language shown
// and filtered on the project page, Chinese words marked with the keys and the mouse, an Arabic
// sentence laid out right to left.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, seriousAccessibilityViolations, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { sentences, option, newClaim, press } from '../support/workspacePage.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { Actor } from '../../shared/schemas/actors.ts';

const app = useServerAndBrowser();

const CHINESE = '以色列与哈马斯冲突升级\n\n以色列称，已打击加沙的目标。以色列国防军称行动仍在继续。哈马斯谴责了这次袭击！';
const ARABIC = 'الحرب في غزة\n\nقال الجيش الإسرائيلي إنه قصف أهدافا في غزة. هل ستتوقف الحرب؟ دعت الأمم المتحدة إلى ضبط النفس.';
const ENGLISH = 'Talks in Cairo\n\nEgypt hosted talks on a ceasefire. Qatar welcomed them.';

/** Drags the mouse across one character of a sentence's text, as a person selecting part of a word. */
async function dragOver(page: Page, sentence: RegExp, char: string) {
  const box = await option(page, sentence)
    .locator('.sentence-text')
    .evaluate((element, wanted) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const rect = range.getBoundingClientRect();
        return { left: rect.left, right: rect.right, y: rect.top + rect.height / 2 };
      }
      throw new Error(`no ${wanted} in the sentence`);
    }, char);
  await page.mouse.move(box.left + 1, box.y);
  await page.mouse.down();
  await page.mouse.move(box.right - 1, box.y, { steps: 4 });
  await page.mouse.up();
}

describe('Chinese and Arabic documents', () => {
  it('are imported with their language, listed with it and found by a title in their script, and annotated word by word in their script and direction', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const project = await admin.post('/projects', Project, { name: 'Gaza in three languages' });
    await admin.post(`/projects/${project.id}/actors`, Actor, { name: 'Israel', kind: 'state', code: 'ISR', aliases: ['以色列'] });
    await admin.post(`/projects/${project.id}/actors`, Actor, { name: 'Israel Defense Forces', kind: 'organization', code: 'IDF', aliases: ['以色列国防军'] });

    const page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByRole('link', { name: 'Gaza in three languages' }).click();
    await page.getByLabel('Choose files').setInputFiles([
      { name: 'zh.txt', mimeType: 'text/plain', buffer: Buffer.from(CHINESE) },
      { name: 'ar.txt', mimeType: 'text/plain', buffer: Buffer.from(ARABIC) },
      { name: 'en.txt', mimeType: 'text/plain', buffer: Buffer.from(ENGLISH) },
    ]);
    const results = page.getByRole('list', { name: 'Import results' });
    for (const name of ['zh', 'ar', 'en']) await expect.poll(() => results.innerText(), { timeout: 15_000 }).toMatch(new RegExp(`${name}\\.txt\\s+imported 1`));

    // The project page names each document's language, and finds a title in its own script.
    const table = page.getByRole('table', { name: 'Documents' });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    const row = (title: string) => table.getByRole('row', { name: new RegExp(title) });
    await expect.poll(() => row('以色列与哈马斯冲突升级').innerText()).toMatch(/Chinese/);
    await expect.poll(() => row('الحرب في غزة').innerText()).toMatch(/Arabic/);
    await expect.poll(() => row('Talks in Cairo').innerText()).toMatch(/English/);
    const search = page.getByRole('searchbox', { name: 'Search titles and sources' });
    await search.fill('غزة');
    await expect.poll(() => page.getByText('1 of 3 documents').count()).toBe(1);
    expect(await table.getByRole('link').allInnerTexts()).toEqual(['الحرب في غزة']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await search.fill('');
    await expect.poll(() => table.getByRole('row').count()).toBe(4);

    // Chinese: → puts the word cursor on 以色列 (a word of three characters, not the whole run), s marks the speaker.
    await page.getByRole('link', { name: '以色列与哈马斯冲突升级' }).click();
    await sentences(page).waitFor();
    await option(page, /^以色列称/).click();
    await sentences(page).focus();
    await press(page, 'ArrowRight');
    await expect
      .poll(() =>
        option(page, /^以色列称/)
          .locator('.mark-selection')
          .innerText(),
      )
      .toBe('以色列');
    await press(page, 'Shift+ArrowRight');
    await expect
      .poll(
        () =>
          option(page, /^以色列称/)
            .locator('.mark-selection')
            .allInnerTexts()
            .then((pieces) => pieces.join('')), // the selection is cut where the mention of Israel ends
      )
      .toBe('以色列称');
    await press(page, 'Shift+ArrowLeft', 's');
    await expect.poll(() => newClaim(page).innerText()).toMatch(/speaker span “以色列”/);
    // 以色列 is an alias of Israel: the marked span names the speaker.
    await expect
      .poll(() =>
        newClaim(page)
          .getByRole('combobox', { name: /Speaker/ })
          .inputValue(),
      )
      .toBe('Israel');
    // The mouse: half of 加沙 (Gaza) selected is the whole word.
    await dragOver(page, /^以色列称/, '沙');
    await press(page, 't');
    await expect.poll(() => newClaim(page).innerText()).toMatch(/target span “加沙”/);
    expect(
      await option(page, /^以色列称/)
        .locator('.sentence-text')
        .getAttribute('lang'),
    ).toBe('zh');

    // Arabic: the question ends its own sentence, which runs right to left; ← moves to the next word in reading order.
    await page.goto(`${app.server.url}/projects/${project.id}`);
    await page.getByRole('link', { name: 'الحرب في غزة' }).click();
    await sentences(page).waitFor();
    const question = option(page, /^هل ستتوقف الحرب؟$/);
    await question.click();
    const text = question.locator('.sentence-text');
    expect(await text.getAttribute('dir')).toBe('rtl');
    expect(await text.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    // Right to left on screen: the first word stands to the right of the last.
    const [first, last] = await text.evaluate((element) => {
      const node = element.querySelector('[data-start]')!.firstChild!;
      const at = (from: number, to: number) => {
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, to);
        return range.getBoundingClientRect().left;
      };
      const content = node.textContent!;
      return [at(0, 2), at(content.lastIndexOf(' ') + 1, content.length)];
    });
    expect(first).toBeGreaterThan(last!);
    await sentences(page).focus();
    await press(page, 'ArrowLeft');
    await expect.poll(() => question.locator('.mark-selection').innerText()).toBe('هل');
    await press(page, 'ArrowLeft');
    await expect.poll(() => question.locator('.mark-selection').innerText()).toBe('ستتوقف');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
