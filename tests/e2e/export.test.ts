import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ADMIN_PASSWORD, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';
import { ExportRecord } from '../../shared/schemas/export.ts';

const app = useServerAndBrowser();

describe('the export page', () => {
  it('shows the record count and the first records for the chosen filters, and downloads the stream', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'China–Russia diplomacy in the Middle East' }).click();

    // Label one sentence through the API, with the signed-in browser's cookie.
    const status = await page.evaluate(async () => {
      const doc = (await (await fetch('/api/documents/4')).json()) as { sentences: { id: number }[] };
      const res = await fetch(`/api/sentences/${doc.sentences[7]!.id}/annotation`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'no_claim', claims: [] }),
      });
      return res.status;
    });
    expect(status).toBe(200);

    await page.getByRole('link', { name: 'Export' }).click();
    const count = page.getByRole('status');
    const sentencesFilter = page.getByRole('combobox', { name: /^Sentences to export/ });
    // Labelled sentences by default (issue 17 item 9): the one label, and the preview opens on it.
    await expect.poll(() => sentencesFilter.inputValue()).toBe('labelled');
    await expect.poll(() => count.innerText()).toMatch(/^1 record from 1 sentence in 1 document$/);
    await expect.poll(() => page.getByLabel('Record 1').innerText()).toMatch(/"status": "no_claim"/);

    await sentencesFilter.selectOption({ label: 'Every sentence, labelled or not' });
    await expect.poll(() => count.innerText()).toMatch(/records? from [\d,]+ sentences in 5 documents/);
    const all = Number((await count.innerText()).split(' ')[0]!.replace(/,/g, ''));
    expect(all).toBeGreaterThan(100);
    await expect.poll(() => page.getByLabel('Record 1').innerText()).toMatch(/"schema": "parley.sentence\/1"/);

    await sentencesFilter.selectOption({ label: 'No claim' });
    await expect.poll(() => count.innerText()).toMatch(/^1 record from 1 sentence in 1 document$/);
    await expect.poll(() => page.getByLabel('Record 1').innerText()).toMatch(/"status": "no_claim"/);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download JSONL' }).click();
    const download = await downloading;
    const path = await download.path();
    const lines = readFileSync(path!, 'utf8')
      .trim()
      .split('\n')
      .map((line) => ExportRecord.parse(JSON.parse(line)));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.annotations[0]!.status).toBe('no_claim');
    await context.close();
  });

  it('names a picked document by its title on its chip after a reload, not by its id', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'China–Russia diplomacy in the Middle East' }).click();
    await page.getByRole('link', { name: 'Export' }).click();
    await page.getByRole('combobox', { name: /^Sentences to export/ }).selectOption({ label: 'Every sentence, labelled or not' });

    const picker = page.getByRole('combobox', { name: 'Add a document' });
    await picker.fill('syria');
    const title = 'China and Syria Announce Strategic Partnership';
    await page.getByRole('option', { name: new RegExp(`^${title}`) }).click();
    const chips = page.getByRole('list', { name: 'Documents to export' });
    const chip = () => chips.getByRole('listitem').locator('span').first().innerText();
    await expect.poll(chip).toBe(title);
    expect(new URL(page.url()).searchParams.get('documents')).toMatch(/^\d+$/);

    // The URL holds only the id: the chip asks the server for its title again.
    await page.reload();
    await expect.poll(chip).toBe(title);
    expect(await chips.getByRole('button', { name: `Remove ${title}` }).count()).toBe(1);
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/in 1 document$/);
    await context.close();
  });
});
