// A model backend end to end (issue 16, item 5): an admin sets its URL on the Settings page, an
// annotator clicks "Get suggestions" in the workspace, sees the model's suggestion with its source,
// accepts it, and the saved claim carries its origin. The example backend runs as a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser } from '../support/e2e.ts';
import { closedPortUrl, startExampleBackend, type RunningBackend } from '../support/modelBackend.ts';
import { Actor } from '../../shared/schemas/actors.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';
import { ImportResult } from '../../shared/schemas/documents.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { User } from '../../shared/schemas/users.ts';

const app = useServerAndBrowser();
let backend: RunningBackend;
beforeAll(async () => {
  backend = await startExampleBackend();
});
afterAll(() => backend.stop());

describe('a model backend in the workspace', () => {
  it('an admin sets it, an annotator gets its suggestion, accepts it, and the claim keeps where it came from', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const project = await admin.post('/projects', Project, { name: 'Backend project' });
    for (const name of ['Egypt', 'Sudan']) await admin.post(`/projects/${project.id}/actors`, Actor, { name, kind: 'state', aliases: [] });
    const imported = await admin.post(`/projects/${project.id}/documents`, ImportResult, {
      title: 'Talks',
      text: 'Egypt criticized Sudan over the border.\n\nThe talks ended late.',
      source: 'talks.txt',
    });
    const documentId = imported.imported[0]!.id;
    const user = await admin.post('/users', User, { username: 'modeller', password: 'modeller-password', role: 'annotator' });
    await admin.post(`/projects/${project.id}/members`, MemberList, { userId: user.id });

    const adminPage = await signedInPage(app.browser, app.server.url, 'admin', ADMIN_PASSWORD);
    await adminPage.goto(`${app.server.url}/projects/${project.id}/settings`);
    await adminPage.getByRole('heading', { name: 'Model backend' }).waitFor();
    await adminPage.getByLabel('Model backend URL').fill('ftp://nowhere/');
    await adminPage.getByRole('button', { name: 'Save settings' }).click();
    await adminPage.getByText('must start with http:// or https://').first().waitFor();
    await adminPage.getByLabel('Model backend URL').fill(backend.url);
    await adminPage.getByLabel('Timeout (seconds)').fill('20');
    await adminPage.getByRole('button', { name: 'Save settings' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await admin.get(`/projects/${project.id}`, Project)).modelBackend).toEqual({ url: backend.url, timeoutSeconds: 20 });

    const page = await signedInPage(app.browser, app.server.url, 'modeller', 'modeller-password');
    await page.goto(`${app.server.url}/projects/${project.id}/documents/${documentId}`);
    await page.getByRole('heading', { name: 'Talks' }).waitFor();
    const fromModel = page.getByRole('list', { name: 'Suggestions' }).getByRole('listitem').filter({ hasText: 'from model example-matcher/1' });
    expect(await fromModel.count()).toBe(0);
    await page.getByRole('button', { name: 'Get suggestions' }).click();
    await page.getByRole('status').filter({ hasText: 'example-matcher/1 proposed 1 claim in 1 sentence' }).waitFor();
    await fromModel.waitFor();
    expect(await fromModel.innerText()).toMatch(/Egypt — condemn → Sudan \(cue “criticized”\) from model example-matcher\/1, 0\.80/);
    await fromModel.getByRole('button', { name: /^Accept/ }).click();

    const card = page.getByText('✓ suggested by model');
    await card.waitFor();
    expect(await card.getAttribute('title')).toContain('example-matcher/1');
    const annotator = await apiClient(app.server.url, 'modeller', 'modeller-password');
    await expect
      .poll(async () => (await annotator.get(`/documents/${documentId}/annotations?annotator=me`, AnnotationList)).annotations[0]?.claims[0])
      .toMatchObject({ origin: 'suggestion:model', originModel: 'example-matcher/1', originScore: 0.8 });

    // A backend that is down: the annotator is told what happened (the workspace reopens on the next sentence to label), and the accepted claim stays.
    const down = await closedPortUrl();
    await adminPage.getByLabel('Model backend URL').fill(down);
    await adminPage.getByRole('button', { name: 'Save settings' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Talks' }).waitFor();
    await page.getByRole('button', { name: 'Get suggestions' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'No new suggestions' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`The model backend at ${down} could not be reached (connection refused`);
    expect((await annotator.get(`/documents/${documentId}/annotations?annotator=me`, AnnotationList)).annotations[0]?.claims).toHaveLength(1);
    await adminPage.context().close();
    await page.context().close();
  });
});
