import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTeam, importDocument, makeContext, makeProject, SAMPLE_TEXT, signedIn, type TestContext } from '../support/api.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

describe('documents', () => {
  it('imports a document and serves it as sentences whose offsets are exact', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const doc = await importDocument(agent, project.id);
    expect(doc.text).toBe(SAMPLE_TEXT);
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'Xi and Putin criticized Israel’s actions.',
      'Beijing has sought to position itself as a peace broker.',
      'Mr. Wang met U.S. officials on Jan. 3 in Washington.',
      'He urged all parties to show restraint.',
    ]);
    for (const sentence of doc.sentences) expect(doc.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    expect(doc.sentences.map((s) => s.paragraph)).toEqual([0, 0, 1, 1]);
  });

  it('imports many at once and skips a duplicate text instead of storing it twice', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const res = await agent
      .post(`/api/projects/${project.id}/documents`)
      .send({ documents: [{ text: 'One sentence here.' }, { text: 'Another one.' }, { text: 'One sentence here.' }] })
      .expect(201);
    expect(res.body.imported).toHaveLength(2);
    expect(res.body.duplicates).toEqual([{ index: 2, title: expect.any(String), existingId: res.body.imported[0].id }]);
    const list = await agent.get(`/api/projects/${project.id}/documents`).expect(200);
    expect(list.body.documents).toHaveLength(2);
    expect(list.body.documents[0].progress).toEqual({ total: 1, mine: 0, overall: 0, adjudicated: 0 });
  });

  it('rejects bad imports with a message naming the problem, writing nothing', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const cases: [unknown, RegExp][] = [
      [{}, /text/],
      [{ text: '   ' }, /non-whitespace/],
      [{ text: 42 }, /text/],
      [{ text: 'ok.', colour: 'red' }, /colour|unrecognized/i],
      [{ documents: [{ text: 'fine.' }, { text: 7 }] }, /documents\.1\.text/],
      [{ text: 'ok.', published: 'yesterday' }, /published/],
      // The shape of a date, not a real one: the list's date filter refused these, the import stored them.
      [{ text: 'ok.', published: '2026-13-45' }, /published.*not a real date/],
      [{ text: 'ok.', published: '2026-02-30' }, /published.*not a real date/],
      [{ text: 'ok.', published: '2026-01-01T25:99:99Z' }, /published.*not a real date/],
      // A language that is not a BCP 47 tag was stored as given; one that is not text was replaced by the detected one.
      [{ text: 'ok.', meta: { language: 'xx-INVALID-!!' } }, /meta\.language.*BCP 47/],
      [{ text: 'ok.', meta: { language: 5 } }, /meta\.language.*BCP 47/],
      [{ text: 'ok.', meta: { big: 'x'.repeat(200_000) } }, /meta.*at most 100000/],
    ];
    for (const [body, pattern] of cases) {
      const res = await agent.post(`/api/projects/${project.id}/documents`).send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
      expect(JSON.stringify(res.body.error)).toMatch(pattern);
    }
    // Metadata nested too deeply to store as JSON (sent as raw text: the client cannot stringify it either).
    const deep = await agent
      .post(`/api/projects/${project.id}/documents`)
      .set('Content-Type', 'application/json')
      .send(`{"text":"ok.","meta":{"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`)
      .expect(400);
    expect(deep.body.error.issues[0].path).toBe('documents.0.meta');
    const list = await agent.get(`/api/projects/${project.id}/documents`).expect(200);
    expect(list.body.documents).toEqual([]);
  });

  it('imports real dates of every shape it takes and the language tags it is given', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const given = [
      { text: 'A leap day.', published: '2024-02-29' },
      { text: 'Late at night.', published: '2024-12-31T23:59:59.5+05:30' },
      { text: 'A minute.', published: '2024-06-01T12:30Z' },
      { text: '以色列国防军称。', meta: { language: 'zh-Hans' } },
      { text: 'Nobody said which.', meta: { language: null } },
    ];
    const res = await agent.post(`/api/projects/${project.id}/documents`).send({ documents: given }).expect(201);
    const stored = await Promise.all(res.body.imported.map(({ id }: { id: number }) => agent.get(`/api/documents/${id}`).expect(200)));
    expect(stored.map((doc) => doc.body.published)).toEqual(['2024-02-29', '2024-12-31T23:59:59.5+05:30', '2024-06-01T12:30Z', null, null]);
    expect(stored[3]!.body.language).toBe('zh-Hans');
    expect(stored[4]!.body.language).toEqual(expect.any(String));
  });

  it('answers malformed JSON, a wrong content type and an oversized body with 4xx, never 500', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const malformed = await agent.post(`/api/projects/${project.id}/documents`).set('Content-Type', 'application/json').send('{"text": "unclosed').expect(400);
    expect(malformed.body.error.message).toMatch(/Malformed JSON/);
    // Valid JSON that is not an object: said so, not "is not valid JSON".
    const single = await agent.post(`/api/projects/${project.id}/documents`).set('Content-Type', 'application/json').send('null').expect(400);
    expect(single.body.error.message).toBe('The request body must be a JSON object (or array), not a single value.');
    const form = await agent.post(`/api/projects/${project.id}/documents`).type('form').send('text=hello').expect(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    const huge = await agent
      .post(`/api/projects/${project.id}/documents`)
      .send({ text: 'a'.repeat(6 * 1024 * 1024) })
      .expect(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('answers unknown ids and ids that are not numbers clearly', async () => {
    const { agent } = await signedIn(ctx, 'admin');
    const missing = await agent.get('/api/documents/999').expect(404);
    expect(missing.body.error.message).toMatch(/Document 999 not found/);
    const word = await agent.get('/api/documents/abc').expect(400);
    expect(word.body.error.issues[0].path).toBe('documentId');
    await agent.get('/api/projects/999/documents').expect(404);
  });

  it('counts progress: mine for everyone; overall and adjudicated (gold) only for reviewers and admins', async () => {
    const { project } = makeProject(ctx); // overlap 2
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    const { a, b, reviewer } = await addTeam(ctx, project);
    const [s0, s1, s2] = doc.sentences.map((s) => s.id);
    const label = (agent: typeof a.agent, id: number) => agent.put(`/api/sentences/${id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    await label(a.agent, s0!);
    await label(b.agent, s0!);
    await label(a.agent, s1!);
    await label(b.agent, s1!);
    await label(b.agent, s2!);
    const gold = { status: 'no_claim', claims: [], method: 'accepted', sourceAnnotators: [a.userId] };
    await reviewer.agent.put(`/api/sentences/${s0}/gold`).send(gold).expect(200);
    const progress = async (agent: typeof a.agent) => (await agent.get(`/api/projects/${project.id}/documents`).expect(200)).body.documents[0].progress;

    expect(await progress(reviewer.agent)).toEqual({ total: 4, mine: 0, overall: 2, adjudicated: 1 });
    expect(await progress(admin.agent)).toEqual({ total: 4, mine: 0, overall: 2, adjudicated: 1 });
    // Annotators learn nothing of the others' work: not how many sentences they labelled, nor gold.
    expect(await progress(a.agent)).toEqual({ total: 4, mine: 2, overall: null, adjudicated: null });
    expect(await progress(b.agent)).toEqual({ total: 4, mine: 3, overall: null, adjudicated: null });
  });

  it('keeps members of other projects out', async () => {
    const { project } = makeProject(ctx);
    const { project: other } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    const outsider = await signedIn(ctx, 'annotator', { project: other });
    // 404, as for ids that do not exist: a 403 would confirm that they do.
    await outsider.agent.get(`/api/documents/${doc.id}`).expect(404);
    await outsider.agent.get(`/api/projects/${project.id}/documents`).expect(404);
    const member = await signedIn(ctx, 'annotator', { project });
    await member.agent.get(`/api/documents/${doc.id}`).expect(200);
    await member.agent.post(`/api/projects/${project.id}/documents`).send({ text: 'Mine now.' }).expect(403);
  });
});
