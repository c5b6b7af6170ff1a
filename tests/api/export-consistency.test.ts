// Writes made while an export streams never leave a record half resolved (issue 12 item 4). Before,
// actors and pseudonyms were read once at the start and each document later, so a claim naming an
// actor created meanwhile came out as `actor: null` and an annotator's first label as a bare
// "annotator". Now each document is read in one transaction with the actors and pseudonyms it names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { importDocument, makeContext, makeProject, signedIn, TEST_PASSWORD, type TestContext } from '../support/api.ts';
import { ExportRecord } from '../../shared/schemas/export.ts';

let ctx: TestContext;
let server: Server;
beforeEach(() => {
  ctx = makeContext();
  server = ctx.app.listen(0);
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  ctx.close();
});

const DOCUMENTS = 40;
const SENTENCES = 100;

describe('export while people write', () => {
  it('resolves what was written while it streams (new actor, first label, first gold) and names each actor one way', async () => {
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin', { username: 'writing-admin' });
    const docs = [];
    // With text=1 every record carries its document's text: 40 × 100 records of ~15 KB, about 60 MB,
    // far more than the socket buffers hold, so the server is still early in the export when the
    // client stops reading after the first bytes.
    for (let d = 0; d < DOCUMENTS; d++) {
      const text = Array.from({ length: SENTENCES }, (_, i) => `Document ${d} sentence ${i}: China condemned the strikes on the region.`).join(' ');
      docs.push(await importDocument(admin.agent, project.id, text));
    }
    const last = docs.at(-1)!;
    const early = await signedIn(ctx, 'annotator', { project });
    const claimOf = (speaker: number) => ({ speaker: { actorId: speaker }, stance: 'condemn', target: { actorId: actors.Israel!.id } });
    await early.agent
      .put(`/api/sentences/${last.sentences[0]!.id}/annotation`)
      .send({ status: 'claims', claims: [claimOf(actors.China!.id)] })
      .expect(200);

    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const session = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'writing-admin', password: TEST_PASSWORD }),
    });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const response = await fetch(`${base}/api/projects/${project.id}/export?text=1`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    chunks.push(first.value!);

    // Meanwhile: a new actor and a new annotator's first label naming it, a new reviewer's first
    // gold label, and a renamed actor, all in the last document.
    const late = await signedIn(ctx, 'annotator', { project });
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const created = await admin.agent.post(`/api/projects/${project.id}/actors`).send({ name: 'Qatar', kind: 'state', code: 'QAT' }).expect(201);
    const sentence = last.sentences[1]!.id;
    await late.agent
      .put(`/api/sentences/${sentence}/annotation`)
      .send({ status: 'claims', claims: [claimOf(created.body.id)] })
      .expect(200);
    await reviewer.agent
      .put(`/api/sentences/${sentence}/gold`)
      .send({ status: 'claims', claims: [claimOf(created.body.id)], method: 'accepted', sourceAnnotators: [late.userId] })
      .expect(200);
    await admin.agent.patch(`/api/actors/${actors.China!.id}`).send({ name: 'People’s Republic of China' }).expect(200);

    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    const records = Buffer.concat(chunks)
      .toString('utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => ExportRecord.parse(JSON.parse(line)));
    expect(records).toHaveLength(DOCUMENTS * SENTENCES);
    const claims = records.flatMap((r) => [...(r.gold?.claims ?? []), ...r.annotations.flatMap((a) => a.claims)]);
    expect(claims.length).toBeGreaterThan(0);
    // Every claim here names actors: none may come out without one.
    expect(claims.filter((c) => c.speaker.actor === null || c.target.actor === null)).toEqual([]);
    const names = records.flatMap((r) => [...r.annotations.map((a) => a.annotator), ...(r.gold ? [r.gold.reviewer, ...r.gold.sources] : [])]);
    expect(names.filter((name) => !/^(annotator|reviewer)-\d+$/.test(name))).toEqual([]);
    // The last document was read after the writes: they are in it, fully resolved.
    const inLast = records.filter((r) => r.document.id === last.id);
    expect(inLast[1]!.annotations).toMatchObject([{ annotator: 'annotator-2', claims: [{ speaker: { actor: { name: 'Qatar', code: 'QAT' } } }] }]);
    expect(inLast[1]!.gold).toMatchObject({ reviewer: 'reviewer-1', sources: ['annotator-2'], claims: [{ speaker: { actor: { name: 'Qatar' } } }] });
    // An actor renamed meanwhile keeps one name throughout the export.
    expect(new Set(claims.filter((c) => c.speaker.actor!.id === actors.China!.id).map((c) => c.speaker.actor!.name))).toEqual(new Set(['China']));

    // The next export has the new name.
    const again = (await admin.agent.get(`/api/projects/${project.id}/export?documents=${last.id}`).buffer(true).expect(200)).text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => ExportRecord.parse(JSON.parse(line)));
    expect(again[0]!.annotations[0]!.claims[0]!.speaker.actor!.name).toBe('People’s Republic of China');
    expect(again[1]!.annotations[0]!.annotator).toBe('annotator-2');
  }, 60_000);
});
