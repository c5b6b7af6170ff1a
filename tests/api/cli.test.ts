import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../../server/db/connection.ts';
import { listEvents } from '../../server/events/repo.ts';
import { countsOfProjects, findProjectByName } from '../../server/projects/repo.ts';

const run = promisify(execFile);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** How many documents the project of that name holds, read from the database the CLI wrote. */
function documentsOf(projectName: string) {
  const db = openDb(join(dir, 'parley.db'));
  try {
    const project = findProjectByName(db, projectName);
    return project && countsOfProjects(db).get(project.id)?.documents;
  } finally {
    db.close();
  }
}

/** Runs `npm run cli -- …` the way a user does (through tsx), on a database in the temp folder. */
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

describe('command line', () => {
  it('adds users (with a generated password) to a project and lists them', async () => {
    expect((await cli('migrate')).stdout).toMatch(/Applied: 0001_init\.sql/);
    expect((await cli('projects', 'add', 'Demo')).code).toBe(0);

    const added = await cli('users', 'add', 'ada', '--role', 'annotator', '--project', 'Demo');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Created annotator "ada" \(id \d+\), member of "Demo"/);
    expect(added.stdout).toMatch(/Password: \S{8,}/);
    const bad = await cli('users', 'add', 'bob', '--role', 'boss');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--role must be admin, reviewer or annotator/);
    const again = await cli('users', 'add', 'ada', '--role', 'annotator');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const list = await cli('users', 'list');
    expect(list.stdout).toMatch(/ada\tannotator/);
  }, 60_000); // six CLI runs, each a fresh tsx process

  it('creates and lists projects, so a CLI-only user can start: project, users, import', async () => {
    const empty = await cli('projects', 'list');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/No projects yet/);

    const added = await cli('projects', 'add', 'Gulf mediation', '--overlap', '3');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Created project "Gulf mediation" \(id 1, overlap 3, stances condemn, support, mediate\)/);
    expect((await cli('projects', 'add', 'Second')).stdout).toMatch(/id 2, overlap 2/);

    const twice = await cli('projects', 'add', 'Gulf mediation');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/A project named "Gulf mediation" already exists/);
    const badOverlap = await cli('projects', 'add', 'Third', '--overlap', '0');
    expect(badOverlap.code).toBe(2);
    expect(badOverlap.stderr).toMatch(/--overlap must be a whole number from 1 to 20/);
    const noName = await cli('projects', 'add', '   ');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/The project name must not be empty/);

    // The new project is usable by name at once, as the rest of the CLI expects.
    expect((await cli('users', 'add', 'ada', '--role', 'annotator', '--project', 'Gulf mediation')).code).toBe(0);
    writeFileSync(join(dir, 'a.txt'), 'Qatar offered to mediate. Both sides agreed.');
    expect((await cli('import', '--project', 'Gulf mediation', join(dir, 'a.txt'))).code).toBe(0);

    const list = await cli('projects', 'list');
    expect(list.stdout.trim().split('\n')).toEqual([
      '1\tGulf mediation\toverlap 3\t1 document(s)\t1 member(s)',
      '2\tSecond\toverlap 2\t0 document(s)\t0 member(s)',
    ]);
    expect((await cli('help')).stdout).toMatch(/projects add <name> \[--overlap <k>\]/);

    // Created through the API's service: default stance labels, and audited like the CLI's other writes (no user).
    const db = openDb(join(dir, 'parley.db'));
    const labels = findProjectByName(db, 'Gulf mediation')?.stanceLabels;
    const events = listEvents(db, { entity: 'project' });
    db.close();
    expect(labels?.map((label) => label.key)).toEqual(['condemn', 'support', 'mediate']);
    expect(events.map(({ userId, projectId, action, after }) => ({ userId, projectId, action, after }))).toEqual([
      { userId: null, projectId: 1, action: 'create', after: expect.objectContaining({ name: 'Gulf mediation' }) },
      { userId: null, projectId: 2, action: 'create', after: expect.objectContaining({ name: 'Second' }) },
    ]);
  }, 90_000); // ten CLI runs, each a fresh tsx process

  it('imports files and folders, skipping duplicates and reporting bad files without stopping', async () => {
    expect((await cli('projects', 'add', 'News')).code).toBe(0);
    const folder = join(dir, 'in');
    mkdirSync(folder);
    copyFileSync('seeds/001_7aebcf7ab61dba2b.txt', join(folder, 'one.txt'));
    copyFileSync('seeds/001_7aebcf7ab61dba2b.txt', join(folder, 'same-again.txt'));
    writeFileSync(join(folder, 'batch.jsonl'), '{"text":"A first doc."}\n{"text":3}\n{"text":"A second doc."}\n');
    writeFileSync(join(folder, 'notes.pdf'), '%PDF');
    copyFileSync('tests/fixtures/news-article.html', join(dir, 'page.html'));

    const res = await cli('import', '--project', 'News', folder, join(dir, 'page.html'));
    expect(res.stdout).toMatch(/Imported 4 document\(s\) with \d+ sentences from 4 file\(s\); 1 duplicate\(s\) skipped; 2 failure\(s\)\./);
    expect(res.stdout).toMatch(/batch\.jsonl line 2: text/);
    expect(res.stdout).toMatch(/notes\.pdf: unsupported file type/);
    expect(res.code).toBe(1);

    expect(documentsOf('News')).toBe(4);
    const unknown = await cli('import', '--project', 'Nope', folder);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No project with id or name "Nope"/);
  }, 60_000);

  it('reports a missing path or a broken link as a failure of its own and imports the rest; a folder reached again through a link is walked once', async () => {
    expect((await cli('projects', 'add', 'News')).code).toBe(0);
    const folder = join(dir, 'in');
    mkdirSync(folder);
    copyFileSync('seeds/001_7aebcf7ab61dba2b.txt', join(folder, 'one.txt'));
    symlinkSync(join(dir, 'gone.txt'), join(folder, 'broken.txt'));
    symlinkSync('.', join(folder, 'self'));
    const res = await cli('import', '--project', 'News', folder, join(dir, 'missing.txt'));
    expect(res.stdout).toMatch(/Imported 1 document\(s\) with \d+ sentences from 1 file\(s\); 0 duplicate\(s\) skipped; 2 failure\(s\)\./);
    expect(res.stdout).toMatch(/broken\.txt: no such file or folder \(or a link to nothing\)/);
    expect(res.stdout).toMatch(/missing\.txt: no such file or folder/);
    expect(res.code).toBe(1);
    expect(documentsOf('News')).toBe(1);
  }, 60_000);

  it('never writes an export or a backup over the database, never overwrites a file with a backup, and leaves no partial export', async () => {
    expect((await cli('projects', 'add', 'News')).code).toBe(0);
    const database = join(dir, 'parley.db');
    for (const args of [
      ['export', '--project', 'News', '--out', database],
      ['export', '--project', 'News', '--out', `${database}-wal`],
      ['backup', '--out', database],
    ]) {
      const refused = await cli(...args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(/is the database itself \(PARLEY_DB\): choose another file; nothing was written/);
    }
    expect(documentsOf('News')).toBe(0); // the database still opens, its project there
    const other = join(dir, 'other.db');
    writeFileSync(other, 'another database');
    const over = await cli('backup', '--out', other);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/other\.db already exists: a backup never replaces a file/);
    expect(readFileSync(other, 'utf8')).toBe('another database');
    const folder = await cli('export', '--project', 'News', '--out', dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a folder: give the name of a file to write/);
    const exported = join(dir, 'dataset.jsonl');
    writeFileSync(exported, 'an earlier export\n');
    expect((await cli('export', '--project', 'News', '--out', exported)).code).toBe(0);
    expect(readFileSync(exported, 'utf8')).toBe('');
    expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
  }, 60_000);

  it("refuses digits that are one project's id and another's name, and a password sign-in would refuse", async () => {
    expect((await cli('projects', 'add', 'First')).code).toBe(0);
    expect((await cli('projects', 'add', '1')).code).toBe(0);
    expect((await cli('projects', 'add', '07')).code).toBe(0);
    const ambiguous = await cli('export', '--project', '1', '--out', join(dir, 'x.jsonl'));
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/"1" is the id of project "First" and the name of project 2: give the id of the one you mean/);
    expect((await cli('users', 'add', 'ada', '--role', 'annotator', '--project', '07')).stdout).toMatch(/member of "07"/);
    const long = await cli('users', 'add', 'bob', '--role', 'admin', '--password', 'a'.repeat(201));
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/--password must be 8 to 200 characters/);
    const nowhere = await cli('export', '--project', 'First', '--out', join(dir, 'no', 'such', 'x.jsonl'));
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/the folder .*such does not exist/);
  }, 60_000);

  it('checks the command before it opens the database, and reads an existing one only where it must', async () => {
    const typo = await cli('expor', '--project', '1');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Unknown command "expor"/);
    expect(readdirSync(dir)).toEqual([]); // no database was made for it
    for (const command of ['export', 'backup', 'copy-db']) {
      const refused = await cli(command, '--out', join(dir, 'x'));
      expect(refused.code, command).toBe(2);
      expect(refused.stderr).toMatch(/parley\.db does not exist: .* works on a database that has data/);
    }
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('counts an empty or whitespace-only file as a failure and imports nothing from it', async () => {
    expect((await cli('projects', 'add', 'News')).code).toBe(0);
    const folder = join(dir, 'in');
    mkdirSync(folder);
    writeFileSync(join(folder, 'empty.txt'), '');
    writeFileSync(join(folder, 'blank.md'), '  \n\n\t\n');
    writeFileSync(join(folder, 'empty.jsonl'), '');
    writeFileSync(join(folder, 'blank.jsonl'), '\n\n');
    writeFileSync(join(folder, 'lines.jsonl'), '{"text":"Kept."}\n{"text":" "}\n');
    writeFileSync(join(folder, 'real.txt'), 'Doha offered to mediate.');

    const res = await cli('import', '--project', 'News', folder);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Imported 2 document\(s\) with 2 sentences from 6 file\(s\); 0 duplicate\(s\) skipped; 5 failure\(s\)\./);
    expect(res.stdout).toMatch(/✗ blank\.jsonl holds only whitespace: there is no text to import/);
    expect(res.stdout).toMatch(/✗ blank\.md holds only whitespace/);
    expect(res.stdout).toMatch(/✗ empty\.jsonl is empty/);
    expect(res.stdout).toMatch(/✗ empty\.txt is empty/);
    expect(res.stdout).toMatch(/✗ lines\.jsonl line 2: text/);
    expect(documentsOf('News')).toBe(2);
  }, 60_000);
  it('refuses a file that is not UTF-8 whole, naming the byte, instead of importing U+FFFD in its place', async () => {
    expect((await cli('projects', 'add', 'News')).code).toBe(0);
    const folder = join(dir, 'in');
    mkdirSync(folder);
    // Half an emoji written with Python's "surrogatepass" (ED A0 BD), and a Latin-1 é far into a JSONL
    // file, past the first read chunk, after 2,000 good lines: no line of it may be imported.
    writeFileSync(join(folder, 'half.txt'), Buffer.concat([Buffer.from('Doha offered '), Buffer.from([0xed, 0xa0, 0xbd]), Buffer.from(' to mediate.')]));
    const good = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ text: `Doha offered to mediate, day ${i} — ✓.` })).join('\n') + '\n';
    writeFileSync(join(folder, 'latin1.jsonl'), Buffer.concat([Buffer.from(good), Buffer.from('{"text":"Caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    writeFileSync(join(folder, 'real.txt'), 'Cairo hosted talks.');

    const res = await cli('import', '--project', 'News', folder);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Imported 1 document\(s\) with 1 sentences from 3 file\(s\); 0 duplicate\(s\) skipped; 2 failure\(s\)\./);
    expect(res.stdout).toContain('✗ half.txt is not UTF-8 text (byte 13 starts no character)');
    expect(res.stdout).toContain(`✗ latin1.jsonl is not UTF-8 text (byte ${Buffer.byteLength(good) + 12} starts no character)`);
    const list = await cli('projects', 'list');
    expect(list.stdout).toMatch(/News\toverlap 2\t1 document\(s\)/);
  }, 60_000);
});
