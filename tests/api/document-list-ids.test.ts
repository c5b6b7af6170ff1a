// The documents list filtered by ids: how a page that keeps documents' ids in its URL (the export
// page's picked documents) gets their titles back after a reload.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';
import { DocumentList } from '../../shared/schemas/documents.ts';
import { ErrorBody } from '../../shared/schemas/common.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

describe('documents list: ids', () => {
  it('answers only the named documents of the project, with the other filters and the count; bad ids are a 400', async () => {
    const { project } = makeProject(ctx);
    const { project: other } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const annotator = await signedIn(ctx, 'annotator', { project });
    const ids: number[] = [];
    for (const title of ['Gaza talks', 'Kyiv talks', 'Cairo summit'])
      ids.push((await importDocument(admin.agent, project.id, { title, text: `${title} began today.` })).id);
    const elsewhere = (await importDocument(admin.agent, other.id, { title: 'Elsewhere', text: 'Another project.' })).id;

    const list = async (query: string) => DocumentList.parse((await annotator.agent.get(`/api/projects/${project.id}/documents?${query}`).expect(200)).body);
    // Another project's document and an id of no document are left out, as a repeated id is counted once.
    const picked = await list(`ids=${ids[2]},${ids[0]},${elsewhere},999999,${ids[0]}&sort=title`);
    expect(picked.documents.map((doc) => doc.title)).toEqual(['Cairo summit', 'Gaza talks']);
    expect(picked.total).toBe(2);
    expect(picked.nextCursor).toBeNull();
    expect((await list(`ids=${ids.join(',')}&q=talks`)).documents.map((doc) => doc.title)).toEqual(['Gaza talks', 'Kyiv talks']);
    expect((await list(`ids=${ids[1]}&mine=todo`)).total).toBe(1);

    for (const bad of ['3,,4', 'abc', '0', '-1', Array.from({ length: 201 }, (_, i) => i + 1).join(',')]) {
      const res = await annotator.agent.get(`/api/projects/${project.id}/documents?ids=${bad}`).expect(400);
      expect(ErrorBody.parse(res.body).error.message).toMatch(/ids/);
    }
  });
});
