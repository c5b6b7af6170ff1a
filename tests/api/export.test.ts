import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { addTeam, importDocument, makeContext, makeProject, signedIn, type Agent, type TestContext } from '../support/api.ts';
import { ExportFlatRecord, ExportRecord } from '../../shared/schemas/export.ts';

let ctx: TestContext;
let dir: string;
beforeEach(() => {
  ctx = makeContext();
  dir = mkdtempSync(join(tmpdir(), 'parley-export-'));
});
afterEach(() => {
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

// Emoji (astral: two UTF-16 units), CJK (one of them astral), combining accents and curly quotes.
const HOSTILE_TEXT =
  'Beijing 😀 “condemned” the strikes on Gaza, said Zhào Lìjiān.\n\n' +
  '中国外交部 urged 𠀋 restraint 👍🏽 and dialogue. Cafe\u0301 owners in Tehran said “enough”.';

const lines = (body: string) =>
  body
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as unknown);

async function labelledProject() {
  const { project, actors } = makeProject(ctx);
  const admin = await signedIn(ctx, 'admin');
  const doc = await importDocument(admin.agent, project.id, HOSTILE_TEXT);
  const { a, b, reviewer } = await addTeam(ctx, project);
  const span = (needle: string) => {
    const start = doc.text.indexOf(needle);
    return { start, end: start + needle.length };
  };
  const claims = [
    { speaker: { actorId: actors.China!.id, span: span('Beijing') }, stance: 'condemn', target: { span: span('Gaza') }, cue: span('“condemned”') },
    { speaker: { span: span('Zhào Lìjiān') }, stance: 'condemn', target: { span: span('the strikes on Gaza') } },
  ];
  const [s0, s1, s2] = doc.sentences.map((s) => s.id);
  const put = (agent: Agent, id: number, body: object) => agent.put(`/api/sentences/${id}/annotation`).send(body).expect(200);
  await put(a.agent, s0!, { status: 'claims', claims });
  await put(b.agent, s0!, { status: 'claims', claims });
  await put(a.agent, s1!, {
    status: 'claims',
    claims: [{ speaker: { span: span('中国外交部') }, stance: 'mediate', target: { span: span('𠀋 restraint 👍🏽') }, cue: span('urged') }],
  });
  await put(b.agent, s1!, { status: 'no_claim', claims: [] });
  await put(a.agent, s2!, { status: 'skipped', claims: [], note: 'unclear' });
  await reviewer.agent.post(`/api/projects/${project.id}/gold/unanimous`).send({ apply: true }).expect(200);
  return { project, doc, reviewer, admin, a };
}

describe('export', () => {
  it('streams one JSONL record per sentence that validates against the served JSON Schema', async () => {
    const { project, reviewer } = await labelledProject();
    const res = await reviewer.agent
      .get(`/api/projects/${project.id}/export`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString()));
        r.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const records = lines(res.body as string);
    expect(records).toHaveLength(3);

    const schema = await reviewer.agent.get('/api/schema/export-record.json').expect(200);
    const validate = new Ajv2020({ strict: false }).compile(schema.body);
    for (const record of records) {
      expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
      ExportRecord.parse(record);
    }
    const [first, second, third] = records as ExportRecord[];
    expect(first!.gold).toMatchObject({ method: 'unanimous', reviewer: 'reviewer-1', sources: ['annotator-1', 'annotator-2'] });
    expect(first!.agreement).toEqual({ annotators: 2, unanimous: true });
    expect(first!.annotations.map((a) => a.annotator)).toEqual(['annotator-1', 'annotator-2']);
    expect(JSON.stringify(records)).not.toMatch(/annotator\d|reviewer\d|"username"/);
    expect(second!.gold).toBeNull();
    expect(third!.annotations[0]).toMatchObject({ status: 'skipped', note: 'unclear' });
    expect(first!.provenance).toMatchObject({
      segmenter: expect.stringMatching(/^parley-rules/),
      codebook_version: 1,
      tool_version: expect.stringMatching(/^parley /),
    });
  });

  it('has offsets that are exact in Python: text[start:end] is every span', async () => {
    const { project, reviewer, doc } = await labelledProject();
    const body = (await reviewer.agent.get(`/api/projects/${project.id}/export`).buffer(true)).text;
    const flat = (await reviewer.agent.get(`/api/projects/${project.id}/export?flat=1`).buffer(true)).text;
    // With text=1 each record carries its document's text: the check then uses that text instead.
    const withText = (await reviewer.agent.get(`/api/projects/${project.id}/export?text=1`).buffer(true)).text;
    writeFileSync(join(dir, 'export.jsonl'), body);
    writeFileSync(join(dir, 'flat.jsonl'), flat);
    writeFileSync(join(dir, 'with-text.jsonl'), withText);
    // The document text fetched the way a user would: from the API.
    writeFileSync(join(dir, 'document.txt'), doc.text, 'utf8');
    const script = `
import json, sys
fetched = open(sys.argv[1], encoding='utf-8').read()
text = fetched
checked = 0
def check(span):
    global checked
    if span is None or span.get('start') is None:
        return
    assert text[span['start']:span['end']] == span['text'], (span, text[span['start']:span['end']])
    checked += 1
def claims_of(record):
    if 'claim' in record:
        return [record['claim']]
    out = [c for a in record['annotations'] for c in a['claims']]
    if record['gold']:
        out += record['gold']['claims']
    return out
for path in sys.argv[2:]:
    for line in open(path, encoding='utf-8'):
        record = json.loads(line)
        text = record['document'].get('text', fetched)
        assert text == fetched
        s = record['sentence']
        assert text[s['start']:s['end']] == s['text']
        checked += 1
        for claim in claims_of(record):
            check(claim['speaker']); check(claim['target']); check(claim['cue'])
print(checked)
`;
    writeFileSync(join(dir, 'check.py'), script);
    const checked = Number(
      execFileSync('python3', [
        join(dir, 'check.py'),
        join(dir, 'document.txt'),
        join(dir, 'export.jsonl'),
        join(dir, 'flat.jsonl'),
        join(dir, 'with-text.jsonl'),
      ])
        .toString()
        .trim(),
    );
    // 3 sentences + 9 spans in the sentence records (twice); the flat records repeat them per claim.
    expect(checked).toBeGreaterThanOrEqual(30);
    expect(lines(withText).every((record) => (record as ExportRecord).document.text === doc.text)).toBe(true);
  });

  it('filters by gold, status, documents and boilerplate, splits documents with a fixed seed, and counts', async () => {
    const { project, reviewer, admin, doc } = await labelledProject();
    const second = await importDocument(admin.agent, project.id, 'Second document. With two sentences.');
    const get = async (query: string) => lines((await reviewer.agent.get(`/api/projects/${project.id}/export?${query}`).buffer(true)).text) as ExportRecord[];
    expect((await get('gold=only')).map((r) => r.sentence.index)).toEqual([0]);
    expect((await get('gold=only'))[0]!.annotations).toEqual([]);
    expect((await get('status=skipped')).map((r) => r.sentence.index)).toEqual([2]);
    expect(await get('')).toHaveLength(5);
    // Any label: claims or no claim (a skip is no label), or a gold label with no annotation at all.
    expect((await get('status=labelled')).map((r) => `${r.document.id}:${r.sentence.index}`)).toEqual([`${doc.id}:0`, `${doc.id}:1`]);
    await reviewer.agent.put(`/api/sentences/${second.sentences[1]!.id}/gold`).send({ status: 'no_claim', claims: [], method: 'edited' }).expect(200);
    expect((await get('status=labelled')).map((r) => `${r.document.id}:${r.sentence.index}`)).toEqual([`${doc.id}:0`, `${doc.id}:1`, `${second.id}:1`]);
    expect((await reviewer.agent.get(`/api/projects/${project.id}/export?status=labelled&count=1`).expect(200)).body).toEqual({
      records: 3,
      sentences: 3,
      documents: 2,
    });
    await reviewer.agent.get(`/api/projects/${project.id}/export?status=labeled`).expect(400);
    const flat = (await get('flat=1')) as unknown as ExportFlatRecord[];
    expect(flat.map((r) => r.origin).sort()).toEqual(['annotator-1', 'annotator-1', 'annotator-1', 'annotator-2', 'annotator-2', 'gold', 'gold']);
    for (const record of flat) ExportFlatRecord.parse(record);

    const split1 = await get('split=50,25,25&seed=7');
    const split2 = await get('split=50,25,25&seed=7');
    expect(split1.map((r) => r.document.split)).toEqual(split2.map((r) => r.document.split));
    expect(new Set(split1.filter((r) => r.document.id === split1[0]!.document.id).map((r) => r.document.split)).size).toBe(1);
    expect(split1.every((r) => ['train', 'dev', 'test'].includes(r.document.split!))).toBe(true);

    const count = await reviewer.agent.get(`/api/projects/${project.id}/export?count=1`).expect(200);
    expect(count.body).toEqual({ records: 5, sentences: 5, documents: 2 });
    const preview = await get('limit=2');
    expect(preview).toHaveLength(2);
    const bad = await reviewer.agent.get(`/api/projects/${project.id}/export?split=50,50,50`).expect(400);
    expect(bad.body.error.message).toMatch(/add up to 100/);
    await reviewer.agent.get(`/api/projects/${project.id}/export?gold=maybe`).expect(400);
  });

  it('gives every flat (one claim per line) record a unique id, the same in every export of the same data', async () => {
    const { project, reviewer } = await labelledProject();
    const flat = async () => lines((await reviewer.agent.get(`/api/projects/${project.id}/export?flat=1`).buffer(true)).text) as ExportFlatRecord[];
    const first = await flat();
    const ids = first.map((record) => record.id);
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
    for (const record of first)
      expect(record.id).toMatch(new RegExp(`^${record.document.text_sha256.slice(0, 12)}:${record.sentence.index}:${record.origin}:\\d+$`));
    expect((await flat()).map((record) => record.id)).toEqual(ids);
    // The sentence part of the id is the sentence record's id.
    const sentences = lines((await reviewer.agent.get(`/api/projects/${project.id}/export`).buffer(true)).text) as ExportRecord[];
    expect(new Set(first.map((record) => record.id.split(':').slice(0, 2).join(':')))).toEqual(
      new Set(sentences.filter((r) => r.gold || r.annotations.some((a) => a.claims.length)).map((r) => r.id)),
    );
  });

  it('count=1 is what the stream holds, under every combination of filters', async () => {
    const { project, reviewer, admin, doc } = await labelledProject();
    const second = await importDocument(admin.agent, project.id, 'Second document. With two sentences.');
    await reviewer.agent.patch(`/api/sentences/${doc.sentences[1]!.id}`).send({ boilerplate: true }).expect(200);
    let checked = 0;
    for (const gold of ['include', 'only'])
      for (const flat of ['0', '1'])
        for (const status of ['', 'claims', 'no_claim', 'skipped', 'labelled'])
          for (const boilerplate of ['1', '0'])
            for (const documents of ['', String(doc.id), String(second.id)]) {
              const query = new URLSearchParams({ gold, flat, boilerplate, ...(status ? { status } : {}), ...(documents ? { documents } : {}) }).toString();
              const records = lines((await reviewer.agent.get(`/api/projects/${project.id}/export?${query}`).buffer(true).expect(200)).text) as (
                ExportRecord | ExportFlatRecord
              )[];
              const count = await reviewer.agent.get(`/api/projects/${project.id}/export?${query}&count=1`).expect(200);
              expect(count.body, query).toEqual({
                records: records.length,
                sentences: new Set(records.map((r) => `${r.document.id}:${r.sentence.index}`)).size,
                documents: new Set(records.map((r) => r.document.id)).size,
              });
              if (records.length > 0) checked++;
            }
    expect(checked).toBeGreaterThan(20);
    const both = await reviewer.agent.get(`/api/projects/${project.id}/export?count=1&limit=2`).expect(400);
    expect(both.body.error.issues).toEqual([{ path: 'limit', message: expect.stringMatching(/leave out limit/) }]);
  });

  it('is for reviewers and admins only', async () => {
    const { project, a } = await labelledProject();
    await a.agent.get(`/api/projects/${project.id}/export`).expect(403);
  });
});
