// Two annotators read one claim of a sentence with different speakers (China, the author/outlet):
// review shows it as one claim whose speaker differs, side by side, and the reviewer takes one
// reading into gold (shared/claimMatching.ts reviewUnits).
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiClient, signedInPage, useServerAndBrowser, type ApiClient } from '../support/e2e.ts';
import { User } from '../../shared/schemas/users.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { DocumentDetail, DocumentList } from '../../shared/schemas/documents.ts';
import { Actor, ActorList } from '../../shared/schemas/actors.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { GoldList } from '../../shared/schemas/review.ts';
import { AUTHOR_ACTOR } from '../../shared/authorActor.ts';

const app = useServerAndBrowser();
const ARTICLE = 'Xi and Putin Align Against Israel Amid U.S. Deliberations on Iran Conflict';

let admin: ApiClient;
let docId: number;
let sentenceId: number;
let chinaId: number;
let authorId: number;

beforeAll(async () => {
  admin = await apiClient(app.server.url, 'admin', ADMIN_PASSWORD);
  for (const [username, role] of [
    ['ann-one', 'annotator'],
    ['ann-two', 'annotator'],
    ['rev', 'reviewer'],
  ] as const) {
    const user = await admin.post('/users', User, { username, password: `${username}-password`, role });
    await admin.post('/projects/1/members', MemberList, { userId: user.id });
  }
  const { documents } = await admin.get('/projects/1/documents', DocumentList);
  docId = documents.find((d) => d.title === ARTICLE)!.id;
  sentenceId = (await admin.get(`/documents/${docId}`, DocumentDetail)).sentences.find((s) => s.index === 7)!.id;
  const { actors } = await admin.get('/projects/1/actors', ActorList);
  chinaId = actors.find((a) => a.name === 'China')!.id;
  const israel = { actorId: actors.find((a) => a.name === 'Israel')!.id };
  authorId = (await admin.post('/projects/1/actors', Actor, AUTHOR_ACTOR)).id;
  const one = await apiClient(app.server.url, 'ann-one', 'ann-one-password');
  const two = await apiClient(app.server.url, 'ann-two', 'ann-two-password');
  await one.put(`/sentences/${sentenceId}/annotation`, Annotation, {
    status: 'claims',
    claims: [{ speaker: { actorId: chinaId }, stance: 'condemn', target: israel }],
  });
  await two.put(`/sentences/${sentenceId}/annotation`, Annotation, {
    status: 'claims',
    claims: [{ speaker: { actorId: authorId }, stance: 'condemn', target: israel }],
  });
});

describe('claims that differ only in speaker', () => {
  it('are one claim in review, speakers side by side, and the one accepted is gold', async () => {
    const page = await signedInPage(app.browser, app.server.url, 'rev', 'rev-password');
    await page.goto(`${app.server.url}/projects/1/review`);
    const panel = page.getByRole('region', { name: /sentence 8/ });
    await expect.poll(() => panel.getByRole('row', { name: /speaker/ }).count()).toBe(1);

    // One claim unit, not two: only its speaker is marked, China beside the author/outlet.
    expect(await panel.getByRole('rowheader', { name: /^Claim \d/ }).allInnerTexts()).toEqual(['Claim 1']);
    const marked = panel.getByRole('cell', { name: /\(differs\)/ });
    expect((await marked.allInnerTexts()).map((text) => text.replace(/\s*\(differs\)/, ''))).toEqual(['China', AUTHOR_ACTOR.name]);
    const cells = (field: string) => panel.getByRole('row', { name: new RegExp(field) }).getByRole('cell');
    expect(await cells('stance').allInnerTexts()).toEqual(['condemn', 'condemn']);
    expect(await cells('target').allInnerTexts()).toEqual(['Israel', 'Israel']);

    // The reviewer takes B's reading (the author's voice).
    await panel.getByRole('button', { name: /^Accept B · ann-two/ }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/Accepted B · ann-two as gold for sentence 8/);
    const { gold } = await admin.get(`/documents/${docId}/gold`, GoldList);
    const saved = gold.find((g) => g.sentenceId === sentenceId);
    expect(saved).toMatchObject({ method: 'accepted', status: 'claims' });
    expect(saved?.claims.map((c) => [c.speaker.actorId, c.stance, c.target.actorId])).toEqual([[authorId, 'condemn', expect.any(Number)]]);
    await page.context().close();
  }, 60_000);
});
