// Lists at 1280 px (a walk-through's findings): nothing in a table cell runs into the next column
// or is cut off, headers keep one size, and the review filters show their whole text.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { User } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { ActorList } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';

const app = useServerAndBrowser();
let page: Page;

beforeAll(async () => {
  // Two annotators disagree on one sentence, so the review page has a queue.
  const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  const { documents } = await admin.get('/projects/1/documents', DocumentList);
  const detail = await admin.get(`/documents/${documents[0]!.id}`, DocumentDetail);
  const { actors } = await admin.get('/projects/1/actors', ActorList);
  const actor = (name: string) => ({ actorId: actors.find((a) => a.name === name)!.id });
  for (const [n, username] of ['ana', 'ben'].entries()) {
    const user = await admin.post('/users', User, { username, password: `${username}-password`, role: 'annotator' });
    await admin.post('/projects/1/members', MemberList, { userId: user.id });
    const client = await apiClient(app.server.url, username, `${username}-password`);
    await client.put(`/sentences/${detail.sentences[0]!.id}/annotation`, Annotation, {
      status: 'claims',
      claims: [{ speaker: actor('China'), stance: n === 0 ? 'condemn' : 'support', target: actor('Israel') }],
    });
  }
  page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
  await page.setViewportSize({ width: 1280, height: 800 });
});

/** Elements matching `selector` that stick out of their table cell (right edge past the cell's, in px). */
const outOfCell = (selector: string) =>
  page.evaluate(
    (sel) =>
      [...document.querySelectorAll(sel)]
        .map((el) => {
          const cell = el.closest('td, th')!;
          return el.getBoundingClientRect().right - cell.getBoundingClientRect().right;
        })
        .filter((over) => over > 0.5),
    selector,
  );

/** How far each scrolling table box scrolls sideways. */
const tableOverflow = () => page.evaluate(() => [...document.querySelectorAll('.paged-scroll')].map((box) => box.scrollWidth - box.clientWidth));

describe('tables at 1280 px', () => {
  it('documents: the progress bar stays in “Mine”, and the date headers are the size of the others', async () => {
    await page.goto('/projects/1');
    await page.locator('.documents-table progress').first().waitFor();
    expect(await outOfCell('.documents-table td progress')).toEqual([]);
    const fontSizes = await page.locator('.documents-table thead th').evaluateAll((ths) => [...new Set(ths.map((th) => getComputedStyle(th).fontSize))]);
    expect(fontSizes).toHaveLength(1);
  });

  it('actors: the table fits its box, every row action shows whole, and a kind is never cut mid-word', async () => {
    await page.goto('/projects/1/actors');
    await page.getByRole('rowheader', { name: 'Antony Blinken' }).waitFor();
    expect(await tableOverflow()).toEqual([0]);
    expect(await outOfCell('.actors-table .row-actions button')).toEqual([]);
    const kindLines = await page.locator('.actors-table tbody td:nth-child(2)').evaluateAll((cells) =>
      cells
        .filter((cell) => cell.textContent === 'organization')
        .map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        }),
    );
    expect(kindLines.length).toBeGreaterThan(0);
    expect(new Set(kindLines)).toEqual(new Set([1]));
  });

  it('users: no header is clipped', async () => {
    await page.goto('/admin/users');
    await page.getByText('ana').first().waitFor();
    const clipped = await page
      .locator('table.users thead th')
      .evaluateAll((ths) => ths.filter((th) => th.scrollWidth > th.clientWidth).map((th) => th.textContent));
    expect(clipped).toEqual([]);
  });

  it('review: the order and document filters show their whole text', async () => {
    await page.goto('/projects/1/review');
    await page.locator('.queue-count').waitFor();
    const fits = await page.evaluate(() => {
      const context = document.createElement('canvas').getContext('2d')!;
      const width = (el: HTMLElement, text: string) => {
        const style = getComputedStyle(el);
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        return context.measureText(text).width;
      };
      const order = [...document.querySelectorAll<HTMLSelectElement>('.queue-filters select')].find((s) => s.value === 'dispute')!;
      const picker = document.querySelector<HTMLInputElement>('.queue-filters input')!;
      // A select keeps ~24 px for its arrow and padding; an input its padding.
      return {
        order: order.clientWidth - 24 >= width(order, order.selectedOptions[0]!.text),
        picker: picker.clientWidth - 12 >= width(picker, picker.placeholder),
      };
    });
    expect(fits).toEqual({ order: true, picker: true });
  });
});
