// What an import stores does not depend on how fast it runs (issue 15, item 4): a varied sample of
// 500 documents (tests/support/importSample.ts) imported as JSONL, on a worker thread and on the
// main thread, gives the sentences, offsets, paragraphs, boilerplate flags, languages, titles and
// hashes recorded in tests/fixtures/import-prepared.json, which the importer produced before it was
// made faster. A deliberate rule change (a new SEGMENTER) regenerates the fixture:
// UPDATE_IMPORT_FIXTURE=1 npx vitest run --project api tests/api/import-rows.test.ts
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../support/databases.ts';
import { sampleTexts } from '../support/importSample.ts';
import { createProject } from '../../server/projects/service.ts';
import { system } from '../../server/policy.ts';
import { importJsonlFile } from '../../server/documents/files.ts';
import { sha256 } from '../../server/documents/prepare.ts';
import { detectTitle } from '../../server/text/structure.ts';
import { sql, tuples } from '../../server/db/statements.ts';

const FIXTURE = new URL('../fixtures/import-prepared.json', import.meta.url);
const FILE_NAME = 'sample.jsonl';

/** One document as stored: [text hash, language, detected title or null, "start:end:paragraph:boilerplate" per sentence]. */
type Row = [hash: string, language: string, title: string | null, sentences: string];

const opened: TestDatabase[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const database of opened.splice(0)) database.drop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The sentences of each document (Node 20 has no Map.groupBy). */
function byDocument<T extends unknown[]>(sentences: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const sentence of sentences) {
    const id = sentence[1] as number;
    map.set(id, [...(map.get(id) ?? []), sentence]);
  }
  return map;
}

function sampleFile(texts: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-import-rows-'));
  dirs.push(dir);
  const path = join(dir, FILE_NAME);
  writeFileSync(path, texts.map((text) => JSON.stringify({ text })).join('\n') + '\n');
  return path;
}

/** Imports the file into a fresh project; its documents as rows, in import order, and every stored row for comparing. */
async function importSample(path: string, worker: boolean) {
  const database = freshDatabase();
  opened.push(database);
  const { db } = database;
  const project = createProject(db, system('test'), { name: 'Sample' });
  const result = await importJsonlFile(db, project.id, path, FILE_NAME, () => {}, { worker });
  const documents = tuples<[number], [number, string, string, string, string, number]>(
    db,
    'SELECT id, title, text, text_sha256, meta, has_astral FROM documents WHERE project_id = ? ORDER BY id',
  ).all(project.id);
  const sentences = tuples<[number], [number, number, number, number, number, number, number]>(
    db,
    `SELECT s.id, s.document_id, s.idx, s.start, s."end", s.paragraph, s.boilerplate
     FROM sentences s JOIN documents d ON d.id = s.document_id WHERE d.project_id = ? ORDER BY s.id`,
  ).all(project.id);
  const stats = tuples<[number], [number, number, number]>(
    db,
    'SELECT document_id, sentences, content FROM document_stats WHERE project_id = ? ORDER BY document_id',
  ).all(project.id);
  const ofDocument = byDocument(sentences);
  const rows = documents.map(([id, title, text, hash, meta]): Row => {
    expect(hash).toBe(sha256(text));
    // A document with no headline line takes the file name as its title (the JSONL lines name no source).
    expect(title).toBe(detectTitle(text) ?? FILE_NAME);
    const spans = (ofDocument.get(id) ?? []).map(([, , , start, end, paragraph, boilerplate]) => `${start}:${end}:${paragraph}:${boilerplate}`);
    return [hash, (JSON.parse(meta) as { language: string }).language, detectTitle(text), spans.join(',')];
  });
  return { result, rows, stored: { documents, sentences, stats } };
}

describe('a JSONL import of a varied sample', () => {
  it('stores the rows the importer stored before it was made faster, on a worker thread or not', async () => {
    const texts = sampleTexts(500);
    const path = sampleFile(texts);
    const onWorker = await importSample(path, true);

    // Blank texts and texts with half a character are refused; a repeated text is a duplicate.
    const importable = new Set(texts.filter((text) => text.trim() !== '' && text.isWellFormed()));
    expect(onWorker.result.imported).toHaveLength(importable.size);
    expect(onWorker.result.errors).toHaveLength(texts.filter((text) => text.trim() === '' || !text.isWellFormed()).length);
    expect(onWorker.result.duplicates).toHaveLength(texts.length - onWorker.result.errors.length - importable.size);

    if (process.env.UPDATE_IMPORT_FIXTURE === '1') {
      const all = texts.map((text) => onWorker.rows.find(([hash]) => hash === sha256(text)) ?? [sha256(text), 'und', detectTitle(text), '']);
      writeFileSync(FIXTURE, `${JSON.stringify(all).replace(/\],\[/g, '],\n[')}\n`);
    }
    const recorded = new Map((JSON.parse(readFileSync(FIXTURE, 'utf8')) as Row[]).map((row) => [row[0], row]));
    for (const row of onWorker.rows) expect(row).toEqual(recorded.get(row[0]));
    // Every document has its counter row (migration 0022: written with the document, or the list
    // would not show it), and its counts agree with its sentences.
    expect(onWorker.stored.stats.map(([id]) => id)).toEqual(onWorker.stored.documents.map(([id]) => id));
    const flags = byDocument(onWorker.stored.sentences);
    for (const [id, sentences, content] of onWorker.stored.stats) {
      expect([sentences, content]).toEqual([flags.get(id)?.length ?? 0, (flags.get(id) ?? []).filter((s) => s[6] === 0).length]);
    }

    const inline = await importSample(path, false);
    expect(inline.result).toEqual(onWorker.result);
    expect(inline.stored).toEqual(onWorker.stored);
    // Two imports of 500 documents, the worker's start-up and PostgreSQL on a busy 2-core machine: ~15 s there at worst.
  }, 60_000);

  it("keeps a document's meta a JSON object: the database refuses text that is not JSON, and JSON that is not an object", () => {
    const database = freshDatabase();
    opened.push(database);
    const project = createProject(database.db, system('test'), { name: 'Meta' });
    const insert = (meta: string) =>
      sql(
        database.db,
        `INSERT INTO documents (project_id, title, text, text_sha256, text_length, meta, segmenter, created_at)
         VALUES (?, 'Title', 'Some text.', ?, 10, ?, 'test', '2026-01-01T00:00:00.000Z')`,
      ).run(project.id, sha256(meta).slice(0, 64), meta);
    for (const meta of ['{"language": "en"', 'not json', '[]', '"text"', '42', 'null']) {
      expect(() => insert(meta), meta).toThrow(/meta|check/i);
    }
    expect(insert('{"language": "en"}').changes).toBe(1);
  });
});
