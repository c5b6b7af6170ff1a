import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, addTeam, apiClient, demoArticle, launchBrowser, type RunningServer, signInWithForm, startServer } from '../support/e2e.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { ActorList } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { AgreementReport, Gold, GoldList } from '../../shared/schemas/review.ts';

const PROJECT_ID = 1;
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let server: RunningServer;
let browser: Browser;
let closeBrowser: () => Promise<void>;

const apiAs = (username: string, password: string) => apiClient(server.url, username, password);

type Api = Awaited<ReturnType<typeof apiAs>>;
let admin: Api;
let annotatorIds: number[];
/** Sentence ids of the article by their index in it. */
let sentence: (index: number) => number;

beforeAll(async () => {
  server = await startServer();
  ({ browser, close: closeBrowser } = await launchBrowser());
  admin = await apiAs('admin', ADMIN_PASSWORD);
  annotatorIds = (await addTeam(admin, PROJECT_ID)).filter((user) => user.role === 'annotator').map((user) => user.id);

  const article = await demoArticle(admin, PROJECT_ID, ARTICLE);
  sentence = article.sentence;
  const { actor } = article;
  const claim = (speaker: string, stance: string, target: string) => ({ speaker: actor(speaker), stance, target: actor(target) });
  const claims = (...list: ReturnType<typeof claim>[]) => ({ status: 'claims', claims: list });
  const none = { status: 'no_claim', claims: [] };

  // Two annotators label the same article: three sentences alike, four apart (status, stance, speaker, target).
  const labels: [number, object, object][] = [
    [3, none, none],
    [
      7,
      claims(claim('China', 'condemn', 'Israel'), claim('Russia', 'condemn', 'Israel')),
      claims(claim('China', 'condemn', 'Israel'), claim('Russia', 'support', 'Israel')),
    ],
    [9, claims(claim('China', 'mediate', 'Israel')), none],
    [10, claims(claim('China', 'condemn', 'Donald Trump')), claims(claim('Xi Jinping', 'condemn', 'Donald Trump'))],
    [12, claims(claim('Liu Zhongmin', 'condemn', 'Donald Trump')), claims(claim('Liu Zhongmin', 'condemn', 'United States'))],
    [14, none, none],
    [17, claims(claim('China', 'mediate', 'Israel–Iran conflict')), claims(claim('China', 'mediate', 'Israel–Iran conflict'))],
  ];
  const one = await apiAs('ann-one', 'ann-one-password');
  const two = await apiAs('ann-two', 'ann-two-password');
  for (const [index, first, second] of labels) {
    await one.put(`/sentences/${sentence(index)}/annotation`, Annotation, first);
    await two.put(`/sentences/${sentence(index)}/annotation`, Annotation, second);
  }
});
afterAll(async () => {
  await closeBrowser?.();
  await server?.stop();
});

/** The queue item that is selected now. */
const currentItem = (page: Page) => page.getByRole('list', { name: 'Disagreements' }).locator('[aria-current="true"]');

describe('adjudicating the demo article', () => {
  it('resolves two conflicts by keyboard, bulk-accepts the unanimous rest, and shows the API’s agreement figures', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/projects/${PROJECT_ID}/review`);
    await signInWithForm(page, 'rev', 'rev-password');

    // Four disputed sentences, the status conflict (most disputed) first and selected.
    const count = page.locator('.queue-count');
    await expect.poll(() => count.innerText()).toBe('4 open conflicts of 4 disputed sentences');
    await expect.poll(() => currentItem(page).innerText()).toMatch(/urged all parties, particularly Israel/);
    const adjudication = page.getByRole('region', { name: /sentence 10/ });
    // The sentence in context: the one before and after are shown too.
    await expect.poll(() => adjudication.innerText()).toMatch(/stopping short[\s\S]*urged all parties[\s\S]*implicit admonition/);
    await expect.poll(() => page.getByRole('columnheader', { name: /^A · ann-one/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('columnheader', { name: /^B · ann-two/ }).count()).toBe(1);
    // Status differs: both status cells are marked.
    expect(
      await page
        .getByRole('row', { name: /^Status/ })
        .getByRole('cell', { name: /\(differs\)/ })
        .count(),
    ).toBe(2);

    // Names can be hidden.
    await page.getByLabel('Hide names').check();
    await expect.poll(() => page.getByRole('columnheader', { name: /^Annotator A/ }).count()).toBe(1);
    expect(await page.getByText('ann-one').count()).toBe(0);
    await page.getByLabel('Hide names').uncheck();

    // Shortcuts never fire while typing: a "1" in the rationale is text.
    const rationale = page.getByLabel(/Rationale/);
    await rationale.fill('Urging a ceasefire on Israel is a call for mediation');
    await rationale.press('1');
    expect(await rationale.inputValue()).toMatch(/mediation1$/);
    await rationale.fill('Urging a ceasefire on Israel is a call for mediation');
    await rationale.blur();

    // 1 accepts annotator A; the item is resolved and the next conflict comes up with focus.
    await page.keyboard.press('1');
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Accepted A · ann-one as gold for sentence 10/);
    await expect.poll(() => currentItem(page).innerText()).toMatch(/both Xi and Putin criticized Israel/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('true');
    await expect.poll(() => count.innerText()).toBe('3 open conflicts of 4 disputed sentences');

    // Only the stance of the second claim differs here.
    const marked = page.getByRole('cell', { name: /\(differs\)/ });
    await expect.poll(async () => (await marked.allInnerTexts()).map((text) => text.replace(/\s*\(differs\)/, ''))).toEqual(['condemn', 'support']);

    // 2 accepts annotator B.
    await page.keyboard.press('2');
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Accepted B · ann-two as gold for sentence 8/);
    await expect.poll(() => count.innerText()).toBe('2 open conflicts of 4 disputed sentences');

    // The unanimous rest: counted first, then accepted after confirming.
    await page.getByRole('button', { name: 'Accept all unanimous…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept all unanimous sentences' });
    await expect.poll(() => dialog.innerText()).toMatch(/3 sentences without gold have the same label from every annotator/);
    await dialog.getByRole('button', { name: 'Accept 3 sentences' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Accepted 3 unanimous sentences as gold.');

    // m merges the two speakers' claims; the last conflict is edited by hand.
    await expect.poll(() => currentItem(page).innerText()).toMatch(/implicit admonition/);
    await page.keyboard.press('m');
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Merged A · ann-one and B · ann-two into gold for sentence 11/);
    await expect.poll(() => currentItem(page).innerText()).toMatch(/Liu Zhongmin/);
    // The panel shows the new sentence before a key is pressed for it.
    await expect.poll(() => page.getByLabel('The sentence in context').innerText()).toMatch(/Liu Zhongmin/);
    await page.keyboard.press('e');
    const editor = page.getByRole('region', { name: 'Edit the gold label' });
    await editor.waitFor();
    await editor.getByRole('combobox', { name: 'Target' }).first().selectOption({ label: 'United States' });
    await editor.getByRole('button', { name: 'Remove claim 2' }).click();
    await editor.getByRole('radiogroup', { name: 'Stance of claim 1' }).getByRole('radio', { name: 'Support' }).click();
    // Meanwhile someone else adjudicates the same sentence: the save is refused in words, then goes through.
    await admin.put(`/sentences/${sentence(12)}/gold`, Gold, { status: 'no_claim', claims: [], method: 'edited' });
    await editor.getByRole('button', { name: 'Save edited gold' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Someone else saved the gold label of this sentence/);
    await expect.poll(() => page.getByText(/edited by admin, version 1/).count()).toBe(1);
    await editor.getByRole('button', { name: 'Save edited gold' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Saved an edited gold label for sentence 13/);
    await expect.poll(() => count.innerText()).toBe('0 open conflicts of 4 disputed sentences');

    const { documents } = await admin.get(`/projects/${PROJECT_ID}/documents`, DocumentList);
    const docId = documents.find((d) => d.title === ARTICLE)!.id;
    const { gold } = await admin.get(`/documents/${docId}/gold`, GoldList);
    const byIndex = (index: number) => gold.find((g) => g.sentenceId === sentence(index));
    expect(byIndex(9)).toMatchObject({
      method: 'accepted',
      status: 'claims',
      sourceAnnotators: [annotatorIds[0]],
      rationale: 'Urging a ceasefire on Israel is a call for mediation',
    });
    expect(byIndex(7)).toMatchObject({ method: 'accepted', sourceAnnotators: [annotatorIds[1]] });
    expect(
      byIndex(7)
        ?.claims.map((c) => c.stance)
        .sort(),
    ).toEqual(['condemn', 'support']);
    expect([3, 14, 17].map((i) => byIndex(i)?.method)).toEqual(['unanimous', 'unanimous', 'unanimous']);
    expect(byIndex(10)).toMatchObject({ method: 'merged', sourceAnnotators: annotatorIds });
    expect(byIndex(10)?.claims).toHaveLength(2);
    expect(byIndex(12)).toMatchObject({ method: 'edited', status: 'claims', version: 2 });
    expect(byIndex(12)?.claims.map((c) => c.stance)).toEqual(['support']);
    expect(gold).toHaveLength(7);

    // The agreement page shows the same figures as the API.
    await page.getByRole('link', { name: 'Agreement' }).click();
    // Fetched by the page itself, with the reviewer's session.
    const report = AgreementReport.parse(await page.evaluate(async (projectId) => (await fetch(`/api/projects/${projectId}/agreement`)).json(), PROJECT_ID));
    const fixed = (value: number | null) => (value === null ? '—' : value.toFixed(3));
    const fieldRow = (name: string) =>
      page
        .getByRole('table', { name: 'By field' })
        .getByRole('row', { name: new RegExp(`^${name}`) })
        .getByRole('cell');
    await expect
      .poll(() => fieldRow('Has claim').allInnerTexts())
      .toEqual([fixed(report.project.hasClaim.value), String(report.project.hasClaim.units), expect.any(String)]);
    expect(report.project.hasClaim.units).toBe(7);
    expect(await fieldRow('Stance').allInnerTexts()).toEqual([fixed(report.project.stance.value), String(report.project.stance.units), expect.any(String)]);
    expect(await fieldRow('Triples').allInnerTexts()).toEqual([fixed(report.project.triples.value), String(report.project.triples.units), expect.any(String)]);

    // Each annotator against gold, and the document's own row.
    const goldRow = page
      .getByRole('table', { name: 'Each annotator against gold' })
      .getByRole('row', { name: /^ann-one/ })
      .getByRole('cell');
    const vsOne = report.vsGold.find((row) => row.annotator.username === 'ann-one')!;
    expect(await goldRow.allInnerTexts()).toEqual([
      `${fixed(vsOne.kappa.value)}\n${vsOne.kappa.units} units`,
      `${fixed(vsOne.f1.value)}\n${vsOne.f1.units} units`,
    ]);
    const docRow = page
      .getByRole('table', { name: 'By document' })
      .getByRole('row', { name: new RegExp(ARTICLE.slice(0, 30)) })
      .getByRole('cell');
    const docFigures = report.documents.find((d) => d.title === ARTICLE)!;
    expect((await docRow.nth(1).innerText()).split('\n')).toEqual([fixed(docFigures.hasClaim.value), `${docFigures.hasClaim.units} units`]);

    // The stance heat map: the one condemn/support pair, both ways round.
    const heat = page.getByRole('table', { name: /Stances given to the same claim/ });
    expect(await heat.getByRole('cell', { name: 'condemn against support: 1' }).count()).toBe(1);
    expect(await heat.getByRole('cell', { name: 'support against condemn: 1' }).count()).toBe(1);

    // The CSV download holds the project row with the same has-claim α.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await (await download).createReadStream();
    let csv = '';
    for await (const chunk of file) csv += chunk;
    const projectLine = csv.split('\r\n')[1]!.split(',');
    expect(projectLine[0]).toBe('project');
    expect(Number(projectLine[4])).toBeCloseTo(report.project.hasClaim.value!, 10);
    await context.close();
  });

  it('marks a difference in a flag alone, filters it, sets both flags in the gold editor, and reports α on each flag', async () => {
    const { documents } = await admin.get(`/projects/${PROJECT_ID}/documents`, DocumentList);
    const detail = await admin.get(`/documents/${documents.find((d) => d.title === ARTICLE)!.id}`, DocumentDetail);
    const target = detail.sentences.find((s) => !s.boilerplate && s.index > 0 && ![3, 7, 9, 10, 12, 14, 17].includes(s.index))!;
    const { actors } = await admin.get(`/projects/${PROJECT_ID}/actors`, ActorList);
    const actor = (name: string) => ({ actorId: actors.find((a) => a.name === name)!.id });
    const claim = { speaker: actor('China'), stance: 'condemn', target: actor('Israel') };
    await (await apiAs('ann-one', 'ann-one-password')).put(`/sentences/${target.id}/annotation`, Annotation, { status: 'claims', claims: [claim] });
    await (
      await apiAs('ann-two', 'ann-two-password')
    ).put(`/sentences/${target.id}/annotation`, Annotation, { status: 'claims', claims: [{ ...claim, negated: true }] });

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/projects/${PROJECT_ID}/review?field=flags`);
    await signInWithForm(page, 'rev', 'rev-password');
    await expect.poll(() => currentItem(page).innerText()).toMatch(/negated \/ hypothetical/);
    const items = page.getByRole('list', { name: 'Disagreements' }).getByRole('listitem');
    expect(await items.count()).toBe(1);
    // The negated row is marked in both columns; nothing else differs.
    const cells = (name: string) => page.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');
    await expect.poll(async () => (await cells('negated').allInnerTexts()).map((text) => text.replace(/\s*\(differs\)/, ''))).toEqual(['no', 'yes']);
    expect(await cells('hypothetical').allInnerTexts()).toEqual(['no', 'no']);
    expect(await page.getByRole('cell', { name: /\(differs\)/ }).count()).toBe(2);

    // The gold editor sets the flags: one claim, negated and hypothetical.
    await page.keyboard.press('e');
    const editor = page.getByRole('region', { name: 'Edit the gold label' });
    await editor.waitFor();
    // The merge it starts from keeps both claims: differing flags make different claims.
    await expect.poll(() => editor.getByRole('checkbox', { name: /^negated/ }).count()).toBe(2);
    await editor.getByRole('button', { name: 'Remove claim 2' }).click();
    await editor.getByRole('checkbox', { name: 'negated (claim 1)' }).check();
    await editor.getByRole('checkbox', { name: 'hypothetical (claim 1)' }).check();
    await editor.getByRole('button', { name: 'Save edited gold' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Saved an edited gold label/);
    const { gold } = await admin.get(`/documents/${detail.id}/gold`, GoldList);
    expect(gold.find((g) => g.sentenceId === target.id)?.claims.map((c) => [c.stance, c.negated, c.hypothetical])).toEqual([['condemn', true, true]]);

    // The agreement page: α on each flag with its units, as the API computes it.
    await page.goto(`${server.url}/projects/${PROJECT_ID}/agreement`);
    const report = AgreementReport.parse(await page.evaluate(async (projectId) => (await fetch(`/api/projects/${projectId}/agreement`)).json(), PROJECT_ID));
    expect(report.project.negated.units).toBeGreaterThan(0);
    const fixed = (value: number | null) => (value === null ? '—' : value.toFixed(3));
    const fieldRow = (name: string) =>
      page
        .getByRole('table', { name: 'By field' })
        .getByRole('row', { name: new RegExp(`^${name}`) })
        .getByRole('cell');
    for (const [name, figure] of [
      ['Negated', report.project.negated],
      ['Hypothetical', report.project.hypothetical],
    ] as const) {
      await expect
        .poll(() => fieldRow(name).allInnerTexts())
        .toEqual([fixed(figure.value), String(figure.units), expect.stringMatching(/flag of the same matched claims/)]);
    }
    await context.close();
  });
});
