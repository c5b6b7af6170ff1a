import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, makeContext, makeProject, signedIn, type TestContext } from '../support/api.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

const events = (c: TestContext) =>
  c.db.prepare("SELECT action FROM events WHERE entity = 'annotation' ORDER BY id").all() as { action: string }[];

describe('taking a label back (the workspace undo of a first label)', () => {
  it('deletes my label on the current version, audits it, and 409s on a stale one', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    const annotator = await signedIn(ctx, 'annotator', { project });
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    await annotator.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);

    const stale = await annotator.agent.delete(`${url}?baseVersion=3`).expect(409);
    expect(stale.body.error.current).toMatchObject({ status: 'no_claim', version: 1 });

    await annotator.agent.delete(`${url}?baseVersion=1`).expect(200);
    const read = await annotator.agent.get(`/api/documents/${doc.id}/annotations`).expect(200);
    expect(read.body.annotations).toEqual([]);
    expect(events(ctx).map((e) => e.action)).toEqual(['create', 'delete']);

    // Labelling again starts from version 0.
    await annotator.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);
  });

  it('rejects a missing base version and strangers', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    const annotator = await signedIn(ctx, 'annotator', { project });
    const missing = await annotator.agent.delete(url).expect(400);
    expect(missing.body.error.code).toBe('validation_error');
    const stranger = await signedIn(ctx, 'annotator');
    await stranger.agent.delete(`${url}?baseVersion=0`).expect(403);
  });
});
