import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, launchBrowser, startServer, type RunningServer } from '../support/e2e.ts';

const run = promisify(execFile);
const PROJECT = 'China–Russia diplomacy in the Middle East';
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let server: RunningServer;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  server = await startServer();
  ({ browser, close: closeBrowser } = await launchBrowser());
  // An annotator of the demo project, made with the CLI as an admin would.
  await run(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'users', 'add', 'amira', '--role', 'annotator', '--password', 'amira-password', '--project', PROJECT],
    {
      env: { ...process.env, PARLEY_DB: server.dbFile },
    },
  );
});
afterAll(async () => {
  await closeBrowser?.();
  await server?.stop();
});

/** A signed-in page in its own browser context (its own cookies). */
async function signedInPage(username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: PROJECT }).click();
  return page;
}

/** The table row of an actor, found by its name in the row header. */
const actorRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
/** Cells after the name: kind, code, aliases, part of, status, claims (reviewers and admins), actions. */
const cell = (page: Page, name: string, column: 'kind' | 'code' | 'aliases' | 'parent' | 'status' | 'claims') =>
  actorRow(page, name).getByRole('cell').nth(['kind', 'code', 'aliases', 'parent', 'status', 'claims'].indexOf(column));
/** Types in the registry's search box: the table draws only the rows in view, so an actor further down is found as a person would find it. */
const filterActors = (page: Page, text: string) => page.getByRole('searchbox', { name: 'Filter actors' }).fill(text);

/** Amira opens the article, starts a claim on one sentence and types `name` as its speaker, then chooses Create: the create form. */
async function createFromPicker(name: string) {
  const page = await signedInPage('amira', 'amira-password');
  // The documents table's link: once Amira holds the article (the first test labels it), her queue lists it too.
  await page.getByRole('table').getByRole('link', { name: ARTICLE }).click();
  const sentence = page.getByRole('listbox', { name: 'Sentences' }).getByRole('option', { name: /both Xi and Putin criticized Israel/ });
  await sentence.click();
  await expect.poll(() => sentence.getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('Enter');
  const speaker = page.getByRole('combobox', { name: 'Speaker' });
  await expect.poll(() => speaker.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(name);
  await page.getByRole('option', { name: `Create “${name}”…` }).click();
  return { page, form: page.getByRole('form', { name: `Create ‘${name}’ as a new actor?` }) };
}

describe('the actor registry', () => {
  it('an annotator creates an actor inline from the picker, uses it in a claim, and sees it proposed', async () => {
    // The kind is asked for; 2 is "organization", Enter creates it.
    const { page, form } = await createFromPicker('Arab League');
    await expect.poll(() => form.innerText()).toMatch(/proposed until an admin accepts it/);
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => form.count()).toBe(0);

    // Usable at once: finish the claim with the keyboard (1 = condemn).
    await page.keyboard.press('1');
    await page.keyboard.type('Israel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('list', { name: 'Claims' }).innerText()).toMatch(/Arab League\s*—\s*condemn\s*→\s*Israel/);
    await expect.poll(() => page.getByRole('status').innerText()).toBe('All changes saved');

    await page.goBack();
    await page.getByRole('link', { name: 'Actors' }).click();
    await expect.poll(() => cell(page, 'Arab League', 'status').innerText()).toBe('proposed');
    await expect.poll(() => cell(page, 'Arab League', 'kind').innerText()).toBe('organization');
    // Annotators read the registry but get no edit controls and no claim counts (blind labelling).
    expect(await page.getByRole('button', { name: /^(Edit|Accept|Merge|Delete) / }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Claims' }).count()).toBe(0);
    await page.context().close();
  });

  it('a new actor is a person unless changed: that kind is checked and has the focus, Enter creates it; the registry form starts there too', async () => {
    const { page, form } = await createFromPicker('Hua Chunying');
    await expect.poll(() => form.getByRole('radio', { name: /person$/ }).isChecked()).toBe(true);
    expect(await form.getByRole('radio', { checked: true }).count()).toBe(1);
    // The focus (and its ring) is on the kind that is checked, not on an unchecked first one.
    await expect.poll(() => form.getByRole('radio', { name: /person$/ }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => page.getByRole('combobox', { name: 'Speaker' }).inputValue()).toBe('Hua Chunying');
    await page.getByRole('button', { name: 'Discard new claim' }).click();

    await page.goBack();
    await page.getByRole('link', { name: 'Actors' }).click();
    await filterActors(page, 'Hua Chunying');
    await expect.poll(() => cell(page, 'Hua Chunying', 'kind').innerText()).toBe('person');
    // Proposing one in the registry's own form starts at the same kind.
    expect(await page.getByRole('form', { name: 'Add an actor' }).getByLabel('Kind').inputValue()).toBe('person');
    await page.context().close();
  });

  it('an admin edits an alias, accepts a proposal and merges a duplicate; the claim moves with it', async () => {
    const page = await signedInPage('admin', ADMIN_PASSWORD);
    const projectId = Number(/\/projects\/(\d+)/.exec(page.url())?.[1]);

    // A duplicate of Russia, used by one claim (set up through the API: not what is under test).
    const dup = await (
      await page.request.post(`/api/projects/${projectId}/actors`, { data: { name: 'Russian Federation', kind: 'state', aliases: ['RF'] } })
    ).json();
    const actors = (await (await page.request.get(`/api/projects/${projectId}/actors`)).json()).actors as { id: number; name: string }[];
    const id = (name: string) => actors.find((actor) => actor.name === name)!.id;
    const docs = (await (await page.request.get(`/api/projects/${projectId}/documents`)).json()).documents as { id: number; title: string }[];
    const docId = docs.find((doc) => doc.title === ARTICLE)!.id;
    const detail = await (await page.request.get(`/api/documents/${docId}`)).json();
    const target = (detail.sentences as { id: number; text: string }[]).find((s) => s.text.includes('criticized Israel'))!;
    const saved = await page.request.put(`/api/sentences/${target.id}/annotation`, {
      data: { status: 'claims', claims: [{ speaker: { actorId: dup.id }, stance: 'condemn', target: { actorId: id('Israel') } }] },
    });
    expect(saved.status()).toBe(200);

    await page.getByRole('link', { name: 'Actors' }).click();
    await filterActors(page, 'Russia');
    await expect.poll(() => cell(page, 'Russian Federation', 'claims').innerText()).toBe('1');
    const russiaBefore = Number(await cell(page, 'Russia', 'claims').innerText());

    // Edit an alias in place.
    await filterActors(page, 'Israel');
    await page.getByRole('button', { name: 'Edit Israel', exact: true }).click();
    await page.getByLabel('Aliases of Israel, one per line').fill('Tel Aviv\nIsraeli government');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => cell(page, 'Israel', 'aliases').innerText()).toBe('Tel Aviv, Israeli government');

    // Accept the annotator's proposal.
    await filterActors(page, 'Arab');
    await page.getByRole('button', { name: 'Accept Arab League' }).click();
    await expect.poll(() => cell(page, 'Arab League', 'status').innerText()).toBe('accepted');

    // Merge the duplicate into Russia.
    await filterActors(page, 'Russia');
    await page.getByRole('button', { name: 'Merge Russian Federation into another actor' }).click();
    await page.getByRole('combobox', { name: 'Merge “Russian Federation” into' }).fill('Russia');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('group', { name: 'Merge Russian Federation' }).innerText())
      .toMatch(/1 claim naming “Russian Federation” will name “Russia”/);
    await page.getByRole('button', { name: 'Merge into Russia' }).click();
    await expect.poll(() => actorRow(page, 'Russian Federation').count()).toBe(0);
    await expect.poll(() => cell(page, 'Russia', 'claims').innerText()).toBe(String(russiaBefore + 1));
    await expect.poll(() => cell(page, 'Russia', 'aliases').innerText()).toMatch(/Russian Federation, RF/);

    // The claim itself now names Russia.
    const mine = await (await page.request.get(`/api/documents/${docId}/annotations?annotator=me`)).json();
    const claim = mine.annotations.find((a: { sentenceId: number }) => a.sentenceId === target.id).claims[0];
    expect(claim.speaker.actorId).toBe(id('Russia'));
    await page.context().close();
  });
});
