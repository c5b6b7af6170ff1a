// GET /api/documents/:documentId/suggestions (issue 16, item 1): the server's suggestions, for
// members only, never derived from anyone's labels, each a claim input that keeps its origin when
// saved, in the label and in the export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { SuggestionList, type Suggestion } from '../../shared/schemas/suggestions.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { ExportFlatRecord } from '../../shared/schemas/export.ts';
import { createActor } from '../../server/actors/service.ts';
import { system } from '../../server/policy.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const TEXT =
  'Xi and Putin criticized Israel’s actions.\n\n' +
  'He also urged all parties to cease hostilities in the Israel-Iran conflict.\n\n' +
  'The weather in Moscow was cold on Thursday.';

async function setup() {
  const { project, actors } = makeProject(ctx);
  const xi = createActor(ctx.db, system('test'), project.id, { name: 'Xi Jinping', kind: 'person', aliases: ['Xi'], parentId: actors.China!.id });
  const putin = createActor(ctx.db, system('test'), project.id, { name: 'Vladimir Putin', kind: 'person', aliases: ['Putin'], parentId: actors.Russia!.id });
  const conflict = createActor(ctx.db, system('test'), project.id, { name: 'Israel–Iran conflict', kind: 'issue', aliases: ['Israel-Iran conflict'] });
  const admin = await signedIn(ctx, 'admin');
  const doc = await importDocument(admin.agent, project.id, TEXT);
  const { a: annotator, b: other, reviewer } = await addTeam(ctx, project);
  return {
    project,
    actors: { China: actors.China!, Russia: actors.Russia!, Israel: actors.Israel!, xi, putin, conflict },
    admin,
    doc,
    annotator,
    other,
    reviewer,
  };
}

const suggestionsOf = async (agent: Awaited<ReturnType<typeof signedIn>>['agent'], documentId: number) =>
  SuggestionList.parse((await agent.get(`/api/documents/${documentId}/suggestions`).expect(200)).body).suggestions;

const triple = (s: Suggestion) => [s.claim.speaker.actorId, s.claim.stance, s.claim.target.actorId];

describe('GET /api/documents/:documentId/suggestions', () => {
  it('follows the registry: an actor added after the first answer is suggested at the next', async () => {
    const { project, admin, annotator, actors } = await setup();
    const doc = await importDocument(admin.agent, project.id, 'Ruritania criticized Israel on Monday.');
    // No speaker the registry knows: no half-empty proposal.
    expect(await suggestionsOf(annotator.agent, doc.id)).toEqual([]);
    const created = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Ruritania', kind: 'state' }).expect(201);
    expect((await suggestionsOf(annotator.agent, doc.id)).map(triple)).toEqual([[created.body.id, 'condemn', actors.Israel.id]]);
  });

  it('proposes one claim per coordinated speaker, people coded as their state, and a mediate claim towards the conflict', async () => {
    const { doc, annotator, actors } = await setup();
    const suggestions = await suggestionsOf(annotator.agent, doc.id);
    const [first, second, third] = doc.sentences;
    expect(suggestions.filter((s) => s.sentenceId === first!.id).map(triple)).toEqual([
      [actors.China.id, 'condemn', actors.Israel.id],
      [actors.Russia.id, 'condemn', actors.Israel.id],
    ]);
    // "He" is the previous sentence's first speaker; the call to all parties is about the conflict, not Israel.
    expect(suggestions.filter((s) => s.sentenceId === second!.id).map(triple)).toEqual([[actors.China.id, 'mediate', actors.conflict.id]]);
    expect(suggestions.filter((s) => s.sentenceId === third!.id)).toEqual([]);
    for (const s of suggestions) {
      expect(s).toMatchObject({ source: 'rules', model: 'parley-rules/1', claim: { origin: 'suggestion:rules', originModel: 'parley-rules/1' } });
      // Both sides name an actor and a span of the text; nothing half-empty.
      expect(s.claim.speaker.span).not.toBeNull();
      expect(s.claim.target.span).not.toBeNull();
    }
    // The speaker span of "He" lies on the name in the sentence before ("Xi").
    const he = suggestions.find((s) => s.sentenceId === second!.id)!;
    expect(doc.text.slice(he.claim.speaker.span!.start, he.claim.speaker.span!.end)).toBe('Xi');
  });

  it('is for members of the project: others are told the document does not exist', async () => {
    const { doc, reviewer, admin } = await setup();
    await suggestionsOf(reviewer.agent, doc.id);
    await suggestionsOf(admin.agent, doc.id);
    const outsider = await signedIn(ctx, 'annotator');
    const refused = await outsider.agent.get(`/api/documents/${doc.id}/suggestions`).expect(404);
    const unknown = await outsider.agent.get('/api/documents/999999/suggestions').expect(404);
    expect(refused.body.error.message.replace(String(doc.id), 'N')).toBe(unknown.body.error.message.replace('999999', 'N'));
    await outsider.agent.get('/api/documents/abc/suggestions').expect(400);
    const { default: request } = await import('supertest');
    await request(ctx.app).get(`/api/documents/${doc.id}/suggestions`).expect(401);
  });

  it('is blind: no suggestion changes when other annotators or reviewers label the document', async () => {
    const { doc, annotator, other, reviewer, actors } = await setup();
    const before = await suggestionsOf(other.agent, doc.id);
    const weather = doc.sentences[2]!;
    // A label the rules would never propose (nothing in the sentence takes a position), saved by one annotator and as gold.
    const claim = { speaker: { actorId: actors.Russia.id }, stance: 'support', target: { actorId: actors.Israel.id } };
    await annotator.agent
      .put(`/api/sentences/${weather.id}/annotation`)
      .send({ status: 'claims', claims: [claim], baseVersion: 0 })
      .expect(200);
    const first = doc.sentences[0]!;
    await annotator.agent.put(`/api/sentences/${first.id}/annotation`).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);
    await reviewer.agent
      .put(`/api/sentences/${weather.id}/gold`)
      .send({ status: 'claims', claims: [claim], method: 'edited', baseVersion: 0 })
      .expect(200);
    const after = await suggestionsOf(other.agent, doc.id);
    expect(after).toEqual(before);
    expect(after.some((s) => s.sentenceId === weather.id)).toBe(false);
    // The annotator who labelled gets the very same suggestions too: they come from the text alone.
    expect(await suggestionsOf(annotator.agent, doc.id)).toEqual(before);
  });

  it('saves an accepted suggestion with its origin, model and score, and exports them', async () => {
    const { project, doc, annotator, reviewer, actors } = await setup();
    const [suggestion] = await suggestionsOf(annotator.agent, doc.id);
    const first = doc.sentences[0]!;
    // Accepted as served, plus a model's prediction with a score.
    const predicted = {
      ...suggestion!.claim,
      target: { actorId: actors.Israel.id },
      stance: 'condemn',
      speaker: { actorId: actors.Russia.id },
      origin: 'suggestion:model',
      originModel: 'stance-bert/2',
      originScore: 0.75,
    };
    const saved = Annotation.parse(
      (
        await annotator.agent
          .put(`/api/sentences/${first.id}/annotation`)
          .send({ status: 'claims', claims: [suggestion!.claim, predicted], baseVersion: 0 })
          .expect(200)
      ).body,
    );
    expect(saved.claims.map((c) => [c.origin, c.originModel, c.originScore])).toEqual([
      ['suggestion:rules', 'parley-rules/1', null],
      ['suggestion:model', 'stance-bert/2', 0.75],
    ]);
    const read = await annotator.agent.get(`/api/documents/${doc.id}/annotations?annotator=me`).expect(200);
    expect(Annotation.parse(read.body.annotations[0]).claims.map((c) => c.originModel)).toEqual(['parley-rules/1', 'stance-bert/2']);

    const exported = await reviewer.agent.get(`/api/projects/${project.id}/export?flat=1`).expect(200);
    const records = exported.text
      .trim()
      .split('\n')
      .map((line) => ExportFlatRecord.parse(JSON.parse(line)));
    expect(records.map((r) => [r.claim.origin, r.claim.origin_model, r.claim.origin_score])).toEqual([
      ['suggestion:rules', 'parley-rules/1', null],
      ['suggestion:model', 'stance-bert/2', 0.75],
    ]);
  });

  it('refuses a model or score on a manual claim, and a score outside 0–1, with the path', async () => {
    const { doc, annotator, actors } = await setup();
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    const claim = { speaker: { actorId: actors.China.id }, stance: 'condemn', target: { actorId: actors.Israel.id } };
    const manual = await annotator.agent
      .put(url)
      .send({ status: 'claims', claims: [{ ...claim, originModel: 'x' }], baseVersion: 0 })
      .expect(400);
    expect(manual.body.error.issues).toEqual([{ path: 'claims.0.originModel', message: 'a model needs an origin "suggestion:<source>"' }]);
    const score = await annotator.agent
      .put(url)
      .send({ status: 'claims', claims: [{ ...claim, origin: 'suggestion:model', originScore: 1.5 }], baseVersion: 0 })
      .expect(400);
    expect(score.body.error.issues[0].path).toBe('claims.0.originScore');
    await annotator.agent.get(`/api/documents/${doc.id}/annotations?annotator=me`).expect(200, { annotations: [] });
  });
});
