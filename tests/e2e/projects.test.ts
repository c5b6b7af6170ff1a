// Project management from the browser: an admin creates a project, edits its stance labels and
// codebook, and is told (not overwritten) when someone else changed the project meanwhile.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, seriousAccessibilityViolations, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { User } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';

const app = useServerAndBrowser();
const DEMO = 'China–Russia diplomacy in the Middle East';

const signIn = (username: string, password: string): Promise<Page> => signedInPage(app.browser, app.server.url, username, password);

const isFocused = (page: Page, name: string) => page.getByRole('button', { name }).evaluate((element) => element === document.activeElement);

describe('project settings in the browser', () => {
  it('an admin creates a project, renames and adds stance labels, edits the codebook, and the changes last', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);

    // A duplicate name is refused in words, and nothing is created.
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByLabel('Project name').fill(DEMO);
    await form.getByRole('button', { name: 'Create project' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/already exists/);

    await form.getByLabel('Project name').fill('Sahel mediation');
    await form.getByLabel(/Annotators per document/).fill('3');
    await form.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Sahel mediation' }).waitFor();
    expect(page.url()).toMatch(/\/projects\/\d+$/);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Project settings' }).waitFor();
    await expect.poll(() => page.getByText(/codebook version \d+/).innerText()).toMatch(/codebook version 1$/);
    await expect.poll(() => page.getByLabel('Annotators per document').inputValue()).toBe('3');
    await expect.poll(() => page.getByRole('group', { name: 'Stance label 1' }).getByLabel('Stored key', { exact: true }).inputValue()).toBe('condemn');
    // "Key" means one thing: the shortcut is called a shortcut.
    expect(await page.getByRole('group', { name: 'Stance label 1 Condemn · shortcut 1', exact: true }).count()).toBe(1);

    // Rename the first label (its key stays), add a fourth from the keyboard.
    await page.getByRole('group', { name: 'Stance label 1' }).getByLabel('Name').fill('Denounce');
    await page.getByRole('button', { name: 'Add a stance label' }).click();
    await page.keyboard.type('Criticise'); // focus moved to the new label's key
    const fourth = page.getByRole('group', { name: 'Stance label 4' });
    await fourth.getByLabel('Name').fill('Criticise');
    await fourth.getByLabel('Colour').fill('#aa5500');
    await fourth.getByLabel('Definition').fill('The speaker finds fault with the target without outright condemnation.');

    // Reorder with the keyboard: the focus follows the moved label.
    await page.getByRole('button', { name: 'Move up: Criticise' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Stance label 3' }).getByLabel('Name').inputValue()).toBe('Criticise');
    await expect.poll(() => isFocused(page, 'Move up: Criticise')).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => fourth.getByLabel('Name').inputValue()).toBe('Criticise');
    // Last again, "Move down" is disabled: the focus stays in the row, on "Move up".
    await expect.poll(() => isFocused(page, 'Move up: Criticise')).toBe(true);

    const codebook = '# Sahel codebook\n\nCode ECOWAS as an organization. <img src=x onerror="window.pwned=1"> stays text.';
    await page.getByLabel('Codebook (markdown)').fill(codebook);
    // The preview formats the markdown; HTML in it stays text, never HTML.
    const preview = page.getByRole('region', { name: 'Preview (as annotators see it)' });
    await preview.getByRole('heading', { name: 'Sahel codebook', level: 4 }).waitFor();
    await expect.poll(() => preview.locator('.codebook-text').innerText()).toContain('<img src=x onerror="window.pwned=1">');
    await expect.poll(() => preview.locator('img').count()).toBe(0);

    // The client checks the schema first: an upper-case key is named, and focused.
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Stance label 4 \(Criticise\): key: must be lower-case/);
    await expect.poll(() => fourth.getByLabel('Key').evaluate((element) => element === document.activeElement)).toBe(true);
    await fourth.getByLabel('Key').fill('criticise');

    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Saved. The codebook is now version 2.');

    await page.reload();
    await page.getByRole('heading', { name: 'Project settings' }).waitFor();
    await expect.poll(() => page.getByText(/codebook version \d+/).innerText()).toMatch(/codebook version 2$/);
    await expect.poll(() => page.getByRole('group', { name: 'Stance label 1' }).getByLabel('Name').inputValue()).toBe('Denounce');
    await expect.poll(() => page.getByRole('group', { name: 'Stance label 1' }).getByLabel('Key').inputValue()).toBe('condemn');
    await expect.poll(() => page.getByRole('group', { name: 'Stance label 4' }).getByLabel('Key').inputValue()).toBe('criticise');
    await expect.poll(() => page.getByRole('group', { name: 'Stance label 4' }).getByLabel('Colour').inputValue()).toBe('#aa5500');
    await expect.poll(() => page.getByLabel('Codebook (markdown)').inputValue()).toBe(codebook);
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The projects page lists the new labels.
    await page.getByRole('link', { name: 'Parley' }).click();
    await expect
      .poll(() => page.getByRole('listitem').filter({ hasText: 'Sahel mediation' }).innerText())
      .toMatch(/Stances: Denounce, Support, Mediate, Criticise · 3 annotators per document/);
    await page.context().close();
  });

  it('a save over someone else’s change explains the conflict and offers their version or mine', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);
    const projectId = await page.evaluate(async () => {
      const res = await fetch('/api/projects', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Conflict project', codebook: 'First draft.' }),
      });
      return ((await res.json()) as { id: number }).id;
    });
    await page.goto(`${app.server.url}/projects/${projectId}/settings`);
    await page.getByLabel('Project name').waitFor();
    await page.getByLabel('Annotators per document').fill('4');

    // Another admin renames the project while this page holds version 1.
    const patch = (body: object) =>
      page.evaluate(
        async ([id, json]) => (await fetch(`/api/projects/${id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: json })).status,
        [projectId, JSON.stringify(body)] as const,
      );
    expect(await patch({ name: 'Renamed elsewhere' })).toBe(200);

    await page.getByRole('button', { name: 'Save settings' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this project' });
    await expect.poll(() => conflict.innerText()).toMatch(/now at version 2 \(you started from version 1\); they changed name/);

    await conflict.getByRole('button', { name: 'Load their version (discard my edits)' }).click();
    await expect.poll(() => page.getByLabel('Project name').inputValue()).toBe('Renamed elsewhere');
    await expect.poll(() => page.getByLabel('Annotators per document').inputValue()).toBe('2');

    // Again, and this time keep mine: only the field I changed is written, their change stays.
    await page.getByLabel('Annotators per document').fill('5');
    expect(await patch({ codebook: 'Their codebook.' })).toBe(200);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => conflict.innerText()).toMatch(/they changed codebook/);
    await conflict.getByRole('button', { name: 'Save my changes over theirs' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Saved.');
    await expect.poll(() => page.getByLabel('Codebook (markdown)').inputValue()).toBe('Their codebook.');

    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const saved = await admin.get(`/projects/${projectId}`, Project);
    expect(saved).toMatchObject({ name: 'Renamed elsewhere', overlap: 5, codebook: 'Their codebook.', codebookVersion: 2, version: 4 });
    await page.context().close();
  });

  it('a member who is not an admin reads the labels and codebook but is told only admins change them', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const user = await admin.post('/users', User, { username: 'reviewer1', password: 'reviewer1-password', role: 'reviewer' });
    await admin.post('/projects/1/members', MemberList, { userId: user.id });

    const page = await signIn('reviewer1', 'reviewer1-password');
    await page.getByRole('link', { name: DEMO }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await page.goto(`${app.server.url}/projects/1/settings`);
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Only admins can change a project's settings/);
    await expect.poll(() => page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('region', { name: /Preview/ }).innerText()).toMatch(/Condemn/);
    await page.context().close();
  });
});
