// Issue 12 item 15: every page, with real data on it, passes axe-core with no serious or critical
// violation (colour contrast is "serious": the dimmed boilerplate sentences must stay readable).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTeam, ADMIN_PASSWORD, apiClient, seriousAccessibilityViolations, signedInPage, signInTeam, useServerAndBrowser } from '../support/e2e.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { ActorList } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { Gold } from '../../shared/schemas/review.ts';

const app = useServerAndBrowser();
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let page: Page;
/** The demo article's first boilerplate sentence (the workspace opens there). */
let boilerplateId: number;
let documentId: number;
/** The start of a sentence the admin labelled (no claim). */
let labelledText: string;

beforeAll(async () => {
  // Two annotators label the demo article differently, so review and agreement have content.
  const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  const team = await addTeam(admin, 1, [
    ['ana', 'annotator'],
    ['ben', 'annotator'],
  ]);
  const annotators = Object.values(await signInTeam(app.server.url, team));
  const { documents } = await admin.get('/projects/1/documents', DocumentList);
  documentId = documents.find((d) => d.title === ARTICLE)!.id;
  const detail = await admin.get(`/documents/${documentId}`, DocumentDetail);
  const boilerplate = detail.sentences.find((s) => s.boilerplate);
  if (!boilerplate) throw new Error('the demo article has no boilerplate sentence');
  boilerplateId = boilerplate.id;
  const labelled = detail.sentences.filter((s) => !s.boilerplate).slice(3, 8);
  const { actors } = await admin.get('/projects/1/actors', ActorList);
  const actor = (name: string) => ({ actorId: actors.find((a) => a.name === name)!.id });
  for (const [i, sentence] of labelled.entries()) {
    for (const [a, client] of annotators.entries()) {
      const stance = (i + a) % 2 === 0 ? 'condemn' : 'support';
      await client.put(`/sentences/${sentence.id}/annotation`, Annotation, {
        status: 'claims',
        claims: [{ speaker: actor('China'), stance, target: actor('Israel') }],
      });
    }
  }
  // A gold label (so agreement against gold has a row) and the admin's own label in the workspace.
  await admin.put(`/sentences/${labelled[0]!.id}/gold`, Gold, {
    status: 'claims',
    claims: [{ speaker: actor('China'), stance: 'condemn', target: actor('Israel') }],
    method: 'edited',
  });
  labelledText = labelled[1]!.text.slice(0, 30);
  await admin.put(`/sentences/${labelled[1]!.id}/annotation`, Annotation, { status: 'no_claim', claims: [] });

  page = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
  await page.setViewportSize({ width: 1400, height: 900 });
});

/** Opens a page by its address (as a bookmark would) and waits for `ready` before running axe. */
async function visit(path: string, ready: (page: Page) => Promise<unknown>) {
  await page.goto(`${app.server.url}${path}`);
  await ready(page);
  return seriousAccessibilityViolations(page);
}

const heading = (name: string | RegExp) => (p: Page) => p.getByRole('heading', { name, level: 1 }).waitFor();

describe('every page passes axe-core (no serious or critical violation)', () => {
  it('projects', async () => {
    expect(await visit('/', heading('Projects'))).toEqual([]);
  });

  it('project', async () => {
    expect(await visit('/projects/1', (p) => p.getByRole('link', { name: ARTICLE }).first().waitFor())).toEqual([]);
  });

  it('workspace, at a boilerplate sentence and at a labelled one', async () => {
    const sentences = page.getByRole('listbox', { name: 'Sentences' });
    const boilerplate = sentences.locator(`#sentence-${boilerplateId}`);
    const atBoilerplate = await visit(`/projects/1/documents/${documentId}?sentence=${boilerplateId}`, async (p) => {
      await p.getByRole('heading', { name: ARTICLE }).waitFor();
      await expect.poll(() => boilerplate.getAttribute('aria-selected')).toBe('true');
    });
    expect(atBoilerplate).toEqual([]);
    // Dimmed, and said in words (not by colour alone).
    await expect.poll(() => boilerplate.innerText()).toMatch(/boilerplate$/);

    // The dimmed sentence beside a current sentence (with its label and panel) is readable too.
    await sentences.getByRole('option', { name: labelledText }).click();
    await expect.poll(() => boilerplate.getAttribute('aria-selected')).toBe('false');
    await expect.poll(() => page.getByRole('heading', { name: /^Sentence/ }).count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('review', async () => {
    expect(
      await visit('/projects/1/review', async (p) => {
        await heading('Review disagreements')(p);
        await p.getByRole('table').first().waitFor();
      }),
    ).toEqual([]);
  });

  it('agreement', async () => {
    expect(
      await visit('/projects/1/agreement', async (p) => {
        await heading('Agreement')(p);
        await p.getByRole('heading', { name: 'By document' }).waitFor();
      }),
    ).toEqual([]);
  });

  it('export', async () => {
    expect(
      await visit('/projects/1/export', async (p) => {
        await heading('Export')(p);
        await p.getByRole('heading', { name: 'First records' }).waitFor();
      }),
    ).toEqual([]);
  });

  it('settings', async () => {
    expect(
      await visit('/projects/1/settings', async (p) => {
        await heading('Project settings')(p);
        await p.getByRole('heading', { name: 'Stance labels' }).waitFor();
      }),
    ).toEqual([]);
  });

  it('actors', async () => {
    expect(
      await visit('/projects/1/actors', async (p) => {
        await heading('Actors')(p);
        await p.getByRole('rowheader', { name: 'Antony Blinken' }).waitFor();
      }),
    ).toEqual([]);
  });

  it('users', async () => {
    expect(
      await visit('/admin/users', async (p) => {
        await heading('Users')(p);
        await p.getByText('ana').first().waitFor();
      }),
    ).toEqual([]);
  });

  it('API reference', async () => {
    expect(
      await visit('/api-reference', async (p) => {
        await heading('API reference')(p);
        await p.getByRole('heading', { name: 'GET /api/openapi.json', level: 2 }).waitFor();
      }),
    ).toEqual([]);
  });
});
