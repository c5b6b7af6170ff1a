// The built-in suggester learns from the adjudicated gold of the project's *other* documents
// (issue 16, item 6): a cue word gold marked in two documents becomes a cue elsewhere, says so in
// its reason, is never learned from the document's own gold, and new gold is seen at the next ask,
// by every server process (a second connection stands for a second process: its own caches).
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDb, type Db } from '../../server/db/connection.ts';
import { importDocument, makeContext, makeProject, signedIn, TEST_PASSWORD, type TestContext } from '../support/api.ts';
import { SuggestionList } from '../../shared/schemas/suggestions.ts';
import type { DocumentDetail } from '../../shared/schemas/documents.ts';

let ctx: TestContext;
let second: Db | undefined;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => {
  second?.close();
  second = undefined;
  ctx.close();
});

describe('suggestions learned from other documents’ gold', () => {
  it('learns a cue word from two other documents, never from the document’s own gold, and follows new gold in another process', async () => {
    const { project, actors } = makeProject(ctx, {
      actors: ['China', 'Russia', 'Egypt', 'Iran', 'Iraq', 'Syria'].map((name) => ({ name })),
    });
    const admin = await signedIn(ctx, 'admin');
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const annotator = await signedIn(ctx, 'annotator', { project });
    const docA = await importDocument(admin.agent, project.id, { title: 'A', text: 'China lauded Iran on Monday.' });
    const docB = await importDocument(admin.agent, project.id, { title: 'B', text: 'Russia lauded Iraq on Tuesday.' });
    const docC = await importDocument(admin.agent, project.id, { title: 'C', text: 'Egypt lauded Syria on Friday.' });

    // A second server process on the same database: its own connection, its own caches.
    second = openDb(ctx.file);
    const otherApp = createApp({ db: second, log: () => {} });
    const otherAgent = request.agent(otherApp);
    await otherAgent.post('/api/session').send({ username: annotator.username, password: TEST_PASSWORD }).expect(200);

    const suggestions = async (agent: typeof otherAgent, doc: DocumentDetail) =>
      SuggestionList.parse((await agent.get(`/api/documents/${doc.id}/suggestions`).expect(200)).body).suggestions;
    const gold = (doc: DocumentDetail, speaker: string, target: string) => {
      const cue = doc.text.indexOf('lauded');
      return reviewer.agent
        .put(`/api/sentences/${doc.sentences[0]!.id}/gold`)
        .send({
          status: 'claims',
          method: 'edited',
          claims: [
            { speaker: { actorId: actors[speaker]!.id }, stance: 'support', target: { actorId: actors[target]!.id }, cue: { start: cue, end: cue + 6 } },
          ],
        })
        .expect(200);
    };

    // "lauded" is no built-in cue: nothing to suggest yet, in either process.
    expect(await suggestions(annotator.agent, docC)).toEqual([]);
    await gold(docA, 'China', 'Iran');
    // One document's gold is not yet a lesson (a cue word needs two documents).
    expect(await suggestions(otherAgent, docC)).toEqual([]);
    await gold(docB, 'Russia', 'Iraq');

    // Asked in the other process, which answered before the new gold: nothing stale.
    const learned = await suggestions(otherAgent, docC);
    expect(learned.map((s) => [s.claim.speaker.actorId, s.claim.stance, s.claim.target.actorId])).toEqual([[actors.Egypt!.id, 'support', actors.Syria!.id]]);
    expect(learned[0]!.reason).toMatch(/learned: gold marked "lauded" as a support cue in 2 claims of 2 other documents/);
    expect(await suggestions(annotator.agent, docC)).toEqual(learned);

    // Blind: A's and B's own gold never teaches their own suggestions; each learns only from the other (one document).
    expect(await suggestions(annotator.agent, docA)).toEqual([]);
    expect(await suggestions(otherAgent, docB)).toEqual([]);

    // Gold on C adds a third document: A now learns from B and C.
    await gold(docC, 'Egypt', 'Syria');
    const forA = await suggestions(otherAgent, docA);
    expect(forA.map((s) => [s.claim.speaker.actorId, s.claim.target.actorId])).toEqual([[actors.China!.id, actors.Iran!.id]]);
    expect(forA[0]!.claim.origin).toBe('suggestion:rules');
  });
});
