// The CLI's import-predictions (issue 16, item 4): a model's JSONL answers to an export, in the
// export's record ids, imported all lines or none, with problems reported by line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../../server/db/connection.ts';
import { system } from '../../server/policy.ts';
import { getSuggestions } from '../../server/suggestions/service.ts';
import { ExportRecord } from '../../shared/schemas/export.ts';

const run = promisify(execFile);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      env: { ...process.env, PARLEY_DB: join(dir, 'parley.db') },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('import-predictions', () => {
  it('imports a model’s answers to an export by record id, all lines or none', async () => {
    expect((await cli('projects', 'add', 'Demo')).code).toBe(0);
    writeFileSync(join(dir, 'article.txt'), 'Moscow backed Israel on Monday.\n\nThe weather was cold.\n');
    expect((await cli('import', '--project', 'Demo', join(dir, 'article.txt'))).code).toBe(0);
    expect((await cli('export', '--project', 'Demo', '--out', join(dir, 'export.jsonl'))).code).toBe(0);
    const [first, second] = readFileSync(join(dir, 'export.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => ExportRecord.parse(JSON.parse(line)));
    const claim = { speaker: { span: { start: 0, end: 6 } }, stance: 'support', target: { span: { start: 14, end: 20 } }, score: 0.6 };
    const file = join(dir, 'predictions.jsonl');

    writeFileSync(
      file,
      [JSON.stringify({ id: first!.id, claims: [claim] }), '{"id": "nope"}', JSON.stringify({ id: second!.id, claims: [{ ...claim, stance: 'praise' }] })].join(
        '\n',
      ),
    );
    const refused = await cli('import-predictions', '--project', 'Demo', '--model', 'toy/1', file);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/Imported nothing/);
    expect(refused.stdout).toMatch(/line 2: id: must be an export record id/);
    writeFileSync(
      file,
      [JSON.stringify({ id: first!.id, claims: [claim] }), JSON.stringify({ id: second!.id, claims: [{ ...claim, stance: 'praise' }] })].join('\n'),
    );
    const badStance = await cli('import-predictions', '--project', 'Demo', '--model', 'toy/1', file);
    expect(badStance.stdout).toMatch(/line 2: claims\.0\.stance: "praise" is not a stance of this project/);

    writeFileSync(file, `${JSON.stringify({ id: first!.id, claims: [claim] })}\n\n${JSON.stringify({ id: second!.id, claims: [] })}\n`);
    const imported = await cli('import-predictions', '--project', 'Demo', '--model', 'toy/1', file);
    expect(imported.stdout).toMatch(/Imported 1 predicted claim\(s\) of toy\/1 for 2 sentence\(s\); replaced 0\./);
    expect(imported.code).toBe(0);

    const db = openDb(join(dir, 'parley.db'));
    try {
      const suggestions = getSuggestions(db, system('test'), first!.document.id);
      expect(suggestions.map((s) => [s.source, s.model, s.score, s.claim.stance])).toEqual([['model', 'toy/1', 0.6, 'support']]);
    } finally {
      db.close();
    }
  }, 90_000); // seven CLI runs, each a fresh tsx process
});
