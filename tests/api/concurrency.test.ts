// Concurrency: two annotators and a reviewer working on the same document at once, through the
// API of one listening server (bursts sent with Promise.all). No update is lost, 409 comes exactly
// where two edits start from the same version of the same row, and the audit log holds one event
// per acknowledged write and none for a rejected one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { makeContext, makeProject, makeUser, TEST_PASSWORD, type Agent, type TestContext } from '../support/api.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { findDocument, findDocumentHead } from '../../server/documents/repo.ts';
import { auditLog } from '../support/inspect.ts';
import { addMember } from '../../server/projects/service.ts';
import { system } from '../../server/policy.ts';
import { Annotation, AnnotationList } from '../../shared/schemas/annotations.ts';
import { Gold, GoldList } from '../../shared/schemas/review.ts';

const SENTENCES = 10;
const ROUNDS = 4;

let ctx: TestContext;
let server: Server;
let fixture: {
  sentenceIds: number[];
  documentId: number;
  actors: { china: number; israel: number };
  ann1: { agent: Agent; id: number };
  ann2: { agent: Agent; id: number };
  reviewer: { agent: Agent; id: number };
};

async function signIn(role: 'annotator' | 'reviewer', projectId: number) {
  const user = makeUser(ctx, role);
  addMember(ctx.db, system('test'), projectId, user.id);
  const agent = request.agent(server);
  await agent.post('/api/session').send({ username: user.username, password: TEST_PASSWORD }).expect(200);
  return { agent, id: user.id };
}

beforeEach(async () => {
  ctx = makeContext();
  // One listening server for the whole test: concurrent requests share its event loop and database, as in production.
  server = createServer(ctx.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { project, actors } = makeProject(ctx);
  const text = Array.from({ length: SENTENCES }, (_, i) => `China criticized Israel in statement ${i + 1}.`).join(' ');
  const documentId = importDocuments(ctx.db, system('test'), project.id, [{ text }]).imported[0]!.id;
  const sentenceIds = findDocument(ctx.db, documentId)!.sentences.map((sentence) => sentence.id);
  expect(sentenceIds).toHaveLength(SENTENCES);
  fixture = {
    sentenceIds,
    documentId,
    actors: { china: actors.China!.id, israel: actors.Israel!.id },
    ann1: await signIn('annotator', project.id),
    ann2: await signIn('annotator', project.id),
    reviewer: await signIn('reviewer', project.id),
  };
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  ctx.close();
});

/** An annotation's or gold label's audited state, of which these checks need the version. */
const Versioned = z.looseObject({ version: z.number().int() });

const claim = (speaker: number, target: number, stance = 'condemn') => ({ speaker: { actorId: speaker }, stance, target: { actorId: target } });

/** Every audit event about annotations and gold, oldest first, with its `after` parsed. */
function auditEvents() {
  return auditLog(ctx.db)
    .filter((event) => event.entity === 'annotation' || event.entity === 'gold')
    .map(({ userId, action, entity, entityId, after }) => ({ userId, action, entity, entityId, after }));
}

describe('concurrency', () => {
  it('loses no update when two annotators and a reviewer work the same document at once, and audits each write once', async () => {
    const { sentenceIds, ann1, ann2, reviewer, actors, documentId } = fixture;
    const versions = { [ann1.id]: new Map<number, number>(), [ann2.id]: new Map<number, number>() };
    const goldVersions = new Map<number, number>();
    const acked: { userId: number; entity: 'annotation' | 'gold'; body: Annotation | Gold }[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const saves = [ann1, ann2].flatMap((annotator) =>
        sentenceIds.map(async (sentenceId, i) => {
          const noClaim = (round + i + annotator.id) % 3 === 0;
          const res = await annotator.agent.put(`/api/sentences/${sentenceId}/annotation`).send({
            status: noClaim ? 'no_claim' : 'claims',
            claims: noClaim ? [] : [claim(actors.china, actors.israel, ['condemn', 'support', 'mediate'][round % 3])],
            note: `annotator ${annotator.id}, round ${round}`,
            baseVersion: versions[annotator.id]!.get(sentenceId) ?? 0,
          });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          versions[annotator.id]!.set(sentenceId, res.body.version);
          acked.push({ userId: annotator.id, entity: 'annotation', body: res.body });
        }),
      );
      // The reviewer adjudicates some sentences and reads everyone's labels while the annotators save.
      const gold = sentenceIds.slice(0, 4).map(async (sentenceId) => {
        const res = await reviewer.agent.put(`/api/sentences/${sentenceId}/gold`).send({
          status: 'claims',
          claims: [claim(actors.china, actors.israel)],
          method: 'edited',
          rationale: `round ${round}`,
          baseVersion: goldVersions.get(sentenceId) ?? 0,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        goldVersions.set(sentenceId, res.body.version);
        acked.push({ userId: reviewer.id, entity: 'gold', body: res.body });
      });
      const reads = [
        reviewer.agent.get(`/api/documents/${documentId}/annotations`).expect(200),
        ann1.agent.get(`/api/documents/${documentId}/annotations`).expect(200),
      ];
      await Promise.all([...saves, ...gold, ...reads]);
    }

    // Each annotator's final state is their last acknowledged save, sentence by sentence.
    for (const annotator of [ann1, ann2]) {
      const res = await annotator.agent.get(`/api/documents/${documentId}/annotations`).expect(200);
      const lastAcked = new Map<number, Annotation>();
      for (const ack of acked) if (ack.userId === annotator.id) lastAcked.set(ack.body.sentenceId, Annotation.parse(ack.body));
      const { annotations } = AnnotationList.parse(res.body);
      expect(annotations).toHaveLength(SENTENCES);
      for (const annotation of annotations) {
        expect(annotation).toEqual(lastAcked.get(annotation.sentenceId));
        expect(annotation.version).toBe(ROUNDS);
      }
    }
    const gold = await reviewer.agent.get(`/api/documents/${documentId}/gold`).expect(200);
    expect(GoldList.parse(gold.body).gold.map((g) => [g.sentenceId, g.version, g.rationale])).toEqual(
      sentenceIds.slice(0, 4).map((id) => [id, ROUNDS, `round ${ROUNDS - 1}`]),
    );

    // The audit log: exactly the acknowledged writes, each recording what its response returned.
    const events = auditEvents();
    expect(events).toHaveLength(acked.length);
    const key = (entity: string, userId: number | null, sentenceId: number | null, version: number) => `${entity}:${userId}:${sentenceId}:${version}`;
    const logged = new Map(events.map((e) => [key(e.entity, e.userId, e.entityId, Versioned.parse(e.after).version), e]));
    for (const ack of acked) {
      const event = logged.get(key(ack.entity, ack.userId, ack.body.sentenceId, ack.body.version));
      expect(event?.after).toEqual(ack.body);
      expect(event?.action).toBe(ack.body.version === 1 ? 'create' : 'update');
    }
  });

  it('lets exactly one of two tabs saving from the same version win; the other gets 409 with the current label', async () => {
    const { sentenceIds, ann1, ann2, actors } = fixture;
    for (const [round, sentenceId] of sentenceIds.slice(0, 6).entries()) {
      const baseVersion = round % 2 === 0 ? 0 : undefined; // even rounds: a first label; odd: one already saved
      let base = 0;
      if (baseVersion === undefined) {
        const first = await ann1.agent.put(`/api/sentences/${sentenceId}/annotation`).send({ status: 'no_claim', claims: [], baseVersion: 0 }).expect(200);
        base = first.body.version;
      }
      const eventsBefore = auditEvents().length;
      const tabs = await Promise.all(
        ['tab A', 'tab B', 'tab C'].map((tab) =>
          ann1.agent.put(`/api/sentences/${sentenceId}/annotation`).send({
            status: 'claims',
            claims: [claim(actors.china, actors.israel)],
            note: tab,
            baseVersion: base,
          }),
        ),
      );
      // The other annotator saving the same sentence from version 0 at the same time is no collision: it is their own row.
      const other = await ann2.agent.put(`/api/sentences/${sentenceId}/annotation`).send({ status: 'no_claim', claims: [], baseVersion: 0 });
      expect(other.status).toBe(200);

      const statuses = tabs.map((res) => res.status).sort();
      expect(statuses).toEqual([200, 409, 409]);
      const winner = Annotation.parse(tabs.find((res) => res.status === 200)!.body);
      expect(winner.version).toBe(base + 1);
      for (const loser of tabs.filter((res) => res.status === 409)) {
        expect(loser.body.error.code).toBe('conflict');
        expect(loser.body.error.current).toEqual(winner);
      }
      const stored = await ann1.agent.get(`/api/documents/${fixture.documentId}/annotations`).expect(200);
      expect(AnnotationList.parse(stored.body).annotations.find((a) => a.sentenceId === sentenceId)).toEqual(winner);
      // One event for the winner, one for the other annotator, none for the rejected tabs.
      const events = auditEvents().slice(eventsBefore);
      expect(events.map((e) => [e.userId, e.entityId, (e.after as Annotation).note])).toEqual(
        expect.arrayContaining([
          [ann1.id, sentenceId, winner.note],
          [ann2.id, sentenceId, null],
        ]),
      );
      expect(events).toHaveLength(2);
    }
  });

  it('treats reviewers saving gold from the same version the same way: one wins, the rest get 409', async () => {
    const { sentenceIds, reviewer, actors } = fixture;
    const second = await signIn('reviewer', findDocumentHead(ctx.db, fixture.documentId)!.projectId);
    const sentenceId = sentenceIds[0]!;
    let base = 0;
    for (let round = 0; round < 4; round++) {
      const eventsBefore = auditEvents().length;
      const results = await Promise.all(
        [reviewer, second, reviewer].map((who, i) =>
          who.agent.put(`/api/sentences/${sentenceId}/gold`).send({
            status: i === 1 ? 'no_claim' : 'claims',
            claims: i === 1 ? [] : [claim(actors.china, actors.israel, i === 0 ? 'condemn' : 'support')],
            method: 'edited',
            rationale: `round ${round} by ${i}`,
            baseVersion: base,
          }),
        ),
      );
      expect(results.map((res) => res.status).sort()).toEqual([200, 409, 409]);
      const winner = Gold.parse(results.find((res) => res.status === 200)!.body);
      expect(winner.version).toBe(base + 1);
      for (const loser of results.filter((res) => res.status === 409)) expect(loser.body.error.current).toEqual(winner);
      const events = auditEvents().slice(eventsBefore);
      expect(events.map((e) => [e.entity, e.entityId, e.after])).toEqual([['gold', sentenceId, winner]]);
      base = winner.version;
    }
    const gold = await reviewer.agent.get(`/api/documents/${fixture.documentId}/gold`).expect(200);
    expect(GoldList.parse(gold.body).gold.map((g) => g.version)).toEqual([4]);
  });
});
