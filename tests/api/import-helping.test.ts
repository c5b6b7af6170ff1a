// The CLI's import of a large JSONL file (server/documents/preparer.ts): from WORKER_MIN_BYTES on,
// worker threads prepare its batches while the writing thread writes, and the writing thread
// prepares a batch itself whenever it would wait for one no worker has taken yet. It does from the
// first batch on, while the workers load (0.7 s on an idle machine, 2-3 s on a busy one); the file
// is long enough for them to join long before its end (12,000 articles, 24 batches: on a 2-core
// machine at load 5 the worker's first batch was the 9th of 15,000 articles' 30, and from there
// the writing thread prepared one in four), so the batches of one file come from both threads.
// Whoever prepared it, every document and sentence must be stored exactly, in the file's order.
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freshDatabase, type TestDatabase } from '../support/databases.ts';
import { createProject } from '../../server/projects/service.ts';
import { system } from '../../server/policy.ts';
import { tuples } from '../../server/db/statements.ts';
import { WORKER_MIN_BYTES, JSONL_WRITE_BATCH } from '../../server/documents/files.ts';

const run = promisify(execFile);
const opened: TestDatabase[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const database of opened.splice(0)) database.drop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Article `n`'s sentences: 4 to 20 of them, each naming its article and place. */
function sentencesOf(n: number): string[] {
  return Array.from(
    { length: 4 + (n % 17) },
    (_, s) => `Report ${n} says the delegation in Geneva urged a pause in the talks with Moscow, in statement ${s + 1} of the day.`,
  );
}
/** Paragraphs of four sentences. */
const textOf = (sentences: string[]) =>
  Array.from({ length: Math.ceil(sentences.length / 4) }, (_, p) => sentences.slice(4 * p, 4 * p + 4).join(' ')).join('\n\n');

describe('the CLI import of a file large enough for worker threads', () => {
  it('stores every document and sentence exactly and in order, whichever thread prepared its batch', async () => {
    const database = freshDatabase();
    opened.push(database);
    const project = createProject(database.db, system('test'), { name: 'Wire' });
    const dir = mkdtempSync(join(tmpdir(), 'parley-import-helping-'));
    dirs.push(dir);

    const articles = 12_000;
    const file = join(dir, 'wire.jsonl');
    writeFileSync(
      file,
      Array.from({ length: articles }, (_, n) => JSON.stringify({ title: `Article ${n}`, text: textOf(sentencesOf(n)), source: `wire-${n}` })).join('\n'),
    );
    // Large enough for the workers, and for several write transactions.
    expect(statSync(file).size).toBeGreaterThan(WORKER_MIN_BYTES);
    expect(articles).toBeGreaterThan(2 * JSONL_WRITE_BATCH);

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import', '--project', String(project.id), file], {
      env: { ...process.env, PARLEY_DB: database.location },
    });
    const expected = Array.from({ length: articles }, (_, n) => sentencesOf(n));
    const sentenceCount = expected.reduce((sum, sentences) => sum + sentences.length, 0);
    expect(stdout).toContain(`Imported ${articles} document(s) with ${sentenceCount} sentences from 1 file(s); 0 duplicate(s) skipped; 0 failure(s).`);

    // Documents in the file's order (ids ascending), each with its own counters.
    const documents = tuples<[number], [number, string, string | null, number, number]>(
      database.db,
      `SELECT d.id, d.title, d.source, st.sentences, st.content FROM documents d JOIN document_stats st ON st.document_id = d.id
       WHERE d.project_id = ? ORDER BY d.id`,
    ).all(project.id);
    expect(documents.map(([, title, source, sentences, content]) => [title, source, sentences, content])).toEqual(
      expected.map((sentences, n) => [`Article ${n}`, `wire-${n}`, sentences.length, sentences.length]),
    );

    // Every sentence, in id order: document after document, each in reading order, its text exact.
    const texts = new Map(tuples<[number], [number, string]>(database.db, 'SELECT id, text FROM documents WHERE project_id = ?').all(project.id));
    const sentences = tuples<[number], [number, number, number, number, number]>(
      database.db,
      `SELECT s.document_id, s.idx, s.paragraph, s.start, s."end"
       FROM sentences s JOIN documents d ON d.id = s.document_id WHERE d.project_id = ? ORDER BY s.id`,
    ).all(project.id);
    const documentIds = documents.map(([id]) => id);
    expect(sentences.map(([id, index, paragraph, start, end]) => [id, index, paragraph, texts.get(id)?.slice(start, end)])).toEqual(
      expected.flatMap((ofArticle, n) => ofArticle.map((text, index) => [documentIds[n], index, Math.floor(index / 4), text])),
    );
    // A fresh tsx process, its workers' start and 12,000 articles: 10-16 s here at load 4-6, PostgreSQL 23-27 s.
  }, 120_000);
});
