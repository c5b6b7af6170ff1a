// `npm run cli -- export` and `backup`: the dataset to a file with a progress bar; the database to
// a file with SQLite's online backup, safe while the server runs.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import cliProgress from 'cli-progress';
import type { Db } from '../db/connection.ts';
import { sqliteHandle } from '../db/sqlite.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { exportRecords, type ExportOptions } from './service.ts';
import { createLineWriter } from './records.ts';

/** Writes the project's export to `path`; returns how many records were written. */
export async function exportToFile(db: Db, project: Project, options: ExportOptions, path: string, showProgress: boolean): Promise<number> {
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
 * writers go on). PostgreSQL is backed up with its own tools (README: Backups): `pg_dump`.
 */
export async function backupTo(db: Db, path: string): Promise<{ pages: number }> {
  const sqlite = sqliteHandle(db);
  if (!sqlite) throw new BackupElsewhere();
  const result = await sqlite.backup(path);
  return { pages: result.totalPages };
}

/** `backup` on PostgreSQL: the database server's own tools copy it consistently. */
export class BackupElsewhere extends Error {
  constructor() {
    super(
      'This database is PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=parley.dump "$PARLEY_DB" ' +
        '(restore with pg_restore --dbname=<empty database> parley.dump). See the README, "Backups".',
    );
  }
}
