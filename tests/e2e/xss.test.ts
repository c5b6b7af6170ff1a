import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';

const app = useServerAndBrowser();

const TITLE = 'Feed dump <img src=x onerror="window.__xss=1;alert(1)">';
const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=1">';
const LINK = '<a href="javascript:window.__xss=1">javascript:alert(document.cookie)</a>';
const TEXT =
  `The wire copy opened with ${SCRIPT} before the first quote.\n\n` +
  `Its caption read ${IMG} under the photo.\n\n` +
  `Readers were told to click ${LINK} and [this](javascript:alert(1)) for more.`;

describe('document text is data, never markup', () => {
  it('shows imported markup literally in the project page and the workspace, and runs none of it', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Projects' }).waitFor();

    // Imported through the API as the admin, with the browser's session cookie.
    const projects = (await (await context.request.get(`${app.server.url}/api/projects`)).json()) as { projects: { id: number; name: string }[] };
    const project = projects.projects[0]!;
    const imported = await context.request.post(`${app.server.url}/api/projects/${project.id}/documents`, {
      data: { title: TITLE, text: TEXT, source: 'feed.txt' },
    });
    expect(imported.status()).toBe(201);
    const documentId = ((await imported.json()) as { imported: { id: number }[] }).imported[0]!.id;

    // The title, as a link on the project page, is the literal text.
    await page.goto(`${app.server.url}/projects/${project.id}`);
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(`**/projects/${project.id}/documents/${documentId}`);

    const sentences = page.getByRole('listbox', { name: 'Sentences' });
    await expect.poll(() => sentences.innerText()).toContain(SCRIPT);
    const shown = await sentences.innerText();
    expect(shown).toContain(IMG);
    expect(shown).toContain(LINK);
    expect(shown).toContain('[this](javascript:alert(1))');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(TITLE);

    // Selecting each sentence renders it again in the claim panel: still text.
    for (const fragment of ['wire copy', 'caption read', 'Readers were told']) {
      await sentences.getByRole('option', { name: new RegExp(fragment) }).click();
    }

    // None of it became an element, and nothing ran.
    const injected = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      images: document.querySelectorAll('img').length,
      scripts: [...document.querySelectorAll('script')].filter((script) => !script.src).length,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
    }));
    expect(injected).toEqual({ xss: undefined, images: 0, scripts: 0, javascriptLinks: 0 });
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
