// The API described once (issue 13, item 9): GET /api/openapi.json lists every route the app
// declares, and the real answers of a journey through every route match the schemas it gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { declaredRoutes } from '../support/routes.ts';
import { OpenApiDocument, type HttpMethod } from '../../shared/schemas/openapi.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const toTemplate = (route: string) => route.replace(/:(\w+)/g, '{$1}');

async function served(agent: Agent): Promise<OpenApiDocument> {
  const res = await agent.get('/api/openapi.json').expect(200);
  return OpenApiDocument.parse(res.body);
}

/** Checks real answers against the served document; remembers which operations were checked. */
function checker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const compiled = new Map<object, ValidateFunction>();
  const validator = (schema: object) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };
  const checked = new Set<string>();
  /** `route` as Express declares it, e.g. `GET /projects/:projectId`. */
  const check = (res: Response, route: string, expected: number) => {
    expect(res.status, `${route}: ${JSON.stringify(res.body)}`).toBe(expected);
    const [method, path] = route.split(' ') as [string, string];
    const operation = document.paths[`/api${toTemplate(path)}`]?.[method.toLowerCase() as HttpMethod];
    expect(operation, `${route} is in the document`).toBeDefined();
    const key = expected >= 500 ? '5XX' : expected >= 400 ? '4XX' : String(expected);
    const response = operation!.responses[key];
    expect(response, `${route} documents ${key}`).toBeDefined();
    const contentType = String(res.headers['content-type']).split(';')[0]!;
    const media = response!.content?.[contentType];
    expect(media, `${route} documents ${key} as ${contentType}`).toBeDefined();
    const validate = validator(media!.schema);
    const bodies =
      contentType === 'application/x-ndjson'
        ? res.text
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line) as unknown)
        : [res.body];
    for (const body of bodies) expect(validate(body), `${route} ${key}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    if (expected < 400) checked.add(`${method} ${path}`);
    return res;
  };
  return { check, checked };
}

describe('GET /api/openapi.json', () => {
  it('lists every route the app declares, each with a summary, who may call it and its success response', async () => {
    const admin = await signedIn(ctx, 'admin');
    const document = await served(admin.agent);
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const declared = declaredRoutes(ctx.app).map((route) => toTemplate(route.replace(/^(\w+) /, '$1 /api')));
    expect({ missing: declared.filter((route) => !documented.includes(route)), extra: documented.filter((route) => !declared.includes(route)) }).toEqual({
      missing: [],
      extra: [],
    });
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.summary.length, `${method} ${path}`).toBeGreaterThan(5);
        expect(operation['x-access'].length, `${method} ${path}`).toBeGreaterThan(3);
        const success = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
        expect(success, `${method} ${path}`).toHaveLength(1);
        expect(operation.responses[success[0]!]!.content?.['application/json'], `${method} ${path}`).toBeDefined();
        // Every path parameter of the template is described.
        const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(names);
      }
    }
    expect(document.paths['/api/health']!.get!.security).toEqual([]);
    expect(document.paths['/api/projects']!.get!.security).toEqual([{ session: [] }]);
  });

  it('needs a session', async () => {
    const res = await (await import('supertest')).default(ctx.app).get('/api/openapi.json').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('matches every answer of a journey through every route', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const { a: ann1, b: ann2, reviewer } = await addTeam(ctx, project);
    const document = await served(admin.agent);
    const { check, checked } = checker(document);
    const P = project.id;

    check(await admin.agent.get('/api/health'), 'GET /health', 200);
    check(await admin.agent.get('/api/openapi.json'), 'GET /openapi.json', 200);
    check(await admin.agent.get('/api/session'), 'GET /session', 200);
    check(await admin.agent.get('/api/users'), 'GET /users', 200);
    const created = check(
      await admin.agent.post('/api/users').send({ username: 'newcomer', password: 'a long password', role: 'annotator' }),
      'POST /users',
      201,
    );
    check(await admin.agent.patch(`/api/users/${created.body.id}`).send({ role: 'reviewer' }), 'PATCH /users/:userId', 200);
    check(await admin.agent.post('/api/users').send({ username: 'newcomer', password: 'a long password', role: 'annotator' }), 'POST /users', 409);

    check(await admin.agent.get('/api/projects'), 'GET /projects', 200);
    const other = check(await admin.agent.post('/api/projects').send({ name: 'Another' }), 'POST /projects', 201);
    check(await admin.agent.get(`/api/projects/${P}`), 'GET /projects/:projectId', 200);
    check(await admin.agent.patch(`/api/projects/${other.body.id}`).send({ codebook: 'Be careful.' }), 'PATCH /projects/:projectId', 200);
    check(await admin.agent.post(`/api/projects/${other.body.id}/members`).send({ userId: created.body.id }), 'POST /projects/:projectId/members', 201);
    check(await admin.agent.get(`/api/projects/${other.body.id}/members`), 'GET /projects/:projectId/members', 200);
    check(await admin.agent.delete(`/api/projects/${other.body.id}/members/${created.body.id}`), 'DELETE /projects/:projectId/members/:userId', 200);

    check(await ann1.agent.get(`/api/projects/${P}/actors`), 'GET /projects/:projectId/actors', 200);
    check(await reviewer.agent.get(`/api/projects/${P}/actors?counts=1`), 'GET /projects/:projectId/actors', 200);
    const proposed = check(await ann1.agent.post(`/api/projects/${P}/actors`).send({ name: 'Iran', kind: 'state' }), 'POST /projects/:projectId/actors', 201);
    check(await admin.agent.patch(`/api/actors/${proposed.body.id}`).send({ status: 'accepted' }), 'PATCH /actors/:actorId', 200);
    const spare = check(await admin.agent.post(`/api/projects/${P}/actors`).send({ name: 'Spare', kind: 'issue' }), 'POST /projects/:projectId/actors', 201);
    check(await admin.agent.delete(`/api/actors/${spare.body.id}`), 'DELETE /actors/:actorId', 200);
    const duplicate = check(
      await admin.agent.post(`/api/projects/${P}/actors`).send({ name: 'Tehran', kind: 'state' }),
      'POST /projects/:projectId/actors',
      201,
    );
    check(await admin.agent.post(`/api/actors/${duplicate.body.id}/merge`).send({ intoId: proposed.body.id }), 'POST /actors/:actorId/merge', 200);

    const doc = await importDocument(admin.agent, P);
    check(
      await admin.agent.post(`/api/projects/${P}/documents`).send({ text: 'A second article. It has two sentences.' }),
      'POST /projects/:projectId/documents',
      201,
    );
    check(
      await admin.agent.post(`/api/projects/${P}/imports`).send({ fileName: 'lines.jsonl', content: '{"text":"A third one. Short."}\n{"text":""}\n' }),
      'POST /projects/:projectId/imports',
      201,
    );
    const docs = check(await ann1.agent.get(`/api/projects/${P}/documents`), 'GET /projects/:projectId/documents', 200);
    check(await reviewer.agent.get(`/api/projects/${P}/documents?q=article&status=unassigned&sort=title&limit=1`), 'GET /projects/:projectId/documents', 200);
    check(await ann1.agent.get(`/api/projects/${P}/documents?status=complete`), 'GET /projects/:projectId/documents', 403);
    check(await ann1.agent.get(`/api/projects/${P}/documents?cursor=bad`), 'GET /projects/:projectId/documents', 400);
    check(await reviewer.agent.get(`/api/projects/${P}/documents/figures`), 'GET /projects/:projectId/documents/figures', 200);
    check(await ann1.agent.get(`/api/projects/${P}/documents/figures`), 'GET /projects/:projectId/documents/figures', 200);
    const spareDoc = docs.body.documents.find((d: { id: number }) => d.id !== doc.id);
    const detail = check(await admin.agent.get(`/api/documents/${spareDoc.id}`), 'GET /documents/:documentId', 200);
    const [first] = detail.body.sentences;
    check(await reviewer.agent.patch(`/api/sentences/${first.id}`).send({ boilerplate: true }), 'PATCH /sentences/:sentenceId', 200);
    const merged = check(await reviewer.agent.post(`/api/sentences/${first.id}/merge`).send({}), 'POST /sentences/:sentenceId/merge', 200);
    const whole = merged.body.sentences[0];
    check(await reviewer.agent.post(`/api/sentences/${whole.id}/split`).send({ at: whole.start + 18 }), 'POST /sentences/:sentenceId/split', 200);

    check(await ann1.agent.get(`/api/projects/${P}/queue`), 'GET /projects/:projectId/queue', 200);
    check(await ann1.agent.post(`/api/projects/${P}/queue/next`).send({}), 'POST /projects/:projectId/queue/next', 200);
    check(
      await admin.agent.post(`/api/projects/${P}/assignments`).send({ documentId: doc.id, userId: ann2.userId }),
      'POST /projects/:projectId/assignments',
      201,
    );
    check(await reviewer.agent.get(`/api/projects/${P}/assignments`), 'GET /projects/:projectId/assignments', 200);
    check(
      await admin.agent.post(`/api/projects/${P}/assignments/next`).send({ userId: ann2.userId, count: 1 }),
      'POST /projects/:projectId/assignments/next',
      200,
    );
    check(
      await admin.agent.delete(`/api/projects/${P}/assignments/${doc.id}/${ann2.userId}`),
      'DELETE /projects/:projectId/assignments/:documentId/:userId',
      200,
    );

    const [s1, s2] = doc.sentences;
    const claim = (stance: string) => ({ speaker: { actorId: actors.China!.id }, stance, target: { actorId: actors.Israel!.id } });
    check(
      await ann1.agent.put(`/api/sentences/${s1!.id}/annotation`).send({ status: 'claims', claims: [claim('condemn')] }),
      'PUT /sentences/:sentenceId/annotation',
      200,
    );
    check(
      await ann2.agent.put(`/api/sentences/${s1!.id}/annotation`).send({ status: 'claims', claims: [claim('support')] }),
      'PUT /sentences/:sentenceId/annotation',
      200,
    );
    const stale = await ann2.agent.put(`/api/sentences/${s1!.id}/annotation`).send({ status: 'no_claim', claims: [], baseVersion: 0 });
    check(stale, 'PUT /sentences/:sentenceId/annotation', 409);
    for (const ann of [ann1, ann2]) {
      check(await ann.agent.put(`/api/sentences/${s2!.id}/annotation`).send({ status: 'no_claim', claims: [] }), 'PUT /sentences/:sentenceId/annotation', 200);
    }
    check(await ann1.agent.get(`/api/documents/${doc.id}/annotations?annotator=me`), 'GET /documents/:documentId/annotations', 200);
    check(await reviewer.agent.get(`/api/documents/${doc.id}/annotations?annotator=${ann1.userId}`), 'GET /documents/:documentId/annotations', 200);
    check(
      await admin.agent.post(`/api/projects/${P}/predictions`).send({ model: 'm/1', records: [{ id: `${doc.textSha256.slice(0, 12)}:0`, claims: [] }] }),
      'POST /projects/:projectId/predictions',
      200,
    );
    check(await ann1.agent.get(`/api/documents/${doc.id}/suggestions`), 'GET /documents/:documentId/suggestions', 200);
    // A model backend in this process (tests/api/model-backend.test.ts runs the example as its own server).
    const backend = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ model: 'backend/1', records: [] })));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = backend.address() as AddressInfo;
      await admin.agent
        .patch(`/api/projects/${P}`)
        .send({ modelBackend: { url: `http://127.0.0.1:${port}/` } })
        .expect(200);
      check(await ann1.agent.post(`/api/documents/${doc.id}/predict`), 'POST /documents/:documentId/predict', 200);
      await admin.agent
        .patch(`/api/projects/${P}`)
        .send({ modelBackend: { url: `http://127.0.0.1:${port}/missing`, timeoutSeconds: 1 } })
        .expect(200);
      backend.close();
      check(await ann1.agent.post(`/api/documents/${doc.id}/predict`), 'POST /documents/:documentId/predict', 502);
    } finally {
      backend.close();
    }
    const undo = await ann1.agent.put(`/api/sentences/${doc.sentences[3]!.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    check(
      await ann1.agent.delete(`/api/sentences/${doc.sentences[3]!.id}/annotation?baseVersion=${undo.body.version}`),
      'DELETE /sentences/:sentenceId/annotation',
      200,
    );
    check(await reviewer.agent.get(`/api/sentences/${s1!.id}/history`), 'GET /sentences/:sentenceId/history', 200);

    check(await reviewer.agent.get(`/api/projects/${P}/agreement`), 'GET /projects/:projectId/agreement', 200);
    check(await reviewer.agent.get(`/api/projects/${P}/agreement/sources`), 'GET /projects/:projectId/agreement/sources', 200);
    check(await reviewer.agent.get(`/api/projects/${P}/disagreements?resolved=1`), 'GET /projects/:projectId/disagreements', 200);
    check(await reviewer.agent.post(`/api/projects/${P}/gold/unanimous`).send({ apply: false }), 'POST /projects/:projectId/gold/unanimous', 200);
    check(await reviewer.agent.post(`/api/projects/${P}/gold/unanimous`).send({ apply: true }), 'POST /projects/:projectId/gold/unanimous', 200);
    check(
      await reviewer.agent
        .put(`/api/sentences/${s1!.id}/gold`)
        .send({ status: 'claims', claims: [claim('condemn')], method: 'accepted', sourceAnnotators: [ann1.userId], rationale: 'The verb.' }),
      'PUT /sentences/:sentenceId/gold',
      200,
    );
    check(await reviewer.agent.get(`/api/documents/${doc.id}/gold`), 'GET /documents/:documentId/gold', 200);
    check(await ann1.agent.get(`/api/documents/${doc.id}/gold`), 'GET /documents/:documentId/gold', 403);

    check(await reviewer.agent.get(`/api/projects/${P}/export?count=1`), 'GET /projects/:projectId/export', 200);
    check(await reviewer.agent.get(`/api/projects/${P}/export?text=1&split=80,10,10`), 'GET /projects/:projectId/export', 200);
    check(await reviewer.agent.get(`/api/projects/${P}/export?flat=1&gold=only`), 'GET /projects/:projectId/export', 200);
    check(await reviewer.agent.get(`/api/projects/${P}/export?count=1&limit=3`), 'GET /projects/:projectId/export', 400);
    check(await reviewer.agent.get('/api/schema/export-record.json'), 'GET /schema/export-record.json', 200);

    check(await admin.agent.delete('/api/session'), 'DELETE /session', 200);
    check(await admin.agent.get('/api/projects'), 'GET /projects', 401);
    check(await admin.agent.post('/api/session').send({ username: admin.username, password: 'correct horse battery' }), 'POST /session', 200);

    const declared = declaredRoutes(ctx.app);
    expect(declared.filter((route) => !checked.has(route))).toEqual([]);
  });
});
