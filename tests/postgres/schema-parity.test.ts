// The PostgreSQL migrations must build the schema the SQLite ones build (issue 14): the same tables
// and columns, keys, foreign keys, CHECKs, indexes and triggers, so that every repository query and
// every rule the database enforces holds on both engines. Each engine's catalog is read into a list
// of facts ("column users.username text not null"); the two lists must be equal, and a failure
// lists every fact found on one side only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { openDb, type Db } from '../../server/db/connection.ts';
import { migrate, MIGRATIONS_DIRS } from '../../server/db/migrate.ts';
import { databaseUrl } from '../support/databases.ts';

type Row = Record<string, unknown>;
type Query = (sql: string) => Row[];

/** Differences on purpose, each with its reason. */
const INTENDED = new Map([
  [
    'only in PostgreSQL: trigger events_no_truncate on events: BEFORE TRUNCATE for each statement',
    'TRUNCATE skips row triggers, so it is refused by one of its own; SQLite has no TRUNCATE',
  ],
  // Full-text search (migrations 0011 and 0015): SQLite keeps an FTS5 table (not compared: a virtual
  // table) in step with documents by triggers; PostgreSQL keeps each document's tsvector in the
  // narrow table document_search, GIN-indexed, by triggers too (a delete cascades).
  ['only in SQLite: trigger documents_search_insert on documents: AFTER INSERT for each row', 'FTS5 external content is kept by triggers'],
  ['only in SQLite: trigger documents_search_delete on documents: AFTER DELETE for each row', 'FTS5 external content is kept by triggers'],
  ['only in SQLite: trigger documents_search_update on documents: AFTER UPDATE OF source, title for each row', 'FTS5 external content is kept by triggers'],
  ['only in PostgreSQL: table document_search', 'the tsvector table PostgreSQL searches instead of FTS5'],
  ['only in PostgreSQL: column document_search.document_id integer not null', 'the tsvector table PostgreSQL searches instead of FTS5'],
  ['only in PostgreSQL: column document_search.project_id integer not null', 'the tsvector table PostgreSQL searches instead of FTS5'],
  ['only in PostgreSQL: column document_search.words other tsvector not null', 'the tsvector table PostgreSQL searches instead of FTS5'],
  ['only in PostgreSQL: primary key document_search (document_id)', 'the tsvector table PostgreSQL searches instead of FTS5'],
  [
    'only in PostgreSQL: foreign key document_search (document_id) references documents (id) on delete CASCADE',
    'the tsvector table PostgreSQL searches instead of FTS5',
  ],
  ['only in PostgreSQL: index document_search_words on document_search (words)', 'the GIN index of the tsvector table'],
  ['only in PostgreSQL: trigger document_search_insert on documents: AFTER INSERT for each statement', 'the tsvector table is kept by triggers'],
  ['only in PostgreSQL: trigger document_search_update on documents: AFTER UPDATE OF source, title for each row', 'the tsvector table is kept by triggers'],
  // A project's document count (migration 0021): once per INSERT or DELETE statement on PostgreSQL,
  // where a row trigger would update the one counter row once per document of an import.
  ['only in SQLite: trigger project_stats_on_document on documents: AFTER INSERT for each row', 'PostgreSQL counts once per statement'],
  ['only in PostgreSQL: trigger project_stats_on_document on documents: AFTER INSERT for each statement', 'PostgreSQL counts once per statement'],
  ['only in SQLite: trigger project_stats_on_document_removed on documents: AFTER DELETE for each row', 'PostgreSQL counts once per statement'],
  ['only in PostgreSQL: trigger project_stats_on_document_removed on documents: AFTER DELETE for each statement', 'PostgreSQL counts once per statement'],
  // A sentence's document (migration 0024): PostgreSQL checks it once per INSERT statement, where
  // the foreign key ran a query for each of an import's 1.2 M sentences; the triggers keep the
  // key's rules (the document exists and stays until the commit, a delete takes the sentences).
  ['only in SQLite: foreign key sentences (document_id) references documents (id) on delete CASCADE', 'PostgreSQL checks it once per statement'],
  ['only in PostgreSQL: trigger sentences_document_exists on sentences: AFTER INSERT for each statement', "the foreign key's check, once per statement"],
  ['only in PostgreSQL: trigger sentences_stay_in_document on sentences: BEFORE UPDATE OF document_id for each row', 'a sentence never moves'],
  ['only in PostgreSQL: trigger sentences_on_document_removed on documents: AFTER DELETE for each statement', "the foreign key's ON DELETE CASCADE"],
  [
    'only in PostgreSQL: trigger sentences_on_documents_truncated on documents: AFTER TRUNCATE for each statement',
    'TRUNCATE … CASCADE reached sentences by the key',
  ],
  // The runner writes each migration's number itself; an INTEGER PRIMARY KEY is a rowid on SQLite regardless.
  ['only in SQLite: column schema_migrations.id integer not null generated id', 'ids are migration numbers'],
  ['only in PostgreSQL: column schema_migrations.id integer not null', 'ids are migration numbers'],
]);

// ---- SQLite ------------------------------------------------------------------------------------

interface Token {
  kind: 'word' | 'quoted' | 'string' | 'other';
  text: string;
}

/** SQL text as tokens, without comments; quoted identifiers unquoted, string literals kept apart. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql.charAt(i);
    if (/\s/.test(ch)) i++;
    else if (sql.startsWith('--', i)) i = sql.includes('\n', i) ? sql.indexOf('\n', i) : sql.length;
    else if (sql.startsWith('/*', i)) i = sql.includes('*/', i) ? sql.indexOf('*/', i) + 2 : sql.length;
    else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let text = '';
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql.charAt(j) !== close) text += sql.charAt(j);
        else if (close !== ']' && sql.charAt(j + 1) === close) text += sql.charAt(j++);
        else break;
      }
      tokens.push({ kind: ch === "'" ? 'string' : 'quoted', text });
      i = j + 1;
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*|^[0-9.]+/.exec(sql.slice(i))?.[0];
      tokens.push({ kind: word && /^[A-Za-z_]/.test(word) ? 'word' : 'other', text: word ?? ch });
      i += word?.length ?? 1;
    }
  }
  return tokens;
}

/** The tokens of the parenthesised group that opens at `tokens[open]`, without its parentheses. */
function group(tokens: Token[], open: number): Token[] {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const text = tokens[j]?.kind === 'other' ? tokens[j]?.text : '';
    if (text === '(') depth++;
    if (text === ')' && --depth === 0) return tokens.slice(open + 1, j);
  }
  throw new Error('unbalanced parentheses');
}

/** The columns each CHECK of a CREATE TABLE statement mentions (a name followed by `(` is a function). */
function sqliteChecks(createTable: string, columns: Set<string>): string[][] {
  const tokens = tokenize(createTable);
  const checks: string[][] = [];
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j];
    if (token?.kind !== 'word' || token.text.toUpperCase() !== 'CHECK' || tokens[j + 1]?.text !== '(') continue;
    const expression = group(tokens, j + 1);
    const mentioned = expression.filter(
      (t, k) => (t.kind === 'word' || t.kind === 'quoted') && columns.has(t.text.toLowerCase()) && expression[k + 1]?.text !== '(',
    );
    checks.push([...new Set(mentioned.map((t) => t.text.toLowerCase()))]);
  }
  return checks;
}

/** A trigger's timing and events as both engines can state them: `AFTER UPDATE OF a, b`. */
function triggerShape(definition: string, defaultTiming: string): string {
  const match = /TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?\S+\s+(?:(BEFORE|AFTER|INSTEAD\s+OF)\s+)?(.+?)\s+ON\s/is.exec(definition);
  if (!match?.[2]) throw new Error(`cannot read trigger ${definition}`);
  const events = match[2].split(/\s+OR\s+/i).map((event) => {
    const of = /^UPDATE\s+OF\s+(.+)$/is.exec(event);
    return of?.[1]
      ? `UPDATE OF ${list(
          of[1].split(',').map((c) => c.trim().toLowerCase()),
          true,
        )}`
      : event.toUpperCase();
  });
  return `${(match[1] ?? defaultTiming).toUpperCase().replace(/\s+/, ' ')} ${events.join(' OR ')}`;
}

const list = (columns: string[], sorted = false) => (sorted ? [...columns].sort() : columns).join(', ');
const str = (value: unknown) => (value === null || value === undefined ? null : String(value));

function sqliteFacts(query: Query): string[] {
  const facts: string[] = [];
  const tables = query(
    "SELECT l.name, l.wr, m.sql FROM pragma_table_list l JOIN sqlite_master m ON m.name = l.name WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite_%'",
  );
  for (const table of tables) {
    const name = String(table.name);
    facts.push(`table ${name}`);
    const columns = query(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info('${name}') ORDER BY cid`);
    const pk = columns.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
    for (const c of columns) {
      const type = String(c.type).toUpperCase();
      const family = type === 'INTEGER' ? 'integer' : type === 'REAL' ? 'real' : type === 'TEXT' ? 'text' : `other ${type}`;
      // A primary key column of a STRICT table (and every INTEGER PRIMARY KEY) never holds NULL.
      const notNull = Number(c.notnull) === 1 || Number(c.pk) > 0;
      const rowid = pk.length === 1 && Number(c.pk) === 1 && type === 'INTEGER' && Number(table.wr) === 0;
      facts.push(columnFact(name, String(c.name), family, notNull, str(c.dflt_value), rowid));
    }
    if (pk.length > 0) facts.push(`primary key ${name} (${list(pk.map((c) => String(c.name)))})`);
    for (const index of query(`SELECT name, "unique", origin, partial FROM pragma_index_list('${name}')`)) {
      if (index.origin === 'pk') continue;
      const keys = query(`SELECT name, cid FROM pragma_index_xinfo('${String(index.name)}') WHERE key = 1 ORDER BY seqno`);
      const cols = keys.map((k) => (Number(k.cid) === -2 ? '<expression>' : String(k.name)));
      facts.push(indexFact(name, String(index.name), Number(index.unique) === 1, Number(index.partial) === 1, cols));
    }
    const fks = new Map<number, Row[]>();
    for (const fk of query(`SELECT * FROM pragma_foreign_key_list('${name}') ORDER BY id, seq`)) {
      fks.set(Number(fk.id), [...(fks.get(Number(fk.id)) ?? []), fk]);
    }
    for (const parts of fks.values()) {
      const ref = String(parts[0]?.table);
      const refPk = () => query(`SELECT name FROM pragma_table_info('${ref}') WHERE pk > 0 ORDER BY pk`).map((r) => String(r.name));
      const to = parts[0]?.to === null ? refPk() : parts.map((p) => String(p.to));
      facts.push(`foreign key ${name} (${list(parts.map((p) => String(p.from)))}) references ${ref} (${list(to)}) on delete ${String(parts[0]?.on_delete)}`);
    }
    for (const cols of sqliteChecks(String(table.sql), new Set(columns.map((c) => String(c.name).toLowerCase())))) {
      facts.push(`check ${name} (${list(cols, true)})`);
    }
  }
  for (const trigger of query("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")) {
    facts.push(`trigger ${String(trigger.name)} on ${String(trigger.tbl_name)}: ${triggerShape(String(trigger.sql), 'BEFORE')} for each row`);
  }
  return facts;
}

// ---- both --------------------------------------------------------------------------------------

function columnFact(table: string, column: string, family: string, notNull: boolean, dflt: string | null, generatedId: boolean): string {
  const parts = [`column ${table}.${column} ${family} ${notNull ? 'not null' : 'null'}`];
  if (dflt !== null) parts.push(`default ${dflt}`);
  if (generatedId) parts.push('generated id');
  return parts.join(' ');
}

/**
 * UNIQUE constraints and unique indexes compare by column set: the index behind a constraint is
 * named by each engine its own way (sqlite_autoindex_users_1, users_username_key).
 */
function indexFact(table: string, index: string, unique: boolean, partial: boolean, cols: string[]): string {
  const where = partial ? ' partial' : '';
  if (unique) return `unique ${table} (${list(cols, true)})${where}`;
  return `index ${index} on ${table} (${list(cols)})${where}`;
}

// ---- PostgreSQL --------------------------------------------------------------------------------

const PUBLIC_TABLES = "SELECT c.oid, c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')";

/** Column names of `rel` at the attribute numbers of `keys`, in order (0: an expression). */
const attnames = (keys: string, rel: string, limit = '') =>
  `(SELECT string_agg(CASE WHEN k.n = 0 THEN '<expression>' ELSE a.attname::text END, ',' ORDER BY k.o)
    FROM unnest(${keys}) WITH ORDINALITY AS k(n, o) LEFT JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.n ${limit})`;

const family = (type: string) =>
  ['int2', 'int4', 'int8'].includes(type)
    ? 'integer'
    : ['float4', 'float8', 'numeric'].includes(type)
      ? 'real'
      : ['text', 'varchar', 'bpchar', 'citext'].includes(type)
        ? 'text'
        : `other ${type}`;

/** A default as SQLite prints it: PostgreSQL adds casts (`'[]'::text`). */
const plainDefault = (dflt: string | null) => dflt && dflt.replace(/^\((.*)\)$/s, '$1').replace(/(::[a-z ]+(\[\])?)+$/, '');

const cols = (value: unknown) => (value === null || value === undefined || value === '' ? [] : String(value).split(','));
const yes = (value: unknown) => value === true || value === 't' || value === 1 || value === '1';

function postgresFacts(query: Query): string[] {
  const facts: string[] = [];
  for (const t of query(`${PUBLIC_TABLES} ORDER BY c.relname`)) facts.push(`table ${String(t.relname)}`);
  const columns = query(`SELECT t.relname, a.attname, y.typname, a.attnotnull, a.attidentity::text AS identity,
      pg_get_expr(d.adbin, d.adrelid) AS dflt
    FROM (${PUBLIC_TABLES}) t JOIN pg_attribute a ON a.attrelid = t.oid JOIN pg_type y ON y.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped ORDER BY t.relname, a.attnum`);
  for (const c of columns) {
    const generated = c.identity === 'a' || c.identity === 'd';
    facts.push(columnFact(String(c.relname), String(c.attname), family(String(c.typname)), yes(c.attnotnull), plainDefault(str(c.dflt)), generated));
  }
  const indexes = query(`SELECT t.relname, ic.relname AS name, i.indisunique, i.indisprimary, i.indpred IS NOT NULL AS partial,
      ${attnames('i.indkey::int2[]', 'i.indrelid', 'WHERE k.o <= i.indnkeyatts')} AS cols
    FROM (${PUBLIC_TABLES}) t JOIN pg_index i ON i.indrelid = t.oid JOIN pg_class ic ON ic.oid = i.indexrelid`);
  for (const i of indexes) {
    if (yes(i.indisprimary)) facts.push(`primary key ${String(i.relname)} (${list(cols(i.cols))})`);
    else facts.push(indexFact(String(i.relname), String(i.name), yes(i.indisunique), yes(i.partial), cols(i.cols)));
  }
  const constraints = query(`SELECT t.relname, c.contype::text AS kind, c.confdeltype::text AS on_delete,
      r.relname AS ref, ${attnames('c.conkey', 'c.conrelid')} AS cols, ${attnames('c.confkey', 'c.confrelid')} AS ref_cols
    FROM (${PUBLIC_TABLES}) t JOIN pg_constraint c ON c.conrelid = t.oid LEFT JOIN pg_class r ON r.oid = c.confrelid
    WHERE c.contype IN ('f', 'c')`);
  const onDelete: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
  for (const c of constraints) {
    const table = String(c.relname);
    if (c.kind === 'c') facts.push(`check ${table} (${list(cols(c.cols), true)})`);
    else {
      const action = onDelete[String(c.on_delete)] ?? String(c.on_delete);
      facts.push(`foreign key ${table} (${list(cols(c.cols))}) references ${String(c.ref)} (${list(cols(c.ref_cols))}) on delete ${action}`);
    }
  }
  const triggers = query(`SELECT g.tgname, t.relname, pg_get_triggerdef(g.oid) AS def
    FROM (${PUBLIC_TABLES}) t JOIN pg_trigger g ON g.tgrelid = t.oid WHERE NOT g.tgisinternal`);
  for (const g of triggers) {
    const def = String(g.def);
    const level = /FOR EACH ROW/i.test(def) ? 'row' : 'statement';
    facts.push(`trigger ${String(g.tgname)} on ${String(g.relname)}: ${triggerShape(def, '')} for each ${level}`);
  }
  return facts;
}

/** Every fact found on one side only (a repeated fact counts: two equal CHECKs are not one). */
function differences(sqlite: string[], postgres: string[]): string[] {
  const count = new Map<string, number>();
  for (const fact of sqlite) count.set(fact, (count.get(fact) ?? 0) + 1);
  for (const fact of postgres) count.set(fact, (count.get(fact) ?? 0) - 1);
  const out: string[] = [];
  for (const [fact, n] of count) {
    for (let k = 0; k < Math.abs(n); k++) out.push(`only in ${n > 0 ? 'SQLite' : 'PostgreSQL'}: ${fact}`);
  }
  return out.filter((difference) => !INTENDED.has(difference)).sort();
}

// ---- the databases -----------------------------------------------------------------------------

const migrationFiles = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort();

const databaseName = `parley_parity_${randomBytes(6).toString('hex')}`;
let admin: Db | undefined;
let postgres: Db;
let sqlite: Db;

// Each engine as Parley opens and migrates it (server/db), so the runner's own table is compared too.
beforeAll(() => {
  const adminUrl = process.env.PARLEY_TEST_POSTGRES;
  if (!adminUrl) throw new Error('PARLEY_TEST_POSTGRES must name a PostgreSQL cluster (bash .ci/postgres.sh start DIR prints one)');
  admin = openDb(adminUrl);
  admin.exec(`CREATE DATABASE ${databaseName}`);
  postgres = openDb(databaseUrl(databaseName));
  migrate(postgres);
  sqlite = openDb(':memory:');
  migrate(sqlite);
});

afterAll(() => {
  sqlite?.close();
  postgres?.close();
  if (admin) {
    admin.exec(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    admin.close();
  }
});

const reader =
  (db: () => Db): Query =>
  (text) =>
    db().prepare(text).all() as Row[];
const sqliteQuery = reader(() => sqlite);
const postgresQuery = reader(() => postgres);

describe('PostgreSQL schema parity', () => {
  it('has the same migrations, by number and name, for both engines', () => {
    expect(migrationFiles(MIGRATIONS_DIRS.postgres)).toEqual(migrationFiles(MIGRATIONS_DIRS.sqlite));
  });

  it('builds the same tables, columns, keys, CHECKs, indexes and triggers as SQLite', () => {
    const facts = sqliteFacts(sqliteQuery);
    // Every kind of fact is read from SQLite, so an empty reader cannot pass for parity.
    for (const kind of ['table', 'column', 'primary key', 'unique', 'foreign key', 'check', 'index', 'trigger']) {
      expect(facts.some((fact) => fact.startsWith(`${kind} `))).toBe(true);
    }
    const found = differences(facts, postgresFacts(postgresQuery));
    expect(found, `schema differences:\n${found.join('\n')}`).toEqual([]);
  });

  it('lists a difference of each kind when the PostgreSQL schema drifts', () => {
    postgres.exec(`
      ALTER TABLE users ADD COLUMN nickname TEXT;
      ALTER TABLE sessions ALTER COLUMN expires_at DROP NOT NULL;
      ALTER TABLE documents ALTER COLUMN meta SET DEFAULT '[]';
      CREATE INDEX users_created ON users (created_at);
      ALTER TABLE actors DROP CONSTRAINT actors_project_id_name_key;
      ALTER TABLE annotations DROP CONSTRAINT annotations_note_check;
      ALTER TABLE project_members DROP CONSTRAINT project_members_user_id_fkey,
        ADD FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT;
      DROP TRIGGER actors_version_on_delete ON actors;`);
    expect(differences(sqliteFacts(sqliteQuery), postgresFacts(postgresQuery))).toEqual([
      "only in PostgreSQL: column documents.meta text not null default '[]'",
      'only in PostgreSQL: column sessions.expires_at text null',
      'only in PostgreSQL: column users.nickname text null',
      'only in PostgreSQL: foreign key project_members (user_id) references users (id) on delete RESTRICT',
      'only in PostgreSQL: index users_created on users (created_at)',
      'only in SQLite: check annotations (note)',
      "only in SQLite: column documents.meta text not null default '{}'",
      'only in SQLite: column sessions.expires_at text not null',
      'only in SQLite: foreign key project_members (user_id) references users (id) on delete CASCADE',
      'only in SQLite: trigger actors_version_on_delete on actors: AFTER DELETE for each row',
      'only in SQLite: unique actors (name, project_id)',
    ]);
  });
});
