// Text that is not well-formed UTF-16 (half an emoji) is refused with the field and the position,
// whether it comes as a JSON escape, as raw bytes that are not UTF-8, or inside a JSONL file.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { eventCount, exportRecords } from '../support/inspect.ts';
import { ActorList } from '../../shared/schemas/actors.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { ProjectList } from '../../shared/schemas/projects.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const HIGH = '\ud83d'; // the first half of 😀 (\ud83d\ude00)
const documentsOf = async (admin: Agent, projectId: number) =>
  DocumentList.parse((await admin.get(`/api/projects/${projectId}/documents`).expect(200)).body).documents;

/**
 * Everything the refused requests could have written, as an admin reads it: the projects, the
 * project's actors and documents, its export (labels, claims and gold), and the number of audit events.
 */
async function snapshot(admin: Agent, projectId: number) {
  return {
    projects: ProjectList.parse((await admin.get('/api/projects').expect(200)).body).projects,
    actors: ActorList.parse((await admin.get(`/api/projects/${projectId}/actors`).expect(200)).body).actors,
    documents: await documentsOf(admin, projectId),
    records: (await exportRecords(admin, projectId)).map(({ provenance: { exported_at: _at, ...provenance }, ...record }) => ({ ...record, provenance })),
    events: eventCount(ctx.db),
  };
}

/** Expects a 400 validation error whose one issue names `path` and the position `position`. */
function expectRefused(
  res: { status: number; body: { error: { code: string; message: string; issues?: { path: string; message: string }[] } } },
  path: string,
  position: number,
) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_error');
  expect(res.body.error.issues?.[0]?.path).toBe(path);
  expect(res.body.error.issues?.[0]?.message).toContain(`position ${position} `);
  expect(res.body.error.message).toContain(`${path}: `);
  expect(res.body.error.message).toMatch(/lone surrogate|NUL character/);
}

/** Sends raw bytes as a JSON body (what a client that encodes a lone surrogate as UTF-8 bytes sends). */
const sendBytes = (agent: Agent, method: 'post' | 'put', url: string, bytes: Buffer) =>
  // Serialised as they are: supertest would otherwise turn a Buffer into {"type":"Buffer","data":[…]}.
  agent[method](url)
    .set('Content-Type', 'application/json')
    .serialize(() => bytes as unknown as string)
    .send({});

describe('well-formed text', () => {
  it('refuses a lone surrogate in any string of a JSON body, naming the path and position, writing nothing', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const annotator = await signedIn(ctx, 'annotator', { project });
    const doc = await importDocument(admin.agent, project.id);
    const sentence = `/api/sentences/${doc.sentences[0]!.id}`;
    const claim = { speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } };
    const before = await snapshot(admin.agent, project.id);

    const cases: [Agent, 'post' | 'put' | 'patch', string, object, string, number][] = [
      [admin.agent, 'post', `/api/projects/${project.id}/documents`, { title: 'T', text: `Smile ${HIGH} please.` }, 'text', 6],
      [
        admin.agent,
        'post',
        `/api/projects/${project.id}/documents`,
        { documents: [{ text: 'One.' }, { text: 'Two.' }, { text: 'Three.' }, { title: `Cut ${HIGH}`, text: 'Four.' }] },
        'documents.3.title',
        4,
      ],
      [admin.agent, 'post', `/api/projects/${project.id}/documents`, { text: 'Fine.', meta: { [`k${HIGH}`]: 1 } }, `meta.k${HIGH}`, 1],
      [annotator.agent, 'put', `${sentence}/annotation`, { status: 'skipped', claims: [], note: `why ${HIGH}` }, 'note', 4],
      [annotator.agent, 'put', `${sentence}/annotation`, { status: 'claims', claims: [claim, { ...claim, stance: `x\ude00` }] }, 'claims.1.stance', 1],
      [reviewer.agent, 'put', `${sentence}/gold`, { status: 'no_claim', claims: [], method: 'edited', rationale: `ok 😀 ${HIGH}` }, 'rationale', 6],
      [admin.agent, 'patch', `/api/projects/${project.id}`, { codebook: `# Codebook\n${HIGH}` }, 'codebook', 11],
      [admin.agent, 'post', `/api/projects`, { name: `${HIGH}Project` }, 'name', 0],
      [annotator.agent, 'post', `/api/projects/${project.id}/actors`, { name: `Hamas ${HIGH}`, kind: 'group' }, 'name', 6],
      [admin.agent, 'post', `/api/projects/${project.id}/imports`, { fileName: 'a.txt', content: `Text ${HIGH}.` }, 'content', 5],
      // A NUL is refused the same way: PostgreSQL's text cannot hold it, so no engine stores it.
      [annotator.agent, 'put', `${sentence}/annotation`, { status: 'skipped', claims: [], note: 'cut\u0000here' }, 'note', 3],
      [admin.agent, 'post', `/api/projects/${project.id}/imports`, { fileName: 'b.txt', content: 'Text\u0000 with a NUL.' }, 'content', 4],
    ];
    for (const [agent, method, url, body, path, position] of cases) {
      expectRefused(await agent[method](url).send(body), path, position);
    }
    expect(await snapshot(admin.agent, project.id)).toEqual(before);

    // Whole characters, emoji included, are fine.
    await annotator.agent.put(`${sentence}/annotation`).send({ status: 'skipped', claims: [], note: 'why 😀' }).expect(200);
  });

  it('refuses a body whose bytes are not UTF-8 instead of storing U+FFFD, naming the field when it can', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const url = `/api/projects/${project.id}/documents`;
    // ED A0 BD is U+D83D written as if it were a character (Python's "surrogatepass"): decoding made it three U+FFFD.
    const encodedHalf = Buffer.concat([Buffer.from('{"title":"T","text":"Smile '), Buffer.from([0xed, 0xa0, 0xbd]), Buffer.from(' please."}')]);
    expectRefused(await sendBytes(admin.agent, 'post', url, encodedHalf), 'text', 6);
    // A stray byte inside a string: named the same way.
    const stray = Buffer.concat([Buffer.from('{"documents":[{"text":"ok."},{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}]}')]);
    expectRefused(await sendBytes(admin.agent, 'post', url, stray), 'documents.1.text', 3);
    // Outside any string there is no field to name: the byte offset is given.
    const outside = Buffer.concat([Buffer.from('{"text":"ok."'), Buffer.from([0xff]), Buffer.from('}')]);
    const res = await sendBytes(admin.agent, 'post', url, outside).expect(400);
    expect(res.body.error).toMatchObject({ code: 'validation_error', message: expect.stringMatching(/not UTF-8 \(byte 13, 0xFF/) });
    expect(await documentsOf(admin.agent, project.id)).toEqual([]);
    // A large body (an upload; anyone may send one before signing in) is not decoded in JavaScript
    // to name the field: its first fault is found by native scans and given as a byte offset.
    const prefix = `{"title":"T","text":"${'Doha offered to mediate. '.repeat(4000)}`;
    const large = Buffer.concat([Buffer.from(prefix), Buffer.from([0xed, 0xa0, 0xbd]), Buffer.from('"}')]);
    const big = await sendBytes(admin.agent, 'post', url, large).expect(400);
    expect(big.body.error.message).toMatch(new RegExp(`not UTF-8 \\(byte ${Buffer.byteLength(prefix)}, 0xED`));
    const anonymous = await sendBytes(request(ctx.app) as unknown as Agent, 'post', '/api/session', large).expect(400);
    expect(anonymous.body.error.code).toBe('validation_error');
    expect(await documentsOf(admin.agent, project.id)).toEqual([]);

    // Correct UTF-8 with emoji and accents goes through, and the stored text is exactly what was sent.
    const text = 'Café 😀 – “quoted”.';
    const ok = await sendBytes(admin.agent, 'post', url, Buffer.from(JSON.stringify({ text }))).expect(201);
    const stored = await admin.agent.get(`/api/documents/${ok.body.imported[0].id}`).expect(200);
    expect(DocumentDetail.parse(stored.body).text).toBe(text);
  });

  it('reports a JSONL line whose "\\ud83d" escape is half a character, with its line number, and imports the others', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const content = ['{"text": "Fine line."}', '{"title": "Cut", "text": "Half \\ud83d here."}', '{"text": "Whole \\ud83d\\ude00 here."}'].join('\n');
    const res = await admin.agent.post(`/api/projects/${project.id}/imports`).send({ fileName: 'news.jsonl', content }).expect(201);
    expect(res.body.imported).toHaveLength(2);
    expect(res.body.errors).toEqual([{ line: 2, message: expect.stringMatching(/^news\.jsonl line 2: text: .*position 5 .*lone surrogate/) }]);
    const all = await documentsOf(admin.agent, project.id);
    const texts = await Promise.all(all.map(async (d) => DocumentDetail.parse((await admin.agent.get(`/api/documents/${d.id}`).expect(200)).body).text));
    expect(texts).toEqual(['Fine line.', 'Whole 😀 here.']);
  });
});
