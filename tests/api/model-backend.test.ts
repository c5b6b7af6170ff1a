// A project's model backend (issue 16, item 5): an admin sets its URL, "Get suggestions"
// (POST /documents/:documentId/predict) sends it the document and the registry and stores its
// claims as that model's predictions; the example backend runs as a real server in its own process.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { answerJson, closedPortUrl, scriptedBackend, startExampleBackend, type RunningBackend, type ScriptedBackend } from '../support/modelBackend.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';
import { ModelBackendRequest, PredictResult } from '../../shared/schemas/modelBackend.ts';
import { Project } from '../../shared/schemas/projects.ts';

let example: RunningBackend;
beforeAll(async () => {
  example = await startExampleBackend();
});
afterAll(() => example.stop());

let ctx: TestContext;
const scripted: ScriptedBackend[] = [];
beforeEach(() => {
  ctx = makeContext();
});
afterEach(async () => {
  await Promise.all(scripted.splice(0).map((backend) => backend.stop()));
  ctx.close();
});

// An emoji first: the backend gets code points (as in the export), Parley stores UTF-16 offsets.
const TEXT = '🙂 China condemned Israel on Monday. Egypt urged restraint from Israel.\n\nThe weather was cold.';

async function setup() {
  const { project, actors } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin');
  const doc = await importDocument(admin.agent, project.id, TEXT);
  const annotator = await signedIn(ctx, 'annotator', { project });
  const useBackend = async (url: string, timeoutSeconds?: number) =>
    Project.parse(
      (
        await admin.agent
          .patch(`/api/projects/${project.id}`)
          .send({ modelBackend: { url, ...(timeoutSeconds ? { timeoutSeconds } : {}) } })
          .expect(200)
      ).body,
    );
  return { project, actors, admin, annotator, doc, useBackend, predictUrl: `/api/documents/${doc.id}/predict` };
}

const modelSuggestions = async (agent: Agent, documentId: number) =>
  SuggestionList.parse((await agent.get(`/api/documents/${documentId}/suggestions`).expect(200)).body).suggestions.filter((s) => s.source === 'model');

async function scripted_(respond: Parameters<typeof scriptedBackend>[0]) {
  const backend = await scriptedBackend(respond);
  scripted.push(backend);
  return backend;
}

describe('model backend setting', () => {
  it('admins set it (http or https, a timeout) and clear it; bad URLs and others are refused', async () => {
    const { project, admin, annotator } = await setup();
    const url = `/api/projects/${project.id}`;
    expect(Project.parse((await admin.agent.get(url).expect(200)).body).modelBackend).toBeNull();
    const set = await admin.agent
      .patch(url)
      .send({ modelBackend: { url: 'https://models.example.org/predict' } })
      .expect(200);
    expect(set.body.modelBackend).toEqual({ url: 'https://models.example.org/predict', timeoutSeconds: 30 });
    for (const [bad, message] of [
      ['ftp://models.example.org/', 'must start with http:// or https://'],
      ['models.example.org', 'must be a URL'],
      ['https://user:secret@models.example.org/', 'must not hold a user name or password'],
    ] as const) {
      const refused = await admin.agent
        .patch(url)
        .send({ modelBackend: { url: bad } })
        .expect(400);
      expect(refused.body.error.issues[0]).toMatchObject({ path: 'modelBackend.url', message: expect.stringContaining(message) });
    }
    await admin.agent
      .patch(url)
      .send({ modelBackend: { url: 'http://localhost:9090/', timeoutSeconds: 0 } })
      .expect(400);
    await annotator.agent
      .patch(url)
      .send({ modelBackend: { url: 'http://localhost:9090/' } })
      .expect(403);
    // Other edits keep it; null clears it.
    expect((await admin.agent.patch(url).send({ overlap: 3 }).expect(200)).body.modelBackend).toEqual({
      url: 'https://models.example.org/predict',
      timeoutSeconds: 30,
    });
    expect((await admin.agent.patch(url).send({ modelBackend: null }).expect(200)).body.modelBackend).toBeNull();
    const none = await annotator.agent
      .post(`/api/documents/${(await importDocument(admin.agent, project.id, 'China condemned Israel.')).id}/predict`)
      .expect(409);
    expect(none.body.error.message).toMatch(/has no model backend/);
  });
});

describe('POST /api/documents/:documentId/predict with the example backend', () => {
  it('stores its claims as predictions of its model, served as suggestions with their source, and accepted with their origin', async () => {
    const { annotator, doc, useBackend, predictUrl, actors } = await setup();
    await useBackend(example.url);
    const res = await annotator.agent.post(predictUrl).expect(200);
    expect(PredictResult.parse(res.body)).toMatchObject({ documentId: doc.id, model: 'example-matcher/1', records: 1, claims: 1, replaced: 0 });
    const [suggestion, ...others] = await modelSuggestions(annotator.agent, doc.id);
    expect(others).toEqual([]);
    expect(suggestion).toMatchObject({
      sentenceId: doc.sentences[0]!.id,
      source: 'model',
      model: 'example-matcher/1',
      score: 0.8,
      claim: { stance: 'condemn', speaker: { actorId: actors.China!.id }, target: { actorId: actors.Israel!.id }, originModel: 'example-matcher/1' },
    });
    // The backend counted code points; the cue lands on the word in Parley's UTF-16 text.
    expect(doc.text.slice(suggestion!.claim.cue!.start, suggestion!.claim.cue!.end)).toBe('condemned');
    const saved = await annotator.agent
      .put(`/api/sentences/${doc.sentences[0]!.id}/annotation`)
      .send({ status: 'claims', claims: [suggestion!.claim], baseVersion: 0 })
      .expect(200);
    expect(saved.body.claims[0]).toMatchObject({ origin: 'suggestion:model', originModel: 'example-matcher/1', originScore: 0.8 });
  });

  it("a second call replaces the model's earlier predictions of that document only", async () => {
    const { project, admin, annotator, doc, useBackend, predictUrl } = await setup();
    await useBackend(example.url);
    const other = await importDocument(admin.agent, project.id, 'Russia condemned Israel.');
    await annotator.agent.post(`/api/documents/${other.id}/predict`).expect(200);
    expect((await annotator.agent.post(predictUrl).expect(200)).body).toMatchObject({ claims: 1, replaced: 0 });
    // Egypt joins the registry: the backend now finds the second sentence's claim too.
    await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Egypt', kind: 'state', code: 'EGY', aliases: [] }).expect(201);
    expect((await annotator.agent.post(predictUrl).expect(200)).body).toMatchObject({ records: 2, claims: 2, replaced: 1 });
    expect((await modelSuggestions(annotator.agent, doc.id)).map((s) => [s.sentenceId, s.claim.stance])).toEqual([
      [doc.sentences[0]!.id, 'condemn'],
      [doc.sentences[1]!.id, 'mediate'],
    ]);
    expect(await modelSuggestions(annotator.agent, other.id)).toHaveLength(1);
  });
});

describe('what the backend receives', () => {
  it('the sentences with their export record ids and code-point offsets, the registry and the stance labels, never a label', async () => {
    const { annotator, doc, useBackend, predictUrl, actors } = await setup();
    await annotator.agent.put(`/api/sentences/${doc.sentences[0]!.id}/annotation`).send({ status: 'skipped', claims: [], note: 'a secret note' }).expect(200);
    const backend = await scripted_((_body, res) => answerJson(res, 200, { model: 'spy/1', records: [] }));
    await useBackend(backend.url);
    expect((await annotator.agent.post(predictUrl).expect(200)).body).toMatchObject({ model: 'spy/1', records: 0, claims: 0 });
    const request = ModelBackendRequest.parse(backend.received[0]);
    expect(request.sentences[0]).toEqual({
      id: `${doc.textSha256.slice(0, 12)}:0`,
      index: 0,
      paragraph: 0,
      start: 0,
      end: 35,
      text: '🙂 China condemned Israel on Monday.',
      boilerplate: false,
    });
    expect(request.sentences).toHaveLength(3);
    expect(request.actors.map((a) => [a.id, a.name, a.code, a.kind])).toEqual(
      ['China', 'Israel', 'Russia'].map((name) => [actors[name]!.id, name, actors[name]!.code, 'state']),
    );
    expect(request.stanceLabels.map((l) => l.key)).toEqual(['condemn', 'support', 'mediate']);
    expect(JSON.stringify(backend.received[0])).not.toMatch(/skipped|secret note|annotat/);
  });

  it('non-members are told the document does not exist', async () => {
    const { predictUrl, useBackend } = await setup();
    await useBackend(example.url);
    const outsider = await signedIn(ctx, 'annotator');
    await outsider.agent.post(predictUrl).expect(404);
  });
});

describe('the OpenAPI document', () => {
  it('describes what the backend receives and must answer, as the route’s callback', async () => {
    const { admin } = await setup();
    const document = (await admin.agent.get('/api/openapi.json').expect(200)).body;
    const operation = document.paths['/api/documents/{documentId}/predict'].post;
    expect(operation.description).toMatch(/parley-model-backend\/1[\s\S]*never anyone’s labels[\s\S]*504 \(gateway_timeout\)[\s\S]*502 \(bad_gateway\)/);
    const callback = Object.values(operation.callbacks.modelBackend)[0] as {
      post: {
        requestBody: { content: Record<string, { schema: { required: string[] } }> };
        responses: Record<string, { content: Record<string, { schema: { required: string[] } }> }>;
      };
    };
    expect(callback.post.requestBody.content['application/json']!.schema.required).toEqual([
      'protocol',
      'project',
      'document',
      'sentences',
      'actors',
      'stanceLabels',
    ]);
    expect(callback.post.responses['200']!.content['application/json']!.schema.required).toEqual(['model', 'records']);
  });
});

describe('a backend that goes wrong', () => {
  it('is told apart in a 502 or 504 with what it did, and nothing is stored or lost', async () => {
    const { annotator, doc, useBackend, predictUrl } = await setup();
    // Earlier predictions of the model, which no failed call may touch.
    await useBackend(example.url);
    await annotator.agent.post(predictUrl).expect(200);
    const before = await modelSuggestions(annotator.agent, doc.id);
    expect(before).toHaveLength(1);

    const record = `${doc.textSha256.slice(0, 12)}:1`;
    const cases: [string, Parameters<typeof scriptedBackend>[0], number, RegExp][] = [
      [
        'non-2xx',
        (_b, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('model not loaded'),
        502,
        /answered HTTP 500 Internal Server Error: "model not loaded"/,
      ],
      [
        'not JSON',
        (_b, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'),
        502,
        /something that is not JSON \(text\/html\)/,
      ],
      [
        'not the schema',
        (_b, res) => answerJson(res, 200, { model: 'example-matcher/1', records: [{ id: 'nope', claims: [] }] }),
        502,
        /not a model backend answer \(\{model, records\}\): records\.0\.id: must be an export record id/,
      ],
      [
        'an unknown actor',
        (_b, res) =>
          answerJson(res, 200, {
            model: 'example-matcher/1',
            records: [{ id: record, claims: [{ speaker: { actor: 'Atlantis' }, stance: 'condemn', target: { actor: 'Israel' } }] }],
          }),
        502,
        /cannot store \(example-matcher\/1\): records\.0\.claims\.0\.speaker\.actor: no actor of this project is named "Atlantis"/,
      ],
      [
        'a record of another document',
        (_b, res) => answerJson(res, 200, { model: 'example-matcher/1', records: [{ id: 'ffffffffffff:0', claims: [] }] }),
        502,
        /records\.0\.id: no document of this project/,
      ],
      [
        'an unknown stance',
        (_b, res) =>
          answerJson(res, 200, {
            model: 'example-matcher/1',
            records: [{ id: record, claims: [{ speaker: { actor: 'China' }, stance: 'praise', target: { actor: 'Israel' } }] }],
          }),
        502,
        /records\.0\.claims\.0\.stance/,
      ],
    ];
    for (const [what, respond, status, message] of cases) {
      const backend = await scripted_(respond);
      await useBackend(backend.url);
      const res = await annotator.agent.post(predictUrl);
      expect(res.status, what).toBe(status);
      expect(res.body.error.message, what).toMatch(message);
      expect(res.body.error.message, what).toMatch(/nothing was stored\.$/);
    }
    await useBackend(await closedPortUrl());
    const refused = await annotator.agent.post(predictUrl).expect(502);
    expect(refused.body.error).toMatchObject({ code: 'bad_gateway', message: expect.stringMatching(/could not be reached \(connection refused/) });
    expect(await modelSuggestions(annotator.agent, doc.id)).toEqual(before);
  });

  it('gives up after the timeout (504) and the server answers others while it waits', async () => {
    const { project, annotator, admin, doc, useBackend, predictUrl } = await setup();
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    // Never answers.
    const backend = await scripted_(() => arrived());
    await useBackend(backend.url, 1);
    const pending = annotator.agent.post(predictUrl).then((res) => res);
    await waiting;
    // The backend holds the request: the server still answers.
    expect((await admin.agent.get(`/api/projects/${project.id}`).expect(200)).body.name).toBe(project.name);
    const res = await pending;
    expect(res.status).toBe(504);
    expect(res.body.error).toMatchObject({ code: 'gateway_timeout', message: expect.stringMatching(/did not answer within 1 s; nothing was stored/) });
    expect(await modelSuggestions(annotator.agent, doc.id)).toEqual([]);
  });
});
