// `npm run cli -- export` and `backup`: the dataset to a file with a progress bar; the database to
// a file with SQLite's online backup or PostgreSQL's pg_dump, both safe while the server runs.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import cliProgress from 'cli-progress';
import type { Db } from '../db/connection.ts';
import { sqliteHandle } from '../db/sqlite.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { exportRecords, type ExportOptions } from './service.ts';
import { createLineWriter } from './records.ts';

/**
 * Writes the project's export to `path`; returns how many records were written. A file is written
 * beside it first and renamed over `path` once every record is in, so a failed export (a full
 * disk, an error) leaves no cut-off file and the previous export where it was. What is not a file
 * (/dev/stdout, a pipe) is written to directly.
 */
export async function exportToFile(db: Db, project: Project, options: ExportOptions, path: string, showProgress: boolean): Promise<number> {
  if (existsSync(path) && !statSync(path).isFile()) return writeRecords(db, project, options, path, showProgress);
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    const records = await writeRecords(db, project, options, partial, showProgress);
    renameSync(partial, path);
    return records;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

async function writeRecords(db: Db, project: Project, options: ExportOptions, path: string, showProgress: boolean): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const bar = new cliProgress.SingleBar(
    { format: 'export {bar} {value}/{total} documents | {records} records', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let records = 0;
  const toLine = createLineWriter();
  for await (const record of exportRecords(db, project, options, (done, total) => {
    if (!showProgress) return;
    if (!started) bar.start(total, 0, { records });
    started = true;
    bar.update(done, { records });
  })) {
    records++;
    if (!out.write(toLine(record))) await once(out, 'drain');
  }
  if (started) bar.stop();
  out.end();
  await once(out, 'finish');
  return records;
}

/**
 * Copies the live database to `path` with SQLite's online backup API (pages are copied while
 * writers go on). PostgreSQL is backed up with its own tools: `pgDumpTo` below.
 */
export async function backupTo(db: Db, path: string): Promise<{ pages: number }> {
  const sqlite = sqliteHandle(db);
  if (!sqlite) throw new BackupElsewhere();
  const result = await sqlite.backup(path);
  return { pages: result.totalPages };
}

/** `pg_dump` on PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin; undefined when neither. */
export function findPgDump(): string | undefined {
  const onPath = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return 'pg_dump';
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const found = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin', 'pg_dump'))
    .find((file) => existsSync(file));
  return found;
}

/**
 * Backs up the PostgreSQL database at `url` with `pg_dump --format=custom` (one consistent
 * snapshot, safe while Parley serves; restored with pg_restore). The password travels in
 * PGPASSWORD, not on the command line, where any user of the machine could read it.
 */
export function pgDumpTo(url: string, path: string): { bytes: number } {
  const pgDump = findPgDump();
  if (!pgDump) throw new BackupElsewhere();
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const result = spawnSync(pgDump, ['--format=custom', `--file=${path}`, `--dbname=${parsed.toString()}`], {
    encoding: 'utf8',
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.error) throw new Error(`pg_dump could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`pg_dump failed (exit ${result.status}): ${result.stderr.trim()}`);
  return { bytes: statSync(path).size };
}

/** `backup` on PostgreSQL without pg_dump installed: the database server's own tools copy it consistently. */
export class BackupElsewhere extends Error {
  constructor() {
    super(
      'This database is PostgreSQL and pg_dump is not installed here (Debian: apt-get install postgresql-client). ' +
        'Back it up with pg_dump --format=custom --file=parley.dump "$PARLEY_DB" ' +
        '(restore with pg_restore --no-owner --dbname=<empty database> parley.dump). See the README, "Running a team server".',
    );
  }
}
