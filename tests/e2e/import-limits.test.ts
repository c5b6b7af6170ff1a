import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';

// A small upload limit, so that files of a few tens of kilobytes are over it.
const UPLOAD_MB = 0.05; // 52,428 bytes
const app = useServerAndBrowser({ PARLEY_UPLOAD_MB: String(UPLOAD_MB) });

/** A JSONL line of about `chars` characters, full of quotes (each grows to two bytes in the request). */
const jsonlLine = (n: number, chars: number) =>
  JSON.stringify({ title: `Doc ${n}`, text: `"Talks" resumed, officials said (${n}). `.repeat(Math.ceil(chars / 40)) });

describe('import limits in the browser', () => {
  it('says an empty file is empty, refuses a file over PARLEY_UPLOAD_MB before sending it, and sends JSONL in chunks under it', async () => {
    const page = await app.browser.newPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/imports')) sent.push(request.postData() ?? '');
    });
    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'China–Russia diplomacy in the Middle East' }).click();

    const many = Array.from({ length: 120 }, (_, n) => jsonlLine(n, 800)).join('\n'); // ≈ 100 KB, twice the limit
    await page.getByLabel('Choose files').setInputFiles([
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('') },
      { name: 'blank.md', mimeType: 'text/markdown', buffer: Buffer.from('  \n\n\t\n') },
      { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from('Doha offered to mediate. '.repeat(2500)) }, // 62,500 bytes
      { name: 'many.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${many}\n`) },
      { name: 'one-huge-line.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${jsonlLine(1000, 60_000)}\n${jsonlLine(1001, 100)}\n`) },
    ]);

    const results = page.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.innerText(), { timeout: 30_000 }).toMatch(/one-huge-line\.jsonl\s+imported 1, 1 failed/);
    const text = await results.innerText();
    expect(text).toMatch(/empty\.txt\s+failed\s+empty\.txt is empty: there is no text to import/);
    expect(text).toMatch(/blank\.md\s+failed\s+blank\.md holds only whitespace/);
    expect(text).toMatch(
      /big\.txt\s+failed\s+big\.txt is too large to import in the browser: 0\.06 MB to send, and this server takes at most 0\.05 MB per upload \(PARLEY_UPLOAD_MB\)/,
    );
    expect(text).toMatch(/many\.jsonl\s+imported 120\b/);
    expect(text).toMatch(/one-huge-line\.jsonl line 1 is too large to import in the browser/);

    // The big file never left the browser; every request that did fits the server's limit.
    expect(sent.some((body) => body.includes('"fileName":"big.txt"'))).toBe(false);
    expect(sent.filter((body) => body.includes('"fileName":"many.jsonl"')).length).toBeGreaterThan(1);
    for (const body of sent) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(Math.floor(UPLOAD_MB * 1024 * 1024));
    await page.close();
  });
});
