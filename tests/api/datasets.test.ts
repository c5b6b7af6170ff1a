// The dataset round trip through the command line: export, re-import into a fresh database,
// export again; and backup while a server writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { exportRecords } from '../support/inspect.ts';
import { AnnotationList } from '../../shared/schemas/annotations.ts';
import { UserList } from '../../shared/schemas/users.ts';
import { ExportRecord } from '../../shared/schemas/export.ts';

const run = promisify(execFile);
async function cli(dbFile: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { env: { ...process.env, PARLEY_DB: dbFile } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let dir: string;
const contexts: TestContext[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-datasets-'));
});
afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const TEXTS = ['Beijing 😀 condemned the strikes. Moscow agreed.\n\nTehran urged calm.', 'Second article. Nothing here.'];

/** The same project (same ids) in a fresh database: documents imported, nobody's labels yet. */
async function freshProject() {
  const ctx = makeContext();
  contexts.push(ctx);
  const { project, actors } = makeProject(ctx, 'Round trip');
  const admin = await signedIn(ctx, 'admin', { username: 'admin' });
  const docs = [];
  for (const text of TEXTS) docs.push(await importDocument(admin.agent, project.id, text));
  return { ctx, project, actors, admin, docs };
}

const withoutTimestamps = (jsonl: string) =>
  jsonl
    .trim()
    .split('\n')
    .map((line) => {
      const record = JSON.parse(line) as { provenance: { exported_at?: string }; annotations: { updated_at?: string }[] };
      delete record.provenance.exported_at;
      for (const annotation of record.annotations) delete annotation.updated_at;
      return record;
    });

describe('export, re-import and backup from the command line', () => {
  it('re-importing an export into a fresh database and exporting again gives the same records', async () => {
    const first = await freshProject();
    const a = await signedIn(first.ctx, 'annotator', { project: first.project, username: 'ann-a' });
    const b = await signedIn(first.ctx, 'annotator', { project: first.project, username: 'ann-b' });
    const reviewer = await signedIn(first.ctx, 'reviewer', { project: first.project, username: 'rev' });
    const doc = first.docs[0]!;
    const beijing = doc.text.indexOf('Beijing');
    const claim = {
      speaker: { actorId: first.actors.China!.id, span: { start: beijing, end: beijing + 7 } },
      stance: 'condemn',
      target: { actorId: first.actors.Israel!.id },
    };
    const put = (agent: Agent, id: number, body: object) => agent.put(`/api/sentences/${id}/annotation`).send(body).expect(200);
    await put(a.agent, doc.sentences[0]!.id, { status: 'claims', claims: [claim] });
    await put(b.agent, doc.sentences[0]!.id, { status: 'claims', claims: [{ ...claim, stance: 'support' }] });
    await put(a.agent, doc.sentences[1]!.id, { status: 'no_claim', claims: [] });
    await put(b.agent, doc.sentences[1]!.id, { status: 'no_claim', claims: [] });
    await put(a.agent, doc.sentences[2]!.id, { status: 'skipped', claims: [], note: 'not sure' });
    await reviewer.agent
      .put(`/api/sentences/${doc.sentences[0]!.id}/gold`)
      .send({ status: 'claims', claims: [claim], method: 'accepted', sourceAnnotators: [a.userId], rationale: 'Condemned.' })
      .expect(200);
    await reviewer.agent.post(`/api/projects/${first.project.id}/gold/unanimous`).send({ apply: true }).expect(200);

    const exported = join(dir, 'first.jsonl');
    const out = await cli(first.ctx.file, 'export', '--project', 'Round trip', '--out', exported);
    expect(out.stdout).toMatch(/Exported 5 record\(s\) of "Round trip"/);

    const second = await freshProject();
    const imported = await cli(second.ctx.file, 'import-annotations', '--project', String(second.project.id), exported);
    expect(imported.stdout).toMatch(/Imported 5 record\(s\): 5 annotation\(s\), 2 gold label\(s\); 0 failure\(s\)/);
    expect(imported.stdout).toMatch(/Created disabled accounts for: annotator-1, annotator-2, reviewer-1/);
    const again = join(dir, 'second.jsonl');
    await cli(second.ctx.file, 'export', '--project', 'Round trip', '--out', again);
    expect(withoutTimestamps(readFileSync(again, 'utf8'))).toEqual(withoutTimestamps(readFileSync(exported, 'utf8')));
  }, 60_000);

  it('refuses, line by line, a record the API would refuse, and imports the rest of the file', async () => {
    const first = await freshProject();
    const a = await signedIn(first.ctx, 'annotator', { project: first.project });
    const doc = first.docs[0]!;
    for (const sentence of doc.sentences) {
      await a.agent.put(`/api/sentences/${sentence.id}/annotation`).send({ status: 'no_claim', claims: [] }).expect(200);
    }
    const exported = join(dir, 'good.jsonl');
    expect((await cli(first.ctx.file, 'export', '--project', 'Round trip', '--out', exported)).code).toBe(0);
    const [good, ...others] = readFileSync(exported, 'utf8').trim().split('\n');
    type ExportLine = { annotations: { [field: string]: unknown }[] };
    const annotations = others.reduce((sum, line) => sum + (JSON.parse(line) as ExportLine).annotations.length, 0);
    const variant = (change: (annotation: { [field: string]: unknown }) => void) => {
      const copy = JSON.parse(good!) as ExportLine;
      change(copy.annotations[0]!);
      return JSON.stringify(copy);
    };
    const lines = [
      variant((annotation) => Object.assign(annotation, { status: 'claims' })),
      variant((annotation) => Object.assign(annotation, { status: 'skipped', note: null })),
      variant((annotation) => Object.assign(annotation, { note: 'n'.repeat(2001) })),
      variant((annotation) => Object.assign(annotation, { annotator: 'bad name' })),
      ...others,
    ];
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const second = await freshProject();
    const imported = await cli(second.ctx.file, 'import-annotations', '--project', String(second.project.id), file);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(
      new RegExp(`Imported ${others.length} record\\(s\\): ${annotations} annotation\\(s\\), 0 gold label\\(s\\); 4 failure\\(s\\)`),
    );
    expect(imported.stdout).toMatch(/line 1: annotations\.0\.claims: status "claims" needs at least one claim/);
    expect(imported.stdout).toMatch(/line 2: annotations\.0\.note: a skipped sentence needs a reason in note/);
    expect(imported.stdout).toMatch(/line 3: annotations\.0\.note: Too big/);
    expect(imported.stdout).toMatch(/line 4: annotator "bad name": a new account's name may contain only letters, digits and \. _ @ -/);
    expect(imported.stdout).not.toMatch(/CHECK constraint/);
  }, 60_000);

  it('re-imported pseudonyms keep their numbers whatever order the file first names them in, gold-only files too', async () => {
    const first = await freshProject();
    const a = await signedIn(first.ctx, 'annotator', { project: first.project });
    const b = await signedIn(first.ctx, 'annotator', { project: first.project });
    const r1 = await signedIn(first.ctx, 'reviewer', { project: first.project });
    const r2 = await signedIn(first.ctx, 'reviewer', { project: first.project });
    const [s0, , s2] = first.docs[0]!.sentences.map((s) => s.id);
    const noClaim = { status: 'no_claim', claims: [] };
    const gold = (sourceId: number) => ({ ...noClaim, method: 'accepted', sourceAnnotators: [sourceId] });
    // Numbers go by first label: a and r1 get 1 on the last sentence, b and r2 get 2 on the first one.
    await a.agent.put(`/api/sentences/${s2}/annotation`).send(noClaim).expect(200);
    await r1.agent.put(`/api/sentences/${s2}/gold`).send(gold(a.userId)).expect(200);
    await b.agent.put(`/api/sentences/${s0}/annotation`).send(noClaim).expect(200);
    await r2.agent.put(`/api/sentences/${s0}/gold`).send(gold(b.userId)).expect(200);
    const exportOf = async (admin: Agent, projectId: number, query = '') =>
      (await admin.get(`/api/projects/${projectId}/export${query}`).buffer(true).expect(200)).text;

    for (const query of ['', '?gold=only']) {
      const exported = await exportOf(first.admin.agent, first.project.id, query);
      const records = exported
        .trim()
        .split('\n')
        .map((line) => ExportRecord.parse(JSON.parse(line)));
      // The file names annotator-2 and reviewer-2 before annotator-1 and reviewer-1.
      expect(records[0]!.gold).toMatchObject({ reviewer: 'reviewer-2', sources: ['annotator-2'] });
      const file = join(dir, `export${query ? '-gold' : ''}.jsonl`);
      writeFileSync(file, exported);
      const second = await freshProject();
      const imported = await cli(second.ctx.file, 'import-annotations', '--project', String(second.project.id), file);
      expect(imported.code, imported.stdout + imported.stderr).toBe(0);
      // A gold-only file has no annotations to re-import, so only its gold labels can come back the same.
      const comparable = (jsonl: string) =>
        query
          ? jsonl
              .trim()
              .split('\n')
              .map((line) => ExportRecord.parse(JSON.parse(line)))
              .map(({ id, gold }) => ({ id, gold }))
          : withoutTimestamps(jsonl);
      expect(comparable(await exportOf(second.admin.agent, second.project.id, query))).toEqual(comparable(exported));
    }
  }, 60_000);

  it('reports records it cannot place, and imports the rest', async () => {
    const { ctx, project } = await freshProject();
    const file = join(dir, 'bad.jsonl');
    const other = 'f'.repeat(64);
    const lines = [
      'not json',
      JSON.stringify({ schema: 'parley.claim/1', claim: {} }),
      JSON.stringify({
        schema: 'parley.sentence/1',
        id: 'x',
        project: { id: 1, name: 'x' },
        document: { id: 1, title: 't', source: null, published: null, text_sha256: other, split: null },
        sentence: { index: 0, paragraph: 0, text: 'x', start: 0, end: 1, boilerplate: false },
        gold: null,
        annotations: [],
        agreement: { annotators: 0, unanimous: false },
        provenance: { tool_version: 'x', codebook_version: 1, segmenter: 'x', exported_at: 'x' },
      }),
    ];
    writeFileSync(file, lines.join('\n'));
    const res = await cli(ctx.file, 'import-annotations', '--project', String(project.id), file);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/line 1: malformed JSON/);
    expect(res.stdout).toMatch(/line 2: flat \(one claim per line\) records cannot be imported/);
    expect(res.stdout).toMatch(/line 3: no document of this project has text hash ffffffffffff/);
  }, 60_000);

  it('refuses text that is not well-formed: a record with half a character, a file that is not UTF-8', async () => {
    const { ctx, project, admin } = await freshProject();
    const exported = (await admin.agent.get(`/api/projects/${project.id}/export`).buffer(true)).text;
    const record = ExportRecord.parse(JSON.parse(exported.split('\n')[0]!));
    const annotation = { annotator: 'annotator-1', status: 'skipped', claims: [], note: 'half \ud83d', updated_at: new Date().toISOString() };
    const file = join(dir, 'half.jsonl');
    writeFileSync(file, `${JSON.stringify({ ...record, annotations: [annotation] })}\n`);
    const half = await cli(ctx.file, 'import-annotations', '--project', String(project.id), file);
    expect(half.code).toBe(1);
    expect(half.stdout).toMatch(/line 1: annotations\.0\.note: the text is not well-formed: position 5/);
    const notUtf8 = join(dir, 'latin1.jsonl');
    const [before, after] = JSON.stringify({ ...record, annotations: [{ ...annotation, note: 'caf<e9>' }] }).split('<e9>') as [string, string];
    writeFileSync(notUtf8, Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(`${after}\n`)]));
    const latin1 = await cli(ctx.file, 'import-annotations', '--project', String(project.id), notUtf8);
    expect(latin1.code).not.toBe(0);
    expect(`${latin1.stdout}${latin1.stderr}`).toMatch(/latin1\.jsonl is not UTF-8 text \(byte \d+ starts no character\): nothing of it was imported/);
    expect((await exportRecords(admin.agent, project.id)).flatMap((record) => record.annotations)).toEqual([]);
  }, 60_000);

  it('a record that fails takes back the accounts it created: later records land under the right account', async () => {
    const first = await freshProject();
    const a = await signedIn(first.ctx, 'annotator', { project: first.project, username: 'only-one' });
    const doc = first.docs[0]!;
    const claim = { speaker: { actorId: first.actors.China!.id }, stance: 'condemn', target: { actorId: first.actors.Israel!.id } };
    for (const sentence of doc.sentences) {
      await a.agent
        .put(`/api/sentences/${sentence.id}/annotation`)
        .send({ status: 'claims', claims: [claim] })
        .expect(200);
    }
    const exported = join(dir, 'one.jsonl');
    await cli(first.ctx.file, 'export', '--project', 'Round trip', '--out', exported, '--documents', String(doc.id));
    type Line = { annotations: { annotator: string; status: string; claims: { stance: string }[] }[] };
    const records = readFileSync(exported, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Line);
    records[0]!.annotations[0]!.annotator = 'alice-imp';
    records[0]!.annotations[0]!.claims[0]!.stance = 'bogus';
    records[1]!.annotations[0]!.annotator = 'bob-imp';
    records[2]!.annotations[0]!.annotator = 'alice-imp';
    const edited = join(dir, 'edited.jsonl');
    writeFileSync(edited, records.map((record) => JSON.stringify(record)).join('\n'));

    const second = await freshProject();
    const res = await cli(second.ctx.file, 'import-annotations', '--project', String(second.project.id), edited);
    expect(res.stdout).toMatch(/Imported 2 record\(s\): 2 annotation\(s\)/);
    expect(res.stdout).toMatch(/line 1: "bogus" is not a stance of this project/);
    expect(res.stdout).toMatch(/Created disabled accounts for: bob-imp, alice-imp/);
    // Whose labels are where, as an admin reads them: every account's annotations of every document.
    const { users } = UserList.parse((await second.admin.agent.get('/api/users').expect(200)).body);
    const owners = [];
    for (const document of second.docs) {
      for (const user of users) {
        const res = await second.admin.agent.get(`/api/documents/${document.id}/annotations?annotator=${user.id}`).expect(200);
        for (const annotation of AnnotationList.parse(res.body).annotations) {
          owners.push({ idx: document.sentences.findIndex((sentence) => sentence.id === annotation.sentenceId), username: user.username });
        }
      }
    }
    expect(owners.sort((x, y) => x.idx - y.idx)).toEqual([
      { idx: 1, username: 'bob-imp' },
      { idx: 2, username: 'alice-imp' },
    ]);
  }, 60_000); // two CLI runs, each a fresh tsx process
});
