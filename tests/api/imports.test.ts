import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { auditLog } from '../support/inspect.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const html = readFileSync(new URL('../fixtures/news-article.html', import.meta.url), 'utf8');

describe('importing files', () => {
  it('imports plain text, Markdown, JSONL and HTML files, each reported per document', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const url = `/api/projects/${project.id}/imports`;

    const txt = await agent.post(url).send({ fileName: 'a.txt', content: 'China Backs Talks\n\nBeijing urged dialogue. Moscow agreed.' }).expect(201);
    expect(txt.body).toMatchObject({ fileName: 'a.txt', format: 'txt', duplicates: [], errors: [] });
    expect(txt.body.imported[0]).toMatchObject({ title: 'China Backs Talks', sentences: 3 });

    const md = await agent.post(url).send({ fileName: 'b.md', content: '# Gulf Mediation\n\nQatar **offered** to [mediate](http://x).' }).expect(201);
    expect(md.body.imported[0].title).toBe('Gulf Mediation');
    const mdDoc = await agent.get(`/api/documents/${md.body.imported[0].id}`).expect(200);
    expect(mdDoc.body.text).toContain('Qatar offered to mediate.');

    const jsonl = await agent
      .post(url)
      .send({ fileName: 'c.jsonl', firstLine: 101, content: '{"text":"First doc."}\n{"text":7}\n{"title":"T","text":"Third doc.","published":"2024-02-05"}' })
      .expect(201);
    expect(jsonl.body.imported).toHaveLength(2);
    expect(jsonl.body.errors).toEqual([{ line: 102, message: expect.stringMatching(/c\.jsonl line 102: text/) }]);

    const page = await agent.post(url).send({ fileName: 'd.html', content: html }).expect(201);
    const pageDoc = await agent.get(`/api/documents/${page.body.imported[0].id}`).expect(200);
    expect(pageDoc.body.text).not.toMatch(/<script|alert\(/);
    expect(pageDoc.body.title.length).toBeGreaterThan(5);
  });

  it('reports a duplicate file instead of importing it twice', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const url = `/api/projects/${project.id}/imports`;
    const first = await agent.post(url).send({ fileName: 'a.txt', content: 'Same text. Twice.' }).expect(201);
    const second = await agent.post(url).send({ fileName: 'copy.txt', content: 'Same text. Twice.' }).expect(201);
    expect(second.body.imported).toEqual([]);
    expect(second.body.duplicates).toEqual([{ index: 0, title: expect.any(String), existingId: first.body.imported[0].id }]);
  });

  it('refuses unsupported and empty files with a message naming the file', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const url = `/api/projects/${project.id}/imports`;
    const pdf = await agent.post(url).send({ fileName: 'report.pdf', content: '%PDF' }).expect(400);
    expect(pdf.body.error.message).toMatch(/report\.pdf: unsupported file type/);
    const nothing = await agent.post(url).send({ fileName: 'empty.html', content: '<html><body><nav>Home</nav></body></html>' }).expect(400);
    expect(nothing.body.error.message).toMatch(/empty\.html/);
    const allBad = await agent.post(url).send({ fileName: 'bad.jsonl', content: 'not json\n{"text": 1}' }).expect(400);
    expect(allBad.body.error.issues).toHaveLength(2);
    const list = await agent.get(`/api/projects/${project.id}/documents`).expect(200);
    expect(list.body.documents).toEqual([]);
  });

  it('refuses an empty or whitespace-only file, JSONL line or text with a message saying so, and writes no document', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'admin');
    const url = `/api/projects/${project.id}/imports`;
    const refused = async (fileName: string, content: string, message: RegExp) => {
      const res = await agent.post(url).send({ fileName, content }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'validation_error', message: expect.stringMatching(message) });
    };
    await refused('a.txt', '', /^a\.txt is empty: there is no text to import/);
    await refused('bom.txt', '\uFEFF', /^bom\.txt is empty/);
    await refused('b.txt', ' \n\t\r\n  \n', /^b\.txt holds only whitespace/);
    await refused('c.md', '\n\n', /^c\.md holds only whitespace/);
    await refused('front.md', '---\ntitle: Only metadata\n---\n\n[ref]: http://example.org\n', /^front\.md holds no text once its Markdown markup is removed/);
    await refused('d.html', '', /^d\.html is empty/);
    await refused('e.jsonl', '', /^e\.jsonl is empty/);
    await refused('f.jsonl', '\n  \n', /^f\.jsonl holds only whitespace/);

    // JSONL: a line whose text is empty or blank is reported with its number; the other lines import.
    const mixed = await agent
      .post(url)
      .send({ fileName: 'g.jsonl', content: '{"text":"A real document."}\n{"text":"   "}\n{"title":"T","text":""}' })
      .expect(201);
    expect(mixed.body.imported).toHaveLength(1);
    expect(mixed.body.errors).toEqual([
      { line: 2, message: expect.stringMatching(/^g\.jsonl line 2: text: must contain some non-whitespace text/) },
      { line: 3, message: expect.stringMatching(/^g\.jsonl line 3: text: must contain some non-whitespace text/) },
    ]);

    // The JSON route refuses blank text the same way.
    const blank = await agent.post(`/api/projects/${project.id}/documents`).send({ title: 'Blank', text: ' \n ' }).expect(400);
    expect(blank.body.error.message).toMatch(/text: must contain some non-whitespace text/);

    const { documents } = DocumentList.parse((await agent.get(`/api/projects/${project.id}/documents`).expect(200)).body);
    expect(documents.map((d) => d.title)).toEqual(['g.jsonl']);
    // No document without sentences was left behind by a refused file or line.
    expect(documents.filter((d) => d.sentenceCount === 0)).toEqual([]);
    expect(auditLog(ctx.db, { entity: 'document' })).toHaveLength(1);
  });

  it('tells the client the upload limit it enforces: a body of exactly that many bytes is read, one more is 413', async () => {
    const small = makeContext({ uploadLimitMb: 0.05 });
    try {
      const { project } = makeProject(small);
      const { agent } = await signedIn(small, 'admin');
      const limit = Math.floor(0.05 * 1024 * 1024);
      const session = await agent.get('/api/session').expect(200);
      expect(session.body.limits).toEqual({ uploadBytes: limit });

      const body = (bytes: number) => {
        const shell = JSON.stringify({ fileName: 'big.txt', content: '' });
        return JSON.stringify({ fileName: 'big.txt', content: 'a'.repeat(bytes - Buffer.byteLength(shell)) });
      };
      const url = `/api/projects/${project.id}/imports`;
      const atLimit = await agent.post(url).set('Content-Type', 'application/json').send(body(limit));
      expect(atLimit.status).toBe(201);
      const over = await agent
        .post(url)
        .set('Content-Type', 'application/json')
        .send(body(limit + 1))
        .expect(413);
      expect(over.body.error.code).toBe('payload_too_large');
    } finally {
      small.close();
    }
    // The default is PARLEY_UPLOAD_MB's: 10 MB.
    const { agent } = await signedIn(ctx, 'annotator');
    expect((await agent.get('/api/session').expect(200)).body.limits).toEqual({ uploadBytes: 10 * 1024 * 1024 });
  });

  it('is for admins only', async () => {
    const { project } = makeProject(ctx);
    const { agent } = await signedIn(ctx, 'reviewer', { project });
    await agent.post(`/api/projects/${project.id}/imports`).send({ fileName: 'a.txt', content: 'Text.' }).expect(403);
  });
});

describe('correcting sentences', () => {
  const TEXT = 'First sentence. Second one here.\n\nNew paragraph starts. And ends.';

  it('a reviewer toggles boilerplate and merges with the next sentence, audited', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, TEXT);
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const first = doc.sentences[0]!;

    const flagged = await reviewer.agent.patch(`/api/sentences/${first.id}`).send({ boilerplate: true }).expect(200);
    expect(flagged.body).toMatchObject({ id: first.id, boilerplate: true });

    const merged = DocumentDetail.parse((await reviewer.agent.post(`/api/sentences/${first.id}/merge`).send({}).expect(200)).body);
    expect(merged.sentences.map((s) => s.text)).toEqual(['First sentence. Second one here.', 'New paragraph starts.', 'And ends.']);
    expect(merged.sentences.map((s) => s.index)).toEqual([0, 1, 2]);

    expect(auditLog(ctx.db, { entity: 'sentence' }).map((event) => event.action)).toEqual(['update', 'merge']);
  });

  it('merge refuses to cross a paragraph; split needs text on both sides', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, TEXT);
    const second = doc.sentences[1]!;
    const res = await admin.agent.post(`/api/sentences/${second.id}/merge`).send({}).expect(400);
    expect(res.body.error.message).toMatch(/paragraph/);

    const cut = doc.text.indexOf(' one here');
    const split = DocumentDetail.parse((await admin.agent.post(`/api/sentences/${second.id}/split`).send({ at: cut }).expect(200)).body);
    expect(split.sentences.map((s) => s.text)).toEqual(['First sentence.', 'Second', 'one here.', 'New paragraph starts.', 'And ends.']);
    for (const s of split.sentences) expect(split.text.slice(s.start, s.end)).toBe(s.text);
    const edge = await admin.agent.post(`/api/sentences/${second.id}/split`).send({ at: second.start }).expect(400);
    expect(edge.body.error.issues[0].path).toBe('at');
  });

  it('refuses boundary changes with 409 once the document has labels; annotators cannot correct', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, TEXT);
    const annotator = await signedIn(ctx, 'annotator', { project });
    await annotator.agent.patch(`/api/sentences/${doc.sentences[0]!.id}`).send({ boilerplate: true }).expect(403);
    await annotator.agent
      .put(`/api/sentences/${doc.sentences[0]!.id}/annotation`)
      .send({ status: 'claims', claims: [{ speaker: { actorId: actors.China!.id }, stance: 'support', target: { actorId: actors.Russia!.id } }] })
      .expect(200);
    const merge = await admin.agent.post(`/api/sentences/${doc.sentences[0]!.id}/merge`).send({}).expect(409);
    expect(merge.body.error.message).toMatch(/already has 1 annotation.*labels are tied to sentences/);
    await admin.agent.post(`/api/sentences/${doc.sentences[0]!.id}/split`).send({ at: 5 }).expect(409);
    await admin.agent.patch(`/api/sentences/${doc.sentences[0]!.id}`).send({ boilerplate: true }).expect(200);
  });

  it('a gold label alone also fixes the boundaries: no merge deletes it, no split cuts it', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, TEXT);
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    await reviewer.agent.put(`/api/sentences/${doc.sentences[1]!.id}/gold`).send({ status: 'no_claim', claims: [], method: 'edited' }).expect(200);
    const merge = await admin.agent.post(`/api/sentences/${doc.sentences[0]!.id}/merge`).send({}).expect(409);
    expect(merge.body.error.message).toMatch(/gold label/);
    await admin.agent
      .post(`/api/sentences/${doc.sentences[1]!.id}/split`)
      .send({ at: doc.sentences[1]!.start + 3 })
      .expect(409);
    const gold = await reviewer.agent.get(`/api/documents/${doc.id}/gold`).expect(200);
    expect(gold.body.gold).toHaveLength(1);
  });

  it('never splits inside an emoji', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, 'Crowds 😀 cheered the envoy and left.');
    const at = doc.text.indexOf('😀') + 1;
    const res = await admin.agent.post(`/api/sentences/${doc.sentences[0]!.id}/split`).send({ at }).expect(400);
    expect(res.body.error.issues[0]).toEqual({ path: 'at', message: 'must not fall inside a character' });
  });
});
