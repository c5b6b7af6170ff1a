// The corpus bench's browser half: headless Chromium (a fresh profile per launch) on the project
// page, a title search, the next page, the disagreement queue and the export page. Each figure runs
// from the moment the user acts (navigation start, the keystroke, the click) to the moment the
// result is on screen, measured in the page itself (performance.now(), polled every frame).
// Selectors follow what a user sees (roles and names), so they hold across the tables' rewrites; a
// control the page does not have yet is reported as missing, not guessed.
import type { Browser, Page } from 'playwright-core';
import { PASSWORD } from './corpus-data.ts';

export const GOAL_PAGE_MS = 1000;
export const GOAL_DOM_NODES = 5000;
export const GOAL_SEARCH_MS = 300;
/** How long any one step may take before it is reported as a timeout (a 100,000-row table took 38 s). */
const STEP_TIMEOUT_MS = 120_000;

export interface BrowserFigure {
  step: string;
  ms: number | null;
  nodes?: number;
  note?: string;
  goal: string;
  met: boolean;
}

const nodeCount = (page: Page) => page.evaluate('document.getElementsByTagName("*").length') as Promise<number>;

/** performance.now() in the page at the first frame where `condition` (a JS expression) holds. */
async function whenTrue(page: Page, condition: string): Promise<number> {
  const handle = await page.waitForFunction(`(${condition}) ? performance.now() : null`, undefined, { polling: 'raf', timeout: STEP_TIMEOUT_MS });
  return Number(await handle.jsonValue());
}

/**
 * Runs `act`, then resolves to the time from the last `event` (keydown, click) it caused to the
 * first frame where `condition` holds. The watcher is in place before the act, so a fast answer
 * is not missed.
 */
async function timed(page: Page, event: 'keydown' | 'click', condition: string, act: () => Promise<void>): Promise<number> {
  await page.evaluate(`(() => {
    window.__actedAt = undefined;
    // From the last such event: a search is timed from its last keystroke (the typing is the user's time).
    window.addEventListener(${JSON.stringify(event)}, (e) => (window.__actedAt = e.timeStamp), { capture: true });
    window.__seen = new Promise((resolve) => {
      const tick = () => (window.__actedAt !== undefined && (${condition}) ? resolve(performance.now() - window.__actedAt) : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    });
  })()`);
  await act();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS)));
    return Number(await Promise.race([page.evaluate('window.__seen'), timeout]));
  } finally {
    clearTimeout(timer);
  }
}

// The documents list: the section its heading names (the project page also lists the user's queue and assignments).
const LIST = `(document.getElementById('documents-heading')?.closest('section') ?? document.querySelector('main'))`;
// A document row a user can act on: a link into the workspace inside the documents list.
const FIRST_ROW = `${LIST}.querySelector('a[href*="/documents/"]')`;
const ROWS = `[...${LIST}.querySelectorAll('a[href*="/documents/"]')]`;
// "1,200 of 100,000 documents loaded": how many rows a virtualized list holds (its DOM holds only those in view).
const LOADED = `Number((/([\\d,]+) of [\\d,]+ \\w+ loaded/.exec(${LIST}.textContent ?? '')?.[1] ?? '0').replaceAll(',', ''))`;

/** Navigation start → `condition` true; navigation start is the page's time origin. */
async function pageLoad(page: Page, url: string, condition: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
  return whenTrue(page, condition);
}

export async function measureBrowser(
  browser: Browser,
  base: string,
  projectId: number,
  admin: string,
  search: { q: string; title: string },
): Promise<BrowserFigure[]> {
  const figures: BrowserFigure[] = [];
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  try {
    await page.goto(base);
    await page.getByLabel('Username').fill(admin);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // 1. The project page to its first usable row (a link to a document), twice: the second is warm.
    const project = `${base}/projects/${projectId}`;
    for (const run of ['cold', 'warm']) {
      const ms = await pageLoad(page, project, FIRST_ROW);
      const nodes = await nodeCount(page);
      figures.push({
        step: `project page (${run})`,
        ms,
        nodes,
        goal: `≤ ${GOAL_PAGE_MS} ms, DOM < ${GOAL_DOM_NODES} nodes`,
        met: ms <= GOAL_PAGE_MS && nodes < GOAL_DOM_NODES,
      });
    }

    // 2. A title search: the keystrokes into the search box → the article's row on screen.
    const list = page.getByRole('region', { name: 'Documents' }).or(page.locator('main')).first();
    const box = list
      .getByRole('searchbox')
      .or(list.getByRole('textbox', { name: /search|find|title/i }))
      .first();
    if ((await box.count()) === 0) {
      figures.push({ step: 'title search', ms: null, note: 'no search box on the project page', goal: `≤ ${GOAL_SEARCH_MS} ms`, met: false });
    } else {
      await box.click();
      // Typed in full, then the article's row: a prefix of the query may match it already.
      const found = `document.activeElement?.value === ${JSON.stringify(search.q)} && ${ROWS}.some((a) => a.textContent.includes(${JSON.stringify(search.title)}))`;
      const ms = await timed(page, 'keydown', found, () => box.pressSequentially(search.q, { delay: 0 }));
      figures.push({
        step: 'title search',
        ms,
        note: `"${search.q}" from the last keystroke, the list's pause after typing included`,
        goal: `≤ ${GOAL_SEARCH_MS} ms`,
        met: ms <= GOAL_SEARCH_MS,
      });
      await box.fill('');
      await page.waitForFunction(`${FIRST_ROW} && !${FIRST_ROW}.textContent.includes(${JSON.stringify(search.title)})`);
    }

    // 3. The next page of documents: its button → a different first row.
    const next = list
      .getByRole('button', { name: /^(next( page)?|load more)$/i })
      .or(list.getByRole('link', { name: /^next( page)?$/i }))
      .first();
    if ((await next.count()) === 0) {
      figures.push({ step: 'next page', ms: null, note: 'no next-page control (the page lists every document)', goal: `≤ ${GOAL_PAGE_MS} ms`, met: false });
    } else {
      const before = await page.evaluate(`${FIRST_ROW}?.textContent ?? ''`);
      const loadedBefore = Number(await page.evaluate(LOADED));
      // A pager: the first row changes; "Load more": the list says it holds more rows than before.
      const ms = await timed(page, 'click', `(${FIRST_ROW}?.textContent ?? '') !== ${JSON.stringify(before)} || ${LOADED} > ${loadedBefore}`, () =>
        next.click(),
      );
      figures.push({ step: 'next page', ms, nodes: await nodeCount(page), goal: `≤ ${GOAL_PAGE_MS} ms`, met: ms <= GOAL_PAGE_MS });
    }

    // 4. The disagreement queue to its first item.
    {
      const ms = await pageLoad(page, `${base}/projects/${projectId}/review`, `document.querySelector('[aria-label="Disagreements"] button')`);
      const nodes = await nodeCount(page);
      figures.push({
        step: 'disagreement queue',
        ms,
        nodes,
        goal: `≤ ${GOAL_PAGE_MS} ms, DOM < ${GOAL_DOM_NODES} nodes`,
        met: ms <= GOAL_PAGE_MS && nodes < GOAL_DOM_NODES,
      });
    }

    // 5. The export page: its filters and its count of records shown (the download then matches what it says).
    {
      const ms = await pageLoad(
        page,
        `${base}/projects/${projectId}/export`,
        `document.querySelector('form[aria-label="Export filters"]') && /\\d records? from/.test(document.querySelector('main [role="status"]')?.textContent ?? '')`,
      );
      const nodes = await nodeCount(page);
      figures.push({
        step: 'export page',
        ms,
        nodes,
        goal: `≤ ${GOAL_PAGE_MS} ms, DOM < ${GOAL_DOM_NODES} nodes`,
        met: ms <= GOAL_PAGE_MS && nodes < GOAL_DOM_NODES,
      });
    }
  } catch (error) {
    figures.push({
      step: 'browser',
      ms: null,
      note: `stopped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      goal: '',
      met: false,
    });
  } finally {
    await context.close();
  }
  return figures;
}

export function printBrowser(figures: BrowserFigure[]): void {
  for (const figure of figures) {
    const ms = figure.ms === null ? '—' : `${figure.ms.toFixed(0)} ms`;
    const nodes = figure.nodes === undefined ? '' : `, ${figure.nodes.toLocaleString('en')} DOM nodes`;
    console.log(
      `${`${figure.step}:`.padEnd(26)} ${ms}${nodes}${figure.note ? ` (${figure.note})` : ''} — goal ${figure.goal}: ${figure.met ? 'met' : 'MISSED'}`,
    );
  }
}
