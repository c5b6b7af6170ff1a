import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ADMIN_PASSWORD, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';

const app = useServerAndBrowser();

describe('importing from the browser', () => {
  it('an admin picks several files and sees per-file outcomes; the documents appear', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'China–Russia diplomacy in the Middle East' }).click();

    await page.getByLabel('Choose files').setInputFiles([
      { name: 'gulf.txt', mimeType: 'text/plain', buffer: Buffer.from('Qatar Offers Mediation\n\nDoha offered to mediate. Tehran welcomed it.') },
      {
        name: 'batch.jsonl',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from('{"title":"Ankara Calls for Calm","text":"Turkey urged restraint."}\n{"text": 12}\n'),
      },
      { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
      { name: 'article.html', mimeType: 'text/html', buffer: readFileSync('tests/fixtures/news-article.html') },
      { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Cairo Hosts Talks\n\nEgypt **hosted** talks on a ceasefire.') },
    ]);

    const results = page.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.innerText(), { timeout: 15_000 }).toMatch(/gulf\.txt\s+imported 1/);
    await expect.poll(() => results.innerText()).toMatch(/batch\.jsonl\s+imported 1, 1 failed/);
    await expect.poll(() => results.innerText()).toMatch(/batch\.jsonl line 2: text/);
    await expect.poll(() => results.innerText()).toMatch(/scan\.pdf\s+failed[\s\S]*unsupported file type/);
    await expect.poll(() => results.innerText(), { timeout: 15_000 }).toMatch(/article\.html\s+imported 1/); // converted on a worker thread
    await expect.poll(() => results.innerText()).toMatch(/notes\.md\s+imported 1/);

    await expect.poll(() => page.getByRole('link', { name: 'Qatar Offers Mediation' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Ankara Calls for Calm' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Cairo Hosts Talks' }).count()).toBe(1);

    await page
      .getByLabel('Choose files')
      .setInputFiles([
        { name: 'gulf-copy.txt', mimeType: 'text/plain', buffer: Buffer.from('Qatar Offers Mediation\n\nDoha offered to mediate. Tehran welcomed it.') },
      ]);
    await expect.poll(() => results.innerText()).toMatch(/gulf-copy\.txt\s+imported 0, skipped 1 duplicate/);
    await page.close();
  });
});
