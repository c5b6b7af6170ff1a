// `npm run cli -- copy-db --to postgres://…`: moving up from SQLite to PostgreSQL (issue 14, item 6).
// Every table of the SQLite database is copied row for row into an empty PostgreSQL database
// migrated to the same schema: the same ids, versions, audit log, pseudonyms and sign-in counts
// (sessions only when asked), so exports, links and the history read the same afterwards.
//
// All or nothing: the whole copy is one transaction on the target, so an interrupted copy leaves
// the target as empty as it was. Memory stays bounded: rows stream from SQLite (one read snapshot,
// so a server still running on the file cannot tear the copy) and go to PostgreSQL in batches.
import cliProgress from 'cli-progress';
import type { Db } from './connection.ts';
import { migrate } from './migrate.ts';
import { sql, tuples, values } from './statements.ts';

export interface CopyOptions {
  /** Also copy the sign-in sessions (everyone stays signed in); by default they sign in again. */
  sessions?: boolean;
  /** Called after each batch: rows copied so far, rows in all, the table being copied. */
  onProgress?: (done: number, total: number, table: string) => void;
}

export interface CopySummary {
  /** Rows copied per table, in the order they were copied. */
  tables: { table: string; rows: number }[];
  /** Sessions left behind (without `sessions`). */
  skippedSessions: number;
}

/** The copy was refused before anything was written (a target with data, a schema that differs). */
export class CopyRefused extends Error {}

/** PostgreSQL takes at most 65,535 parameters per statement; a batch stays well below it. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_ROWS = 500;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface TargetTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Identity columns, whose sequences must continue past the copied ids. */
  identities: string[];
  /** Columns that reference the table itself (actors.parent_id): written after every row is in. */
  selfReferences: string[];
}

/**
 * PostgreSQL's own search table (migration 0015; SQLite's FTS5 table is its counterpart): not in the
 * source, so not copied, but derived from the copied documents once they are in.
 */
const DERIVED = `INSERT INTO document_search (document_id, project_id, words)
  SELECT id, project_id, parley_document_words(title, source) FROM documents`;

/**
 * A reference PostgreSQL checks by a trigger instead of a foreign key (migration 0024: a sentence's
 * document, once per INSERT statement): parents are copied before children all the same, and the
 * trigger stays on (CHECKING_TRIGGERS), so the copied sentences' documents are verified as every
 * other copied reference is by its key.
 */
const CHECKED_REFERENCES = [{ child: 'sentences', parent: 'documents', columns: 'document_id' }];
const CHECKING_TRIGGERS = new Set(['sentences_document_exists']);

/** The tables Parley's migrations built in the target, in an order where every table comes after those it references. */
function targetTables(target: Db): TargetTable[] {
  const names = values<[], string>(
    target,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migrations', 'document_search') ORDER BY table_name",
  ).all();
  const columns = sql<[], { table_name: string; column_name: string; is_identity: string }>(
    target,
    'SELECT table_name, column_name, is_identity FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position',
  ).all();
  const declared = sql<[], { child: string; parent: string; columns: string }>(
    target,
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            string_agg(a.attname, ',' ORDER BY a.attnum) AS columns
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
      GROUP BY c.oid, c.conrelid, c.confrelid`,
  ).all();
  const keys = [...declared, ...CHECKED_REFERENCES];
  const primaryKeys = sql<[], { table_name: string; column_name: string }>(
    target,
    `SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'p' AND c.connamespace = current_schema()::regnamespace
      ORDER BY array_position(c.conkey, a.attnum)`,
  ).all();
  const tables = new Map<string, TargetTable>(
    names.map((name) => [
      name,
      {
        name,
        columns: columns.filter((c) => c.table_name === name).map((c) => c.column_name),
        primaryKey: primaryKeys.filter((k) => k.table_name === name).map((k) => k.column_name),
        identities: columns.filter((c) => c.table_name === name && c.is_identity === 'YES').map((c) => c.column_name),
        selfReferences: keys.filter((k) => k.child === name && k.parent === name).flatMap((k) => k.columns.split(',')),
      },
    ]),
  );
  // Depth-first over the references: a parent is placed before its children.
  const ordered: TargetTable[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: string[]) => {
    if (placed.has(name)) return;
    if (path.includes(name)) throw new CopyRefused(`The schema has a cycle of foreign keys (${[...path, name].join(' → ')}); copy-db cannot order it.`);
    for (const key of keys) if (key.child === name && key.parent !== name) place(key.parent, [...path, name]);
    placed.add(name);
    ordered.push(tables.get(name)!);
  };
  for (const name of names) place(name, []);
  return ordered;
}

/** Refuses a target that already holds rows: copy-db never merges two databases. */
function refuseUnlessEmpty(target: Db): void {
  const names = values<[], string>(
    target,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name",
  ).all();
  const filled = names.filter((name) => values<[], number>(target, `SELECT count(*) FROM (SELECT 1 FROM ${quote(name)} LIMIT 1) AS rows`).get()! > 0);
  if (filled.length > 0) {
    throw new CopyRefused(
      `The target database is not empty (rows in ${filled.join(', ')}): copy-db copies only into an empty database and changed nothing. ` +
        'Create a new database (e.g. createdb parley) and copy into it.',
    );
  }
}

/** The source must hold the same tables and columns (both migrated by this version of Parley). */
function checkSource(source: Db, tables: TargetTable[]): void {
  const sourceTables = new Set(
    // pragma_table_list, not sqlite_schema: the search index (an FTS5 virtual table and its shadow
    // tables, migration 0011) is SQLite's own; PostgreSQL keeps the words in document_search (0015).
    values<[], string>(
      source,
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
    ).all(),
  );
  const missing = tables.filter((t) => !sourceTables.has(t.name)).map((t) => t.name);
  const extra = [...sourceTables].filter((name) => !tables.some((t) => t.name === name));
  if (missing.length || extra.length) {
    throw new CopyRefused(`The two schemas differ (only in PostgreSQL: ${missing.join(', ') || 'none'}; only in SQLite: ${extra.join(', ') || 'none'}).`);
  }
  for (const table of tables) {
    const sourceColumns = new Set(values<[string], string>(source, 'SELECT name FROM pragma_table_info(?)').all(table.name));
    const absent = table.columns.filter((column) => !sourceColumns.has(column));
    if (absent.length || sourceColumns.size !== table.columns.length) {
      throw new CopyRefused(`The table ${table.name} differs between the two databases (columns missing in SQLite: ${absent.join(', ') || 'none'}).`);
    }
  }
}

/**
 * Copies the SQLite database `source` into the PostgreSQL database `target`, which must be
 * migrated and hold no rows. Runs in one transaction on the target; throws CopyRefused (nothing
 * written) when the target is not empty or the schemas differ.
 */
export function copyDatabase(source: Db, target: Db, options: CopyOptions = {}): CopySummary {
  if (source.dialect !== 'sqlite' || target.dialect !== 'postgres') throw new CopyRefused('copy-db copies a SQLite database into a PostgreSQL one.');
  // A batch: saves into the target (a server started on it too early) wait for the copy.
  return target.transaction('batch', () =>
    // One read snapshot of the source: a server still saving into the file cannot tear the copy.
    source.transaction('deferred', () => {
      refuseUnlessEmpty(target);
      const tables = targetTables(target);
      checkSource(source, tables);
      const counts = new Map(tables.map((t) => [t.name, values<[], number>(source, `SELECT count(*) FROM ${quote(t.name)}`).get()!]));
      const copied = tables.filter((t) => options.sessions || t.name !== 'sessions');
      const total = copied.reduce((sum, t) => sum + counts.get(t.name)!, 0);

      // The triggers that derive rows would write a second copy of rows this copy brings anyway: a
      // pseudonym for each copied annotation or gold label (pseudonym_for_annotation,
      // pseudonyms_for_new_gold), an audit event for each copied pseudonym (pseudonym_given), an
      // actors_version bump per copied actor (actors_version_on_insert, and _on_update for the
      // parents written last). They are the AFTER INSERT/UPDATE triggers, of rows and of
      // statements, switched off by name for this transaction only; the BEFORE triggers that refuse
      // a write (events_no_update, events_no_delete: the append-only audit log) stay on, and
      // inserting never fires them. So does the one AFTER trigger that checks rather than derives
      // (CHECKING_TRIGGERS).
      // ALTER TABLE … DISABLE TRIGGER needs only table ownership, which the role that just migrated
      // the target has; `SET session_replication_role = replica` would need a superuser and would also
      // switch off the foreign-key checks, which here still verify every copied reference. The ALTER
      // is transactional: a failed copy rolls it back with the rows, and the lock it takes keeps other
      // connections from writing to those tables until the commit.
      const derived = sql<[], { table_name: string; trigger: string }>(
        target,
        `SELECT tgrelid::regclass::text AS table_name, tgname AS trigger FROM pg_trigger
          WHERE NOT tgisinternal AND tgtype & 2 = 0 AND tgtype & (4 | 16) <> 0 ORDER BY 1, 2`,
      )
        .all()
        .filter((t) => tables.some((table) => table.name === t.table_name) && !CHECKING_TRIGGERS.has(t.trigger));
      const switchTriggers = (how: 'DISABLE' | 'ENABLE') => {
        for (const { table_name, trigger } of derived) target.exec(`ALTER TABLE ${quote(table_name)} ${how} TRIGGER ${quote(trigger)}`);
      };
      switchTriggers('DISABLE');

      let done = 0;
      const summary: CopySummary = { tables: [], skippedSessions: options.sessions ? 0 : (counts.get('sessions') ?? 0) };
      options.onProgress?.(0, total, copied[0]?.name ?? '');
      for (const table of copied) {
        const rows = copyTable(source, target, table, (batch) => {
          done += batch;
          options.onProgress?.(done, total, table.name);
        });
        summary.tables.push({ table: table.name, rows });
      }
      for (const table of copied) {
        for (const column of table.identities) {
          // The next id PostgreSQL gives is one past the largest copied one (1 on an empty table).
          target.exec(
            `SELECT setval(pg_get_serial_sequence('${table.name}', '${column}'), (SELECT coalesce(max(${quote(column)}), 0) + 1 FROM ${quote(table.name)}), false)`,
          );
        }
      }
      // One statement for every document, instead of the trigger switched off above once per row.
      target.exec(DERIVED);
      switchTriggers('ENABLE');
      return summary;
    }),
  );
}

/** Streams one table's rows in primary-key order into the target in batches; returns how many. */
function copyTable(source: Db, target: Db, table: TargetTable, onBatch: (rows: number) => void): number {
  const columnList = table.columns.map(quote).join(', ');
  const order = (table.primaryKey.length ? table.primaryKey : table.columns).map(quote).join(', ');
  const rows = tuples<[], unknown[]>(source, `SELECT ${columnList} FROM ${quote(table.name)} ORDER BY ${order}`).iterate();
  const selfIndexes = table.selfReferences.map((column) => table.columns.indexOf(column));
  const perBatch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const row = `(${table.columns.map(() => '?').join(', ')})`;
  const insert = (count: number) =>
    target.prepare(`INSERT INTO ${quote(table.name)} (${columnList}) VALUES ${Array.from({ length: count }, () => row).join(', ')}`);
  // A row may reference one with a larger id (an actor given a parent created after it): the
  // references to the table itself are written once all its rows are in.
  const later: { key: unknown[]; values: unknown[] }[] = [];
  let batch: unknown[] = [];
  let inBatch = 0;
  let count = 0;
  const flush = () => {
    if (inBatch === 0) return;
    try {
      insert(inBatch).run(...batch);
    } catch (error) {
      throw new Error(`Copying ${table.name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    onBatch(inBatch);
    count += inBatch;
    batch = [];
    inBatch = 0;
  };
  for (const tuple of rows) {
    // PostgreSQL text cannot hold a NUL character (SQLite's can), and libpq would cut the value there.
    const nul = tuple.findIndex((value) => typeof value === 'string' && value.includes('\u0000'));
    if (nul >= 0) {
      const key = table.primaryKey.map((column) => `${column} ${String(tuple[table.columns.indexOf(column)])}`).join(', ');
      throw new Error(
        `Copying ${table.name} failed: ${table.columns[nul]} of the row with ${key} holds a NUL character, which PostgreSQL cannot store; ` +
          'remove it in the SQLite database and copy again (nothing was copied).',
      );
    }
    if (selfIndexes.some((i) => tuple[i] !== null)) {
      later.push({ key: table.primaryKey.map((column) => tuple[table.columns.indexOf(column)]), values: selfIndexes.map((i) => tuple[i]) });
      for (const i of selfIndexes) tuple[i] = null;
    }
    batch.push(...tuple);
    if (++inBatch === perBatch) flush();
  }
  flush();
  if (later.length > 0) {
    const set = table.selfReferences.map((column) => `${quote(column)} = ?`).join(', ');
    const where = table.primaryKey.map((column) => `${quote(column)} = ?`).join(' AND ');
    const update = target.prepare(`UPDATE ${quote(table.name)} SET ${set} WHERE ${where}`);
    for (const { key, values: references } of later) update.run(...references, ...key);
  }
  return count;
}

/** copy-db as the CLI runs it: opens and migrates the target, copies with a progress bar on a terminal. */
export function copyWithProgress(source: Db, target: Db, options: { sessions: boolean; showProgress: boolean }): CopySummary {
  // Refused before migrating too, so that a database with someone's data is not even migrated.
  refuseUnlessEmpty(target);
  migrate(target);
  const bar = new cliProgress.SingleBar({ format: 'copy {bar} {value}/{total} rows | {table}', hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  try {
    return copyDatabase(source, target, {
      sessions: options.sessions,
      onProgress: (done, total, table) => {
        if (!options.showProgress) return;
        if (!started) bar.start(total, 0, { table });
        started = true;
        bar.update(done, { table });
      },
    });
  } finally {
    if (started) bar.stop();
  }
}

/** The summary as the CLI prints it: rows per table. */
export function formatCopySummary(summary: CopySummary, target: string): string {
  const width = Math.max(...summary.tables.map((t) => t.table.length));
  const lines = summary.tables.map((t) => `  ${t.table.padEnd(width)}  ${t.rows}`);
  const total = summary.tables.reduce((sum, t) => sum + t.rows, 0);
  const sessions = summary.skippedSessions ? `\n${summary.skippedSessions} session(s) not copied: everyone signs in again (copy them with --sessions).` : '';
  return `Copied ${total} row(s) into ${target}:\n${lines.join('\n')}${sessions}`;
}
