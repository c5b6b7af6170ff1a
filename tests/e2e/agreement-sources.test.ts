// Each suggestion source judged like an annotator (issue 16, item 7): a reviewer opens the
// Agreement page and reads the built-in rules' precision, recall and F1 against gold, with the
// units they rest on, and how often annotators took its suggestions unchanged.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, addTeam, apiClient, seriousAccessibilityViolations, signedInPage, signInTeam, useServerAndBrowser } from '../support/e2e.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { Actor } from '../../shared/schemas/actors.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { Gold } from '../../shared/schemas/review.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';

const app = useServerAndBrowser();

describe('suggestion sources on the agreement page', () => {
  it('shows the rules’ precision, recall and F1 against gold with their units, and the share accepted unchanged', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const project = await admin.post('/projects', Project, { name: 'Sources' });
    const actor = async (name: string) => (await admin.post(`/projects/${project.id}/actors`, Actor, { name, kind: 'state' })).id;
    const [china, russia, israel] = [await actor('China'), await actor('Russia'), await actor('Israel')];
    const members = await addTeam(admin, project.id, [
      ['ines', 'annotator'],
      ['rafa', 'reviewer'],
    ]);
    const people = await signInTeam(app.server.url, members);
    const imported = await admin.post(`/projects/${project.id}/documents`, ImportResult, { text: 'China criticized Israel on Monday. Russia praised China.' });
    const doc = await admin.get(`/documents/${imported.imported[0]!.id}`, DocumentDetail);
    const [s0, s1] = doc.sentences.map((s) => s.id) as [number, number];
    // Gold: the rules' "China condemns Israel" is right; their "Russia supports China" is not (gold reads it as condemn).
    const gold = (sentenceId: number, speaker: number, stance: string, target: number) =>
      people.rafa!.put(`/sentences/${sentenceId}/gold`, Gold, {
        status: 'claims',
        method: 'edited',
        claims: [{ speaker: { actorId: speaker }, stance, target: { actorId: target } }],
      });
    await gold(s0, china, 'condemn', israel);
    await gold(s1, russia, 'condemn', china);
    // ines takes the first suggestion as it is.
    const { suggestions } = await people.ines!.get(`/documents/${doc.id}/suggestions`, SuggestionList);
    await people.ines!.put(`/sentences/${s0}/annotation`, Annotation, { status: 'claims', claims: [suggestions.find((s) => s.sentenceId === s0)!.claim] });

    const page = await signedInPage(app.browser, app.server.url, 'rafa', 'rafa-password');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.server.url}/projects/${project.id}/agreement`);
    const sources = page.getByRole('region', { name: 'Suggestion sources against gold' });
    const rules = sources.getByRole('table').getByRole('row', { name: /^Built-in rules/ });
    await expect.poll(() => rules.count()).toBe(1);
    const cells = rules.getByRole('cell');
    await expect.poll(() => cells.nth(0).innerText()).toMatch(/0\.500\s+1 right of 2 suggestions/);
    expect(await rules.getByRole('rowheader').innerText()).toMatch(/Built-in rules\s+parley-rules\/1/);
    expect(await cells.nth(1).innerText()).toMatch(/0\.500\s+1 found of 2 gold claims/);
    expect(await cells.nth(2).innerText()).toMatch(/0\.500\s+on 1 document with gold/);
    expect(await cells.nth(3).innerText()).toMatch(/100 %\s+1 of 1 suggestion/);
    expect(await cells.nth(5).innerText()).toMatch(/0 %\s+0 of 1 suggestion/);
    expect(await sources.innerText()).toMatch(/On 2 gold sentences \(2 claims\) of 1 document/);
    expect(await sources.innerText()).toMatch(/saved a claim exactly as suggested \(accepted unchanged\), saved one after changing it \(accepted, edited\)/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
