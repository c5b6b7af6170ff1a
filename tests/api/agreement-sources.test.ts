// GET /api/projects/:projectId/agreement/sources (issue 16, item 7): every suggestion source and
// model judged like an annotator (precision, recall, F1 against gold with the units they rest on)
// and what annotators did with its suggestions (unchanged, edited, ignored); reviewers only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';
import { SourceQualityReport } from '../../shared/schemas/sourceQuality.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const TEXT = 'China criticized Israel on Monday.\n\nRussia praised China.\n\nThe weather was cold.';

describe('figures per suggestion source', () => {
  it('scores the rules and an imported model against gold and counts suggestions accepted unchanged, edited or ignored', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const { a, b, reviewer } = await addTeam(ctx, project);
    const doc = await importDocument(admin.agent, project.id, TEXT);
    const [s0, s1, s2] = doc.sentences.map((s) => s.id) as [number, number, number];
    const side = (name: string) => ({ actorId: actors[name]!.id });
    const url = `/api/projects/${project.id}/agreement/sources`;

    // No gold, no labels: the rules are listed with nothing to rest on.
    const empty = SourceQualityReport.parse((await reviewer.agent.get(url).expect(200)).body);
    expect(empty).toMatchObject({ goldDocuments: 0, goldSentences: 0, goldClaims: 0 });
    expect(empty.sources).toEqual([
      expect.objectContaining({ source: 'rules', model: 'parley-rules/1', documents: 0, suggestions: 0, precision: null, recall: null, f1: null }),
    ]);

    // A model: right on both sentences.
    const recordId = (index: number) => `${doc.textSha256.slice(0, 12)}:${index}`;
    await admin.agent
      .post(`/api/projects/${project.id}/predictions`)
      .send({
        model: 'stance-bert/2',
        records: [
          { id: recordId(0), claims: [{ speaker: side('China'), stance: 'condemn', target: side('Israel') }] },
          { id: recordId(1), claims: [{ speaker: side('Russia'), stance: 'condemn', target: side('China') }] },
        ],
      })
      .expect(200);

    // Gold: the rules are right on s0, wrong in stance on s1 ("praised" is sarcasm here); s2 holds no claim.
    const gold = (sentenceId: number, body: object) =>
      reviewer.agent
        .put(`/api/sentences/${sentenceId}/gold`)
        .send({ method: 'edited', ...body })
        .expect(200);
    await gold(s0, { status: 'claims', claims: [{ speaker: side('China'), stance: 'condemn', target: side('Israel') }] });
    await gold(s1, { status: 'claims', claims: [{ speaker: side('Russia'), stance: 'condemn', target: side('China') }] });
    await gold(s2, { status: 'no_claim', claims: [] });

    // Annotator a takes the rules' s0 suggestion as it is and its s1 suggestion with the stance changed; b says s0 holds no claim.
    const suggestions = SuggestionList.parse((await a.agent.get(`/api/documents/${doc.id}/suggestions`).expect(200)).body).suggestions;
    const rules = (sentenceId: number) => suggestions.find((s) => s.sentenceId === sentenceId && s.source === 'rules')!.claim;
    expect(rules(s1).stance).toBe('support');
    const save = (agent: typeof a.agent, sentenceId: number, body: object) => agent.put(`/api/sentences/${sentenceId}/annotation`).send(body).expect(200);
    await save(a.agent, s0, { status: 'claims', claims: [rules(s0)] });
    await save(a.agent, s1, { status: 'claims', claims: [{ ...rules(s1), stance: 'condemn' }] });
    await save(b.agent, s0, { status: 'no_claim', claims: [] });

    const report = SourceQualityReport.parse((await reviewer.agent.get(url).expect(200)).body);
    expect(report).toMatchObject({ goldDocuments: 1, goldSentences: 3, goldClaims: 2 });
    const [ruleFigures, modelFigures, ...none] = report.sources;
    expect(none).toEqual([]);
    expect(ruleFigures).toEqual({
      source: 'rules',
      model: 'parley-rules/1',
      documents: 1,
      goldClaims: 2,
      suggestions: 2,
      right: 1,
      wrong: 1,
      missed: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      use: { unchanged: 1, edited: 1, ignored: 1, labels: 3, shares: { unchanged: 1 / 3, edited: 1 / 3, ignored: 1 / 3 } },
    });
    expect(modelFigures).toMatchObject({
      source: 'model',
      model: 'stance-bert/2',
      documents: 1,
      right: 2,
      wrong: 0,
      missed: 0,
      precision: 1,
      recall: 1,
      f1: 1,
      use: { unchanged: 0, edited: 0, ignored: 3, labels: 3, shares: { unchanged: 0, edited: 0, ignored: 1 } },
    });
  });

  it('is for reviewers and admins only: annotators never see how others labelled', async () => {
    const { project } = makeProject(ctx);
    const annotator = await signedIn(ctx, 'annotator', { project });
    const admin = await signedIn(ctx, 'admin');
    await annotator.agent.get(`/api/projects/${project.id}/agreement/sources`).expect(403);
    await admin.agent.get(`/api/projects/${project.id}/agreement/sources`).expect(200);
    await admin.agent.get('/api/projects/999999/agreement/sources').expect(404);
    await admin.agent.get('/api/projects/abc/agreement/sources').expect(400);
  });
});
