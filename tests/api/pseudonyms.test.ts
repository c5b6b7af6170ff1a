// Export pseudonyms are given once per project and user, in order of first need, and never change
// (issue 12 item 3): an older account that labels later must not renumber anyone.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { importDocument, makeContext, makeProject, signedIn, TEST_PASSWORD, type Agent, type TestContext } from '../support/api.ts';
import { openDb } from '../../server/db/connection.ts';
import { sqliteHandle } from '../../server/db/sqlite.ts';
import { migrate, MIGRATIONS_DIR } from '../../server/db/migrate.ts';
import { createApp } from '../../server/app.ts';
import { addMember } from '../../server/projects/service.ts';
import { system } from '../../server/policy.ts';
import { scryptSync, randomBytes } from 'node:crypto';
import type { ExportRecord } from '../../shared/schemas/export.ts';
import { listPseudonyms } from '../../server/export/pseudonyms.ts';
import { auditLog, exportRecords } from '../support/inspect.ts';

const run = promisify(execFile);
const contexts: TestContext[] = [];
afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.close();
});

const exportOf = (agent: Agent, projectId: number) => exportRecords(agent, projectId);

const who = (records: ExportRecord[]) =>
  records.map((r) => ({ annotators: r.annotations.map((a) => a.annotator), reviewer: r.gold?.reviewer ?? null, sources: r.gold?.sources ?? [] }));

describe('export pseudonyms', () => {
  it('are given at the first label and never renumbered when an older account labels later', async () => {
    const ctx = makeContext();
    contexts.push(ctx);
    const { project, actors } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const doc = await importDocument(admin.agent, project.id);
    // Created first (lower ids), they label last: by account age they would come first.
    const olderAnnotator = await signedIn(ctx, 'annotator', { project });
    const olderReviewer = await signedIn(ctx, 'reviewer', { project });
    const newerAnnotator = await signedIn(ctx, 'annotator', { project });
    const newerReviewer = await signedIn(ctx, 'reviewer', { project });
    const [s0, s1] = doc.sentences.map((s) => s.id);
    const claim = { speaker: { actorId: actors.China!.id }, stance: 'condemn', target: { actorId: actors.Israel!.id } };
    const label = (agent: Agent, sentenceId: number) =>
      agent
        .put(`/api/sentences/${sentenceId}/annotation`)
        .send({ status: 'claims', claims: [claim] })
        .expect(200);
    const adjudicate = (agent: Agent, sentenceId: number, source: number) =>
      agent
        .put(`/api/sentences/${sentenceId}/gold`)
        .send({ status: 'claims', claims: [claim], method: 'accepted', sourceAnnotators: [source] })
        .expect(200);

    await label(newerAnnotator.agent, s0!);
    await adjudicate(newerReviewer.agent, s0!, newerAnnotator.userId);
    const before = who(await exportOf(admin.agent, project.id));
    expect(before[0]).toEqual({ annotators: ['annotator-1'], reviewer: 'reviewer-1', sources: ['annotator-1'] });

    await label(olderAnnotator.agent, s0!);
    await label(olderAnnotator.agent, s1!);
    await adjudicate(olderReviewer.agent, s1!, olderAnnotator.userId);
    const after = who(await exportOf(admin.agent, project.id));
    // Sentence 0 reads as before: the newer annotator and reviewer keep number 1, gold sources unchanged.
    expect(after[0]).toEqual({ annotators: expect.arrayContaining(['annotator-1', 'annotator-2']), reviewer: 'reviewer-1', sources: ['annotator-1'] });
    expect(after[1]).toEqual({ annotators: ['annotator-2'], reviewer: 'reviewer-2', sources: ['annotator-2'] });

    // Taking a label back and labelling again keeps the number too.
    await newerAnnotator.agent.delete(`/api/sentences/${s0}/annotation?baseVersion=1`).expect(200);
    await label(newerAnnotator.agent, s1!);
    expect(who(await exportOf(admin.agent, project.id))[1]!.annotators.sort()).toEqual(['annotator-1', 'annotator-2']);

    // Each pseudonym given is in the audit log.
    const given = auditLog(ctx.db, { entity: 'pseudonym' });
    expect(given.map(({ projectId, entityId, after }) => ({ projectId, entityId, after }))).toEqual(
      [
        [newerAnnotator.userId, 'annotator-1'],
        [newerReviewer.userId, 'reviewer-1'],
        [olderAnnotator.userId, 'annotator-2'],
        [olderReviewer.userId, 'reviewer-2'],
      ].map(([userId, pseudonym]) => ({ projectId: project.id, entityId: userId, after: expect.objectContaining({ pseudonym }) })),
    );
  });

  it('are numbered per project', async () => {
    const ctx = makeContext();
    contexts.push(ctx);
    const admin = await signedIn(ctx, 'admin');
    const first = makeProject(ctx);
    const second = makeProject(ctx);
    const annotator = await signedIn(ctx, 'annotator', { project: first.project });
    const other = await signedIn(ctx, 'annotator', { project: second.project });
    addMember(ctx.db, system('test'), second.project.id, annotator.userId);
    const docs = [await importDocument(admin.agent, first.project.id), await importDocument(admin.agent, second.project.id)];
    const noClaim = { status: 'no_claim', claims: [] };
    await annotator.agent.put(`/api/sentences/${docs[0]!.sentences[0]!.id}/annotation`).send(noClaim).expect(200);
    await other.agent.put(`/api/sentences/${docs[1]!.sentences[0]!.id}/annotation`).send(noClaim).expect(200);
    expect(who(await exportOf(admin.agent, first.project.id))[0]!.annotators).toEqual(['annotator-1']);
    expect(who(await exportOf(admin.agent, second.project.id))[0]!.annotators).toEqual(['annotator-1']);
  });

  it('stay unique and complete when import-annotations, in another process while annotators save, names numbers already given', async () => {
    const ctx = makeContext();
    contexts.push(ctx);
    const { project } = makeProject(ctx);
    const admin = await signedIn(ctx, 'admin');
    const text = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const doc = await importDocument(admin.agent, project.id, text);
    const annotators = [];
    for (let i = 0; i < 8; i++) annotators.push(await signedIn(ctx, 'annotator', { project }));
    // A file naming twenty pseudonyms the project does not have yet, one per sentence.
    const at = new Date().toISOString();
    const record = (index: number) => {
      const sentence = doc.sentences[index]!;
      return JSON.stringify({
        schema: 'parley.sentence/1',
        id: `${doc.textSha256.slice(0, 12)}:${index}`,
        project: { id: project.id, name: project.name },
        document: { id: doc.id, title: doc.title, source: doc.source, published: doc.published, text_sha256: doc.textSha256, split: null },
        sentence: { index, paragraph: sentence.paragraph, text: sentence.text, start: sentence.start, end: sentence.end, boilerplate: sentence.boilerplate },
        gold: null,
        annotations: [{ annotator: `annotator-${index + 1}`, status: 'no_claim', claims: [], note: null, updated_at: at }],
        agreement: { annotators: 1, unanimous: false },
        provenance: { tool_version: 'x', codebook_version: 1, segmenter: 'x', exported_at: at },
      });
    };
    const dir = mkdtempSync(join(tmpdir(), 'parley-pseudonyms-'));
    const file = join(dir, 'import.jsonl');
    writeFileSync(file, Array.from({ length: 20 }, (_, i) => record(i)).join('\n'));
    const importing = run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import-annotations', '--project', String(project.id), file], {
      env: { ...process.env, PARLEY_DB: ctx.file },
    });
    let finished = false;
    void importing.finally(() => (finished = true)).catch(() => {});
    // The annotators label while the import starts up and runs: their first labels take numbers 1-8
    // before the import writes, so its annotator-1 … annotator-8 must take the next free ones.
    let round = 0;
    do {
      const annotator = annotators[round % annotators.length]!;
      await annotator.agent
        .put(`/api/sentences/${doc.sentences[20 + (round % 10)]!.id}/annotation`)
        .send({ status: 'no_claim', claims: [] })
        .expect(200);
      round++;
    } while (!finished);
    const { stdout } = await importing;
    rmSync(dir, { recursive: true, force: true });
    expect(stdout).toMatch(/Imported 20 record\(s\): 20 annotation\(s\), 0 gold label\(s\); 0 failure\(s\)/);
    const records = await exportOf(admin.agent, project.id);
    const labellers = new Set(records.flatMap((r) => r.annotations.map((a) => a.annotator)));
    // Twenty-eight labellers, twenty-eight different pseudonyms, none bare.
    expect(labellers.size).toBe(20 + annotators.length);
    expect([...labellers].every((name) => /^annotator-\d+$/.test(name))).toBe(true);
    // Stored: one annotator pseudonym per labeller, no number given twice.
    const stored = listPseudonyms(ctx.db, project.id).annotator;
    expect(stored.size).toBe(20 + annotators.length);
    expect(new Set(stored.values()).size).toBe(20 + annotators.length);
  }, 60_000);

  it('a database labelled before pseudonyms were stored keeps the numbers its exports gave (by account age)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-pseudonyms-'));
    const file = join(dir, 'old.db');
    const db = openDb(file);
    contexts.push({ db, file, app: createApp({ db, log: () => {} }), close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) });
    // Rows written as the schema before 0005 took them, straight into SQLite (this is a migration test).
    const raw = sqliteHandle(db)!;
    // The schema as it was before migration 0005.
    const before = join(dir, 'migrations');
    mkdirSync(before);
    for (const name of readdirSync(MIGRATIONS_DIR).filter((name) => name < '0005')) copyFileSync(join(MIGRATIONS_DIR, name), join(before, name));
    migrate(db, before);
    const at = new Date().toISOString();
    const salt = randomBytes(16);
    const hash = ['scrypt', 1024, 8, 1, salt.toString('base64url'), scryptSync(TEST_PASSWORD, salt, 64, { N: 1024, r: 8, p: 1 }).toString('base64url')].join(
      '$',
    );
    const user = (name: string, role: string) =>
      Number(raw.prepare('INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)').run(name, hash, role, at).lastInsertRowid);
    const [older, newer, neverLabelled, reviewer] = [user('older', 'annotator'), user('newer', 'annotator'), user('absent', 'annotator'), user('rev', 'admin')];
    const projectId = Number(
      raw
        .prepare(
          `INSERT INTO projects (name, stance_labels, created_at, updated_at) VALUES ('Old', '[{"key":"condemn","name":"Condemn","colour":"#cc0000","definition":""}]', ?, ?)`,
        )
        .run(at, at).lastInsertRowid,
    );
    const text = 'One. Two. Three.';
    const documentId = Number(
      raw
        .prepare("INSERT INTO documents (project_id, title, text, text_length, text_sha256, segmenter, created_at) VALUES (?, 'Old', ?, ?, ?, 'x', ?)")
        .run(projectId, text, text.length, 'a'.repeat(64), at).lastInsertRowid,
    );
    const sentence = (idx: number, start: number, end: number) =>
      Number(
        raw.prepare('INSERT INTO sentences (document_id, idx, paragraph, start, "end") VALUES (?, ?, 0, ?, ?)').run(documentId, idx, start, end)
          .lastInsertRowid,
      );
    const [s0, s1, s2] = [sentence(0, 0, 4), sentence(1, 5, 9), sentence(2, 10, 16)];
    const annotate = (sentenceId: number, annotatorId: number) =>
      raw
        .prepare("INSERT INTO annotations (sentence_id, annotator_id, status, created_at, updated_at) VALUES (?, ?, 'no_claim', ?, ?)")
        .run(sentenceId, annotatorId, at, at);
    annotate(s0, newer);
    annotate(s1, older);
    raw
      .prepare(
        "INSERT INTO gold (sentence_id, status, method, reviewer_id, source_annotators, created_at, updated_at) VALUES (?, 'no_claim', 'accepted', ?, ?, ?, ?)",
      )
      .run(s2, reviewer, JSON.stringify([neverLabelled, newer]), at, at);

    expect(migrate(db).applied).toContain('0005_pseudonyms.sql');
    const agent = request.agent(contexts[0]!.app);
    await agent.post('/api/session').send({ username: 'rev', password: TEST_PASSWORD }).expect(200);
    expect(who(await exportOf(agent, projectId))).toEqual([
      { annotators: ['annotator-2'], reviewer: null, sources: [] },
      { annotators: ['annotator-1'], reviewer: null, sources: [] },
      // A source who never labelled was a bare "annotator" before: now they have the next number.
      { annotators: [], reviewer: 'reviewer-1', sources: ['annotator-3', 'annotator-2'] },
    ]);
    // A labeller after the migration gets the next number.
    const late = user('late', 'annotator');
    raw.prepare('INSERT INTO project_members (project_id, user_id, added_at) VALUES (?, ?, ?)').run(projectId, late, at);
    const lateAgent = request.agent(contexts[0]!.app);
    await lateAgent.post('/api/session').send({ username: 'late', password: TEST_PASSWORD }).expect(200);
    await lateAgent.put(`/api/sentences/${s0}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    expect(who(await exportOf(agent, projectId))[0]!.annotators).toEqual(['annotator-2', 'annotator-4']);
  });
});
