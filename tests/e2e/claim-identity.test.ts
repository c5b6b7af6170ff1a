// Item 2 of claim identity in the browser: words marked as a speaker that name a registry actor
// show (and save) that actor at once.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiClient, signInWithForm, useServerAndBrowser } from '../support/e2e.ts';
import { saved, press } from '../support/workspacePage.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { ActorList } from '../../shared/schemas/actors.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';

const app = useServerAndBrowser();
const PROJECT_ID = 1;
const TITLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

describe('linking marked words to the actor registry', () => {
  it('shows the actor of the words selected for s on the card at once, and saves it', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(app.server.url);
    await signInWithForm(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'China–Russia diplomacy in the Middle East' }).click();
    await page.getByRole('link', { name: TITLE }).first().click();
    const sentences = page.getByRole('listbox', { name: 'Sentences' });
    const option = sentences.getByRole('option', { name: /^China has historically accused/ });
    await option.click();
    await sentences.focus();

    // → puts the word cursor on the sentence's first word, "China"; s makes it the speaker span.
    await press(page, 'ArrowRight');
    await expect.poll(() => option.locator('.mark-selection').innerText()).toBe('China');
    await press(page, 's');
    const draft = page.getByRole('group', { name: 'New claim' });
    await expect.poll(() => draft.getByRole('combobox', { name: /Speaker/ }).inputValue()).toBe('China');
    await expect.poll(() => draft.innerText()).toMatch(/speaker span “China”/);
    await press(page, '1', 't');
    await page.keyboard.type('United States');
    await press(page, 'Enter');
    const claims = page.getByRole('list', { name: 'Claims' });
    await expect.poll(() => claims.innerText()).toMatch(/^China\s*—\s*condemn\s*→\s*United States/);
    await saved(page);

    // Saved with the actor, the span kept.
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const { documents } = await admin.get(`/projects/${PROJECT_ID}/documents`, DocumentList);
    const doc = await admin.get(`/documents/${documents.find((d) => d.title === TITLE)!.id}`, DocumentDetail);
    const { actors } = await admin.get(`/projects/${PROJECT_ID}/actors`, ActorList);
    const { annotations } = await admin.get(`/documents/${doc.id}/annotations?annotator=me`, AnnotationList);
    const speaker = annotations[0]!.claims[0]!.speaker;
    expect(speaker.actorId).toBe(actors.find((a) => a.name === 'China')!.id);
    expect(doc.text.slice(speaker.span!.start, speaker.span!.end)).toBe('China');
    await page.close();
  });
});
