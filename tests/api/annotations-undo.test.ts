import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { History } from '../../shared/schemas/events.ts';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

/** The label events of a sentence, as its history (read by a reviewer or admin) shows them. */
const labelEvents = async (agent: Agent, sentenceId: number) =>
  History.parse((await agent.get(`/api/sentences/${sentenceId}/history`).expect(200)).body).events.filter((e) => e.entity === 'annotation');

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
    expect((await labelEvents(admin.agent, doc.sentences[0]!.id)).map((e) => e.action)).toEqual(['create', 'delete']);

    // Labelling again starts from "no label" (base version 0), and the version count goes on.
    const again = await annotator.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);
    expect(again.body.version).toBe(2);
  });

  it('never reuses a version: a stale tab that saw version 1 gets 409 after an undo and a new label', async () => {
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    const annotator = await signedIn(ctx, 'annotator', { project });
    const url = `/api/sentences/${doc.sentences[0]!.id}/annotation`;
    const first = await annotator.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);
    expect(first.body.version).toBe(1);
    // Another tab still shows version 1. This one takes the label back, then labels the sentence anew.
    await annotator.agent.delete(`${url}?baseVersion=1`).expect(200);
    // While no label exists, the stale tab's save is refused too: it would revive a label taken back.
    const whileGone = await annotator.agent.put(url).send({ status: 'skipped', claims: [], note: 'stale tab', baseVersion: 1 }).expect(409);
    expect(whileGone.body.error.current).toBeNull();
    const redo = await annotator.agent.put(url).send({ status: 'skipped', claims: [], note: 'unclear', baseVersion: 0 }).expect(200);
    expect(redo.body.version).toBe(2);

    const stale = await annotator.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 1 }).expect(409);
    expect(stale.body.error.current).toMatchObject({ status: 'skipped', note: 'unclear', version: 2 });
    await annotator.agent.delete(`${url}?baseVersion=1`).expect(409);

    // Undo and redo again: the count keeps going, and the label is the one saved last.
    await annotator.agent.delete(`${url}?baseVersion=2`).expect(200);
    const third = await annotator.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);
    expect(third.body.version).toBe(3);
    const read = await annotator.agent.get(`/api/documents/${doc.id}/annotations`).expect(200);
    expect(read.body.annotations).toMatchObject([{ status: 'no_claim', version: 3 }]);
    // Another annotator's count is their own.
    const other = await signedIn(ctx, 'annotator', { project });
    const theirs = await other.agent.put(url).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);
    expect(theirs.body.version).toBe(1);
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
    await stranger.agent.delete(`${url}?baseVersion=0`).expect(404);
  });
});
