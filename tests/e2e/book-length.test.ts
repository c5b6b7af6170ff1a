// A book-length document (issue 15, item 5): 20,000 sentences open in the workspace, the list holds
// only the rows in view, and the keys move the selection one sentence at a time from the first to
// the last. How fast is the workspace bench's business (npm run bench -- workspace --book).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';
import { sentences, press } from '../support/workspacePage.ts';
import { longText } from '../support/workspaceBook.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { Project } from '../../shared/schemas/projects.ts';

const app = useServerAndBrowser({ PARLEY_DEMO: '0' });
const SENTENCES = 20_000;

/** The selected sentence as the list says it (aria-activedescendant) and shows it (aria-selected). */
async function selected(page: Page): Promise<{ active: string | null; shown: string }> {
  return {
    active: await sentences(page).getAttribute('aria-activedescendant'),
    shown: await sentences(page).locator('[role="option"][aria-selected="true"]').innerText(),
  };
}

describe('a 20,000-sentence document', () => {
  it('opens in the workspace, renders a window of rows, and j/k and the arrows move the selection sentence by sentence', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const project = await admin.post('/projects', Project, { name: 'A book' });
    const imported = await admin.post(`/projects/${project.id}/documents`, ImportResult, { title: 'A book of statements', text: longText(SENTENCES) });
    const doc = await admin.get(`/documents/${imported.imported[0]!.id}`, DocumentDetail);
    expect(doc.sentences).toHaveLength(SENTENCES);
    const expectAt = async (page: Page, index: number) => {
      const sentence = doc.sentences[index]!;
      await expect.poll(() => selected(page)).toEqual({ active: `sentence-${sentence.id}`, shown: expect.stringContaining(sentence.text) });
      expect(await page.locator('.claim-panel h2').innerText()).toMatch(new RegExp(`^Sentence ${index + 1}\\b`));
    };

    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`${app.server.url}/projects/${project.id}/documents/${doc.id}`);
    await sentences(page).waitFor();
    // Nothing is labelled: it opens at the first sentence.
    await expectAt(page, 0);
    // Virtualized: a window of rows, not 20,000.
    expect(await sentences(page).getByRole('option').count()).toBeLessThan(200);

    await sentences(page).focus();
    for (let i = 1; i <= 5; i++) {
      await press(page, 'j');
      await expectAt(page, i);
    }
    await press(page, 'k');
    await expectAt(page, 4);
    await press(page, 'ArrowDown');
    await press(page, 'ArrowDown');
    await expectAt(page, 6);
    await press(page, 'ArrowUp');
    await expectAt(page, 5);

    // Far into the book by "go to", then step past the end: the last sentence stays selected.
    await press(page, 'g');
    await page.getByRole('textbox', { name: /Go to sentence/ }).fill(String(SENTENCES - 1));
    await press(page, 'Enter');
    await expectAt(page, SENTENCES - 2);
    expect(
      await sentences(page)
        .getByRole('option', { name: new RegExp(`statement ${SENTENCES - 1},`) })
        .isVisible(),
    ).toBe(true);
    await press(page, 'j');
    await expectAt(page, SENTENCES - 1);
    await press(page, 'j');
    await expectAt(page, SENTENCES - 1);
    await press(page, 'k');
    await press(page, 'k');
    await expectAt(page, SENTENCES - 3);
    expect(await sentences(page).getByRole('option').count()).toBeLessThan(200);
    // The URL keeps the place: a reload opens at the same sentence.
    await page.reload();
    await sentences(page).waitFor();
    await expectAt(page, SENTENCES - 3);
    await page.close();
  });
});
