import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';

const app = useServerAndBrowser();

const DEMO = 'China–Russia diplomacy in the Middle East';

async function signIn(page: Page, username: string, password: string) {
  await page.goto(app.server.url);
  await signInWithForm(page, username, password);
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
}

describe('managing users in the browser', () => {
  it('an admin creates an annotator and adds them to the demo project; they sign in and see it', async () => {
    const adminContext = await app.browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, 'admin', ADMIN_PASSWORD);
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.waitForURL('**/admin/users');

    const form = admin.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill('carol');
    await form.getByLabel('Password').fill('carol-password-1');
    await form.getByLabel('Role').selectOption('annotator');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => admin.getByRole('status').innerText()).toBe('Created carol (annotator).');
    await admin.getByRole('row', { name: /carol/ }).waitFor();

    // Membership of the demo project (the only project, chosen already).
    await expect.poll(() => admin.getByLabel('Project', { exact: true }).inputValue()).not.toBe('');
    const members = admin.getByRole('list', { name: `Members of ${DEMO}` });
    await expect.poll(() => members.innerText()).toMatch(/admin/);
    await admin.getByLabel('User to add').selectOption({ label: 'carol (annotator)' });
    await admin.getByRole('button', { name: 'Add to project' }).click();
    await expect.poll(() => members.innerText()).toMatch(/carol\s*\(annotator\)/);

    // Carol, in her own browser, sees the project.
    const carolContext = await app.browser.newContext();
    const carol = await carolContext.newPage();
    await signIn(carol, 'carol', 'carol-password-1');
    await expect.poll(() => carol.getByRole('link', { name: DEMO }).count()).toBe(1);
    expect(await carol.getByRole('link', { name: 'Users' }).count()).toBe(0);

    // A password reset by the admin signs carol out on her next request.
    await admin.getByRole('button', { name: 'Reset password of carol' }).click();
    await admin.getByLabel('New password for carol').fill('carol-password-2');
    await admin.getByRole('button', { name: 'Set password', exact: true }).click();
    await admin.getByLabel('New password for carol').waitFor({ state: 'detached' });
    await carol.reload();
    await carol.getByRole('button', { name: 'Sign in' }).waitFor();

    // Disabled, she cannot sign in even with the new password.
    await admin.getByRole('button', { name: 'Disable carol' }).click();
    await expect.poll(() => admin.getByRole('row', { name: /carol/ }).innerText()).toMatch(/Disabled/);
    await carol.getByLabel('Username').fill('carol');
    await carol.getByLabel('Password').fill('carol-password-2');
    await carol.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => carol.getByRole('alert').innerText()).toBe('Wrong username or password.');

    // The last admin cannot lock everyone out: the refusal shows in words.
    await admin.getByRole('button', { name: 'Disable admin' }).click();
    await expect.poll(() => admin.getByRole('alert').innerText()).toMatch(/last active admin/);

    await carolContext.close();
    await adminContext.close();
  });
});
