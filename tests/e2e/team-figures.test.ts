// The team at a glance (issue 17, item 8): a reviewer opens the agreement page and reads each
// annotator's labelled sentences, median time and agreement with gold, as a table and a chart.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, addTeam, apiClient, seriousAccessibilityViolations, signedInPage, signInTeam, useServerAndBrowser } from '../support/e2e.ts';
import { Project } from '../../shared/schemas/projects.ts';
import { DocumentDetail, ImportResult } from '../../shared/schemas/documents.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { Gold } from '../../shared/schemas/review.ts';

const app = useServerAndBrowser();

const TEXT = 'Talks in Cairo\n\nEgypt hosted talks on a ceasefire. Qatar welcomed them. Turkey urged restraint. Jordan sent an envoy.';

describe('the team on the agreement page', () => {
  it('shows each annotator’s labelled sentences, median time and κ against gold in a table and a weekly chart', async () => {
    const admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
    const project = await admin.post('/projects', Project, { name: 'Team figures' });
    const members = await addTeam(admin, project.id, [
      ['nora', 'annotator'],
      ['omar', 'annotator'],
      ['rhea', 'reviewer'],
    ]);
    const people = await signInTeam(app.server.url, members);
    const imported = await admin.post(`/projects/${project.id}/documents`, ImportResult, { text: TEXT });
    const doc = await admin.get(`/documents/${imported.imported[0]!.id}`, DocumentDetail);
    const [, s1, s2, s3, s4] = doc.sentences.map((s) => s.id);
    const label = (who: string, sentenceId: number, timeSpentMs: number) =>
      people[who]!.put(`/sentences/${sentenceId}/annotation`, Annotation, { status: 'no_claim', claims: [], timeSpentMs });
    // nora: three sentences in 2, 4 and 9 s; omar: two in 1 and 3 s.
    await label('nora', s1!, 2000);
    await label('nora', s2!, 4000);
    await label('nora', s3!, 9000);
    await label('omar', s1!, 1000);
    await label('omar', s4!, 3000);
    await people.rhea!.put(`/sentences/${s1}/gold`, Gold, { status: 'no_claim', claims: [], method: 'edited' });

    const page = await signedInPage(app.browser, app.server.url, 'rhea', 'rhea-password');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.server.url}/projects/${project.id}/agreement`);
    const team = page.getByRole('region', { name: 'The team' });
    const table = team.getByRole('table', { name: 'The team' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect.poll(() => row('nora').innerText()).toMatch(/nora\s+3\s+0\s+4\.0 s\s+of 3 timed/);
    await expect.poll(() => row('omar').innerText()).toMatch(/omar\s+2\s+0\s+2\.0 s\s+of 2 timed/);
    // One sentence has gold, and both agree with it: κ has one unit (and no variation to measure).
    expect(await row('nora').innerText()).toMatch(/on 1 sentence/);

    // The chart: one line per annotator over the weeks, labelled sentences first.
    const chart = team.getByRole('img', { name: 'Labelled sentences per week, by annotator' });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await chart.locator('[data-annotator]').count()).toBe(2);
    expect(await team.getByRole('list', { name: 'Annotators in the chart' }).innerText()).toMatch(/nora\s+omar/);
    const weeks = team.getByRole('table', { name: 'Labelled sentences per week' });
    await expect.poll(() => weeks.getByRole('row').nth(1).innerText()).toMatch(/^\d{4}-\d{2}-\d{2}\s+3\s+2$/);

    // The same chart and table for the median time.
    await team.getByLabel('Show').selectOption({ label: 'Median time per sentence' });
    await expect.poll(() => team.getByRole('img', { name: 'Median time per sentence per week, by annotator' }).count()).toBe(1);
    await expect
      .poll(() => team.getByRole('table', { name: 'Median time per sentence per week' }).getByRole('row').nth(1).innerText())
      .toMatch(/4\.0 s\s+2\.0 s$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A phone: the chart shrinks with the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() =>
        team
          .getByRole('img')
          .boundingBox()
          .then((box) => box!.width <= 390),
      )
      .toBe(true);
    await page.close();
  });
});
