// The documents list's figures come from counters the database keeps per document (migration 0011)
// instead of reading every sentence per request. After every kind of write that moves them — saves,
// skips, undo, boilerplate marks, splits and merges, gold, holds, a new overlap — the list must show
// what counting the sentences gives (the computation the list made on every request before).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from '../../server/db/statements.ts';
import { MIGRATIONS_DIRS } from '../../server/db/migrate.ts';
import { Annotation } from '../../shared/schemas/annotations.ts';
import { DocumentDetail, DocumentFigures, DocumentList, ImportResult } from '../../shared/schemas/documents.ts';
import type { Project } from '../../shared/schemas/projects.ts';

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

interface Counted {
  id: number;
  sentences: number;
  total: number;
  mine: number;
  overall: number;
  adjudicated: number;
}

/** Each document's figures counted from its sentences, labels and gold: what the list computed per request before. */
function counted(projectId: number, userId: number): Counted[] {
  return sql<[number, number], Counted>(
    ctx.db,
    `SELECT d.id,
       (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentences,
       (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND s.boilerplate = 0) AS total,
       (SELECT count(*) FROM sentences s JOIN annotations a ON a.sentence_id = s.id AND a.annotator_id = ?
          WHERE s.document_id = d.id AND s.boilerplate = 0) AS mine,
       (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND s.boilerplate = 0
          AND (SELECT count(*) FROM annotations a WHERE a.sentence_id = s.id) >= p.overlap) AS overall,
       (SELECT count(*) FROM sentences s JOIN gold g ON g.sentence_id = s.id WHERE s.document_id = d.id AND s.boilerplate = 0) AS adjudicated
     FROM documents d JOIN projects p ON p.id = d.project_id WHERE d.project_id = ? ORDER BY d.id`,
  ).all(userId, projectId);
}

async function expectCounted(viewers: { agent: Agent; userId: number; seesOthers: boolean }[], project: Project, when: string) {
  for (const viewer of viewers) {
    const { documents } = DocumentList.parse((await viewer.agent.get(`/api/projects/${project.id}/documents?limit=200`).expect(200)).body);
    const expected = counted(project.id, viewer.userId);
    expect(
      documents.map((doc) => ({ id: doc.id, sentences: doc.sentenceCount, ...doc.progress })),
      when,
    ).toEqual(
      expected.map((doc) => ({
        ...doc,
        overall: viewer.seesOthers ? doc.overall : null,
        adjudicated: viewer.seesOthers ? doc.adjudicated : null,
      })),
    );
    const figures = DocumentFigures.parse((await viewer.agent.get(`/api/projects/${project.id}/documents/figures`).expect(200)).body);
    const sum = (key: keyof Counted) => expected.reduce((n, doc) => n + doc[key], 0);
    expect({ ...figures, byStatus: null }, when).toEqual({
      documents: expected.length,
      sentences: sum('total'),
      mine: sum('mine'),
      overall: viewer.seesOthers ? sum('overall') : null,
      adjudicated: viewer.seesOthers ? sum('adjudicated') : null,
      byStatus: null,
    });
  }
}

const TEXT = 'First point is made here. Second point follows it.\n\nThird point ends the piece. A fourth one closes.';

describe('document counters', () => {
  it('stay what counting the sentences gives through saves, skips, undo, boilerplate, splits, merges, gold, holds and overlap changes', async () => {
    const { project } = makeProject(ctx, { overlap: 2 });
    const admin = await signedIn(ctx, 'admin');
    const reviewer = await signedIn(ctx, 'reviewer', { project });
    const a = await signedIn(ctx, 'annotator', { project });
    const b = await signedIn(ctx, 'annotator', { project });
    const c = await signedIn(ctx, 'annotator', { project });
    const viewers = [
      { ...reviewer, seesOthers: true },
      { ...a, seesOthers: false },
      { ...b, seesOthers: false },
      { ...c, seesOthers: false },
    ];
    const imported = ImportResult.parse(
      (
        await admin.agent
          .post(`/api/projects/${project.id}/documents`)
          .send({ documents: [1, 2, 3].map((n) => ({ title: `Piece ${n}`, text: `${TEXT} Number ${n}.` })) })
          .expect(201)
      ).body,
    ).imported.map((doc) => doc.id);
    const sentences = async (documentId: number) => DocumentDetail.parse((await admin.agent.get(`/api/documents/${documentId}`).expect(200)).body).sentences;
    const [one, two, three] = [await sentences(imported[0]!), await sentences(imported[1]!), imported[2]!];
    await expectCounted(viewers, project, 'after the import');

    const save = async (agent: Agent, sentenceId: number, status: 'no_claim' | 'skipped' = 'no_claim', baseVersion?: number) =>
      Annotation.parse(
        (
          await agent
            .put(`/api/sentences/${sentenceId}/annotation`)
            .send({ status, claims: [], ...(status === 'skipped' ? { note: 'unclear' } : {}), ...(baseVersion ? { baseVersion } : {}) })
            .expect(200)
        ).body,
      );
    const s = (sentence: { id: number } | undefined) => sentence!.id;
    await save(a.agent, s(one[0]));
    await save(a.agent, s(one[1]), 'skipped');
    await save(b.agent, s(one[0]));
    await save(b.agent, s(one[1]));
    const third = await save(c.agent, s(one[0]));
    await expectCounted(viewers, project, 'after saves and a skip');

    // Changing a label (a skip becoming an answer) changes no count; taking one back does.
    const changed = await save(a.agent, s(one[1]), 'no_claim', 1);
    await a.agent.delete(`/api/sentences/${s(one[1])}/annotation?baseVersion=${changed.version}`).expect(200);
    await c.agent.delete(`/api/sentences/${s(one[0])}/annotation?baseVersion=${third.version}`).expect(200);
    await expectCounted(viewers, project, 'after undo');

    // A labelled sentence marked boilerplate leaves every count, and comes back when unmarked.
    await reviewer.agent
      .put(`/api/sentences/${s(one[0])}/gold`)
      .send({ status: 'no_claim', claims: [], method: 'accepted', sourceAnnotators: [a.userId] })
      .expect(200);
    await reviewer.agent
      .patch(`/api/sentences/${s(one[0])}`)
      .send({ boilerplate: true })
      .expect(200);
    await expectCounted(viewers, project, 'after a boilerplate mark');
    await reviewer.agent
      .patch(`/api/sentences/${s(one[0])}`)
      .send({ boilerplate: false })
      .expect(200);
    await reviewer.agent
      .patch(`/api/sentences/${s(one[3])}`)
      .send({ boilerplate: true })
      .expect(200);
    await expectCounted(viewers, project, 'after boilerplate unmarked');

    // Splits and merges (in a document nobody labelled), of content and boilerplate sentences.
    await reviewer.agent
      .patch(`/api/sentences/${s(two[3])}`)
      .send({ boilerplate: true })
      .expect(200);
    await reviewer.agent
      .post(`/api/sentences/${s(two[0])}/split`)
      .send({ at: two[0]!.start + 5 })
      .expect(200);
    await reviewer.agent
      .post(`/api/sentences/${s(two[3])}/split`)
      .send({ at: two[3]!.start + 3 })
      .expect(200);
    await expectCounted(viewers, project, 'after splits');
    const afterSplit = await sentences(imported[1]!);
    await reviewer.agent.post(`/api/sentences/${s(afterSplit[0])}/merge`).expect(200);
    // The boilerplate sentence merged with the content sentence after it (its second half).
    const boilerplate = (await sentences(imported[1]!)).find((sentence) => sentence.boilerplate)!;
    await reviewer.agent.post(`/api/sentences/${boilerplate.id}/merge`).expect(200);
    await expectCounted(viewers, project, 'after merges');

    // Holds: taking a document, an admin's assignment and its release move only the status.
    await admin.agent.post(`/api/projects/${project.id}/assignments`).send({ documentId: three, userId: c.userId }).expect(201);
    const held = DocumentList.parse((await reviewer.agent.get(`/api/projects/${project.id}/documents?status=in_progress`).expect(200)).body);
    expect(held.documents.map((doc) => doc.id)).toContain(three);
    await admin.agent.delete(`/api/projects/${project.id}/assignments/${three}/${c.userId}`).expect(200);
    const released = DocumentList.parse((await reviewer.agent.get(`/api/projects/${project.id}/documents?status=unassigned`).expect(200)).body);
    expect(released.documents.map((doc) => doc.id)).toEqual([imported[1], three]);

    // A new overlap counts "labelled by enough annotators" again, in the same request.
    await admin.agent.patch(`/api/projects/${project.id}`).send({ overlap: 1 }).expect(200);
    await expectCounted(viewers, project, 'after overlap 1');
    await admin.agent.patch(`/api/projects/${project.id}`).send({ overlap: 3 }).expect(200);
    await save(c.agent, s(one[0]));
    await expectCounted(viewers, project, 'after overlap 3 and a third label');
    const statuses = async () =>
      DocumentList.parse((await reviewer.agent.get(`/api/projects/${project.id}/documents`).expect(200)).body).documents.map((doc) => doc.status);
    const before = await statuses();

    // A database from before the counters gets them from the migration's backfill: the same figures.
    const migration = readFileSync(join(MIGRATIONS_DIRS[ctx.db.dialect], '0011_document_stats.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('INSERT INTO document_stats'), migration.indexOf('document_stats_on_document'));
    ctx.db.exec(`DELETE FROM document_annotator_stats; DELETE FROM document_stats; ${backfill.slice(0, backfill.lastIndexOf(';') + 1)}`);
    await expectCounted(viewers, project, 'after the backfill');
    expect(await statuses()).toEqual(before);
  });
});
