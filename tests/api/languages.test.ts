// The language of each document (issue 17, item 6): detected at import, kept in its metadata, listed
// with the project's documents and written into every export record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { DocumentList, ImportFileResult } from '../../shared/schemas/documents.ts';
import { ExportRecord } from '../../shared/schemas/export.ts';
import { OpenApiDocument } from '../../shared/schemas/openapi.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const CHINESE = '以色列国防军称，已打击加沙的目标。哈马斯谴责了这次袭击！联合国呼吁各方保持克制。';
const ARABIC = 'قال الجيش الإسرائيلي إنه قصف أهدافا في غزة. هل ستتوقف الحرب؟ دعت الأمم المتحدة إلى ضبط النفس.';
const ENGLISH = 'The Israeli military said on Tuesday it had struck targets in Gaza. The United Nations urged restraint.';

describe('the language of a document', () => {
  it('is detected at import and kept in its metadata, beside the metadata the import gave', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const zh = await importDocument(admin.agent, project.id, { title: '中文', text: CHINESE, meta: { outlet: '新华社' } });
    const ar = await importDocument(admin.agent, project.id, { title: 'عربي', text: ARABIC });
    const en = await importDocument(admin.agent, project.id, { title: 'English', text: ENGLISH });
    expect(zh.meta).toEqual({ outlet: '新华社', language: 'zh' });
    expect([zh.language, ar.language, en.language]).toEqual(['zh', 'ar', 'en']);
    expect(ar.meta.language).toBe('ar');
  });

  it('given by the import is kept as given', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id, { text: ENGLISH, meta: { language: 'en-GB' } });
    expect(doc.language).toBe('en-GB');
  });

  it('is detected for files too, and "und" when there is too little text to tell', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const lines = [JSON.stringify({ title: 'a', text: ARABIC }), JSON.stringify({ title: 'b', text: '12:30 — 14:45' })].join('\n');
    const res = await admin.agent.post(`/api/projects/${project.id}/imports`).send({ fileName: 'news.jsonl', content: lines });
    expect(ImportFileResult.parse(res.body).imported).toHaveLength(2);
    const list = DocumentList.parse((await admin.agent.get(`/api/projects/${project.id}/documents`).expect(200)).body);
    expect(list.documents.map((d) => d.language)).toEqual(['ar', 'und']);
  });

  it('is listed with the project’s documents for every member, annotators included', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    await importDocument(admin.agent, project.id, { title: 'zh', text: CHINESE });
    await importDocument(admin.agent, project.id, { title: 'en', text: ENGLISH });
    const annotator = await signedIn(ctx, 'annotator', { project });
    const list = DocumentList.parse((await annotator.agent.get(`/api/projects/${project.id}/documents`).expect(200)).body);
    expect(list.documents.map((d) => [d.title, d.language])).toEqual([
      ['zh', 'zh'],
      ['en', 'en'],
    ]);
  });

  it('is written into each exported record', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const zh = await importDocument(admin.agent, project.id, { title: 'zh', text: CHINESE });
    const ar = await importDocument(admin.agent, project.id, { title: 'ar', text: ARABIC });
    const annotator = await signedIn(ctx, 'annotator', { project });
    for (const sentence of [zh.sentences[0]!, ar.sentences[1]!]) {
      await annotator.agent.put(`/api/sentences/${sentence.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    }
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const body = (await reviewer.agent.get(`/api/projects/${project.id}/export?status=no_claim`).buffer(true).expect(200)).text;
    const records = body
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => ExportRecord.parse(JSON.parse(line)));
    expect(records.map((r) => [r.sentence.text, r.document.language])).toEqual([
      [zh.sentences[0]!.text, 'zh'],
      [ar.sentences[1]!.text, 'ar'],
    ]);
    expect(ar.sentences[1]!.text).toBe('هل ستتوقف الحرب؟');
  });

  it('and the team figures are described in the served OpenAPI document', async () => {
    const admin = await signedIn(ctx, 'admin');
    const document = OpenApiDocument.parse((await admin.agent.get('/api/openapi.json').expect(200)).body);
    const answer = (path: string) => JSON.stringify(document.paths[path]?.get?.responses['200'] ?? null);
    expect(answer('/api/projects/{projectId}/documents')).toMatch(/"language"/);
    expect(answer('/api/documents/{documentId}')).toMatch(/"language"/);
    expect(answer('/api/projects/{projectId}/agreement')).toMatch(/"team"[\s\S]*"medianTimeMs"[\s\S]*"goldKappa"/);
  });
});
