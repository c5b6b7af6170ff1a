// POST /api/projects/:projectId/predictions (issue 16, item 4): a model's claims by export record id,
// all or nothing, replacing the model's earlier import, served as suggestions of source "model".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';
import { ImportPredictionsResult } from '../../shared/schemas/predictions.ts';
import { sql } from '../../server/db/statements.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

// An emoji before the names: exported offsets count code points, JavaScript's count UTF-16 units.
const TEXT = '🙂 Moscow backed Israel on Monday.\n\nThe weather was cold.';

async function setup() {
  const { project, actors } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin');
  const doc = await importDocument(admin.agent, project.id, TEXT);
  const annotator = await signedIn(ctx, 'annotator', { project });
  const recordId = (index: number) => `${doc.textSha256.slice(0, 12)}:${index}`;
  return { project, actors, admin, doc, annotator, recordId, url: `/api/projects/${project.id}/predictions` };
}

const modelSuggestions = async (agent: Awaited<ReturnType<typeof signedIn>>['agent'], documentId: number) =>
  SuggestionList.parse((await agent.get(`/api/documents/${documentId}/suggestions`).expect(200)).body).suggestions.filter((s) => s.source === 'model');

describe('POST /api/projects/:projectId/predictions', () => {
  it('stores claims by export record id, by actor name or code or a code-point span, and serves them as suggestions with model and score', async () => {
    const { admin, annotator, doc, recordId, url, actors } = await setup();
    // "Moscow" is code points 2–8 of the text (the emoji is one code point, two UTF-16 units).
    const body = {
      model: 'stance-bert/2',
      records: [
        { id: recordId(0), claims: [{ speaker: { span: { start: 2, end: 8 } }, stance: 'support', target: { actor: 'isr' }, score: 0.9 }] },
        { id: recordId(1), claims: [] },
      ],
    };
    const res = await admin.agent.post(url).send(body).expect(200);
    expect(ImportPredictionsResult.parse(res.body)).toEqual({ model: 'stance-bert/2', records: 2, claims: 1, replaced: 0 });
    const [suggestion, ...others] = await modelSuggestions(annotator.agent, doc.id);
    expect(others).toEqual([]);
    expect(suggestion).toMatchObject({
      sentenceId: doc.sentences[0]!.id,
      source: 'model',
      model: 'stance-bert/2',
      score: 0.9,
      // The span names no actor of the registry (Moscow is not an alias here), so it stays a span; Israel gets its span.
      claim: { stance: 'support', target: { actorId: actors.Israel!.id }, origin: 'suggestion:model', originModel: 'stance-bert/2', originScore: 0.9 },
    });
    expect(doc.text.slice(suggestion!.claim.speaker.span!.start, suggestion!.claim.speaker.span!.end)).toBe('Moscow');
    expect(doc.text.slice(suggestion!.claim.target.span!.start, suggestion!.claim.target.span!.end)).toBe('Israel');
    // Accepted as served, it keeps where it came from.
    const saved = await annotator.agent
      .put(`/api/sentences/${doc.sentences[0]!.id}/annotation`)
      .send({ status: 'claims', claims: [suggestion!.claim], baseVersion: 0 })
      .expect(200);
    expect(saved.body.claims[0]).toMatchObject({ origin: 'suggestion:model', originModel: 'stance-bert/2', originScore: 0.9 });
  });

  it('replaces the earlier predictions of the same model, and keeps other models', async () => {
    const { admin, annotator, doc, recordId, url } = await setup();
    const claim = (stance: string) => ({ speaker: { actor: 'China' }, stance, target: { actor: 'Israel' } });
    await admin.agent
      .post(url)
      .send({ model: 'a/1', records: [{ id: recordId(0), claims: [claim('support'), claim('condemn')] }] })
      .expect(200);
    await admin.agent
      .post(url)
      .send({ model: 'b/1', records: [{ id: recordId(0), claims: [claim('mediate')] }] })
      .expect(200);
    const again = await admin.agent
      .post(url)
      .send({ model: 'a/1', records: [{ id: recordId(0), claims: [claim('condemn')] }] })
      .expect(200);
    expect(again.body).toEqual({ model: 'a/1', records: 1, claims: 1, replaced: 2 });
    expect((await modelSuggestions(annotator.agent, doc.id)).map((s) => [s.model, s.claim.stance])).toEqual([
      ['a/1', 'condemn'],
      ['b/1', 'mediate'],
    ]);
  });

  it('refuses the whole import when any record is bad, naming each one, and writes nothing', async () => {
    const { admin, annotator, doc, recordId, url } = await setup();
    const good = { id: recordId(0), claims: [{ speaker: { actor: 'China' }, stance: 'condemn', target: { actor: 'Israel' } }] };
    const res = await admin.agent
      .post(url)
      .send({
        model: 'm/1',
        records: [
          good,
          { id: recordId(0), claims: [] },
          { id: 'ffffffffffff:0', claims: [] },
          { id: recordId(7), claims: [] },
          { id: recordId(1), claims: [{ speaker: { actor: 'Atlantis' }, stance: 'condemn', target: { actor: 'Israel' } }] },
        ],
      })
      .expect(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'records.1.id',
      'records.2.id',
      'records.3.id',
      'records.4.claims.0.speaker.actor',
    ]);
    expect(res.body.error.issues[3].message).toBe('no actor of this project is named "Atlantis"');
    const badStance = await admin.agent
      .post(url)
      .send({ model: 'm/1', records: [{ ...good, claims: [{ ...good.claims[0], stance: 'praise' }] }] })
      .expect(400);
    expect(badStance.body.error.issues[0].path).toBe('records.0.claims.0.stance');
    // A span past the end is named in code points, as it was sent (the text is 56 code points, 57 UTF-16 units).
    const pastEnd = await admin.agent
      .post(url)
      .send({ model: 'm/1', records: [{ ...good, claims: [{ ...good.claims[0], speaker: { span: { start: 55, end: 58 } } }] }] })
      .expect(400);
    expect(pastEnd.body.error.issues[0]).toEqual({ path: 'records.0.claims.0.speaker.span', message: 'span 55–58 lies outside the document (length 56)' });
    await admin.agent
      .post(url)
      .send({ model: 'bad model name', records: [good] })
      .expect(400);
    expect(await modelSuggestions(annotator.agent, doc.id)).toEqual([]);
  });

  it('follows an actor merged into another', async () => {
    const { admin, annotator, doc, recordId, url, actors } = await setup();
    await admin.agent
      .post(url)
      .send({ model: 'm/1', records: [{ id: recordId(0), claims: [{ speaker: { actor: 'RUS' }, stance: 'support', target: { actor: 'Israel' } }] }] })
      .expect(200);
    await admin.agent.post(`/api/actors/${actors.Russia!.id}/merge`).send({ intoId: actors.China!.id }).expect(200);
    expect((await modelSuggestions(annotator.agent, doc.id)).map((s) => s.claim.speaker.actorId)).toEqual([actors.China!.id]);
  });

  it('is for admins; the import is audited', async () => {
    const { admin, annotator, recordId, url } = await setup();
    const body = { model: 'm/1', records: [{ id: recordId(0), claims: [] }] };
    await annotator.agent.post(url).send(body).expect(403);
    const outsider = await signedIn(ctx, 'reviewer');
    await outsider.agent.post(url).send(body).expect(404);
    await admin.agent.post(url).send(body).expect(200);
    // No route lists a project's audit log yet: the one import that went through left one event.
    const events = sql<[], { action: string; after: string }>(ctx.db, "SELECT action, after FROM events WHERE entity = 'predictions'").all();
    expect(events.map((e) => [e.action, JSON.parse(e.after)])).toEqual([['import', { model: 'm/1', records: 1, claims: 0, replaced: 0 }]]);
  });
});
