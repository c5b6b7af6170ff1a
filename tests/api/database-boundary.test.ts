// SQLite-specific (not in the PostgreSQL tier, vitest.config.ts SQLITE_ONLY): it reads the schema from
// sqlite_schema and pragma_table_info, holds SQLite's write lock, and writes SQL past the repositories.
// The typed database boundary (issue 13, item 4): writes that must not be lost are conditional in
// the statement itself, so a writer that read an older version writes nothing even where writers run
// concurrently (here: another write lands between the read and the write); driver errors are
// classified in one module; the actor ancestry is one recursive query that ends even on a cycle;
// JSON columns are parsed with the shared schemas.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { values } from '../../server/db/statements.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDb } from '../../server/db/connection.ts';
import { sqliteHandle } from '../../server/db/sqlite.ts';
import { makeContext, makeProject, makeUser, type TestContext } from '../support/api.ts';
import { classifyDriverError } from '../../server/db/driverErrors.ts';
import { parseJsonColumn } from '../../server/db/json.ts';
import { findActor, isSelfOrAncestor, updateActorIfUnchanged } from '../../server/actors/repo.ts';
import { findProject, updateProject } from '../../server/projects/repo.ts';
import { findGold, writeGold, type GoldToWrite } from '../../server/review/repo.ts';
import { importDocuments } from '../../server/documents/service.ts';
import { updateUserRow } from '../../server/users/repo.ts';
import { system } from '../../server/policy.ts';
import type { ClaimColumns, DB } from '../../server/db/schema.ts';
import { Actor } from '../../shared/schemas/actors.ts';

/**
 * A list of a row type's columns that the compiler holds to exactly its keys: a column missing from
 * the list, or one the type does not have, fails to type-check.
 */
const columns =
  <Row>() =>
  <const L extends readonly (keyof Row & string)[]>(list: Exclude<keyof Row, L[number]> extends never ? L : { missing: Exclude<keyof Row, L[number]> }) =>
    list;

const CLAIM_COLUMNS = columns<ClaimColumns>()([
  'id',
  'position',
  'stance',
  'speaker_actor_id',
  'speaker_start',
  'speaker_end',
  'target_actor_id',
  'target_start',
  'target_end',
  'cue_start',
  'cue_end',
  'negated',
  'hypothetical',
  'origin',
  'origin_model',
  'origin_score',
]).filter((column) => column !== 'id');

let ctx: TestContext;
beforeEach(() => {
  ctx = makeContext();
});
afterEach(() => ctx.close());

describe('conditional writes', () => {
  it('a project update from an older version writes nothing', () => {
    const { project } = makeProject(ctx);
    const fields = { id: project.id, name: project.name, stanceLabels: project.stanceLabels, overlap: 3, holdHours: 24, codebook: 'A' };
    const first = updateProject(ctx.db, project, fields);
    expect(first?.version).toBe(project.version + 1);
    // `project` is what a second writer read before the first one committed.
    expect(updateProject(ctx.db, project, { ...fields, overlap: 5 })).toBeUndefined();
    expect(findProject(ctx.db, project.id)).toMatchObject({ overlap: 3, version: project.version + 1, codebookVersion: 2 });
  });

  it('a gold save from an older version writes nothing; a second first gold trips UNIQUE (a conflict)', () => {
    const { project } = makeProject(ctx);
    const reviewer = makeUser(ctx, 'reviewer');
    const documentId = importDocuments(ctx.db, system('test'), project.id, [{ text: 'China criticized Israel.' }]).imported[0]!.id;
    const sentenceId = values(ctx.db, 'SELECT id FROM sentences WHERE document_id = ?').get(documentId);
    expect(typeof sentenceId).toBe('number');
    const input: GoldToWrite = {
      sentenceId: Number(sentenceId),
      status: 'no_claim',
      method: 'edited',
      reviewerId: reviewer.id,
      sourceAnnotators: [],
      rationale: null,
      claims: [],
    };
    expect(writeGold(ctx.db, undefined, input)).toBe(true);
    expect(classifyDriverError(catchError(() => writeGold(ctx.db, undefined, input)))).toBe('duplicate');
    const read = findGold(ctx.db, input.sentenceId)!;
    expect(writeGold(ctx.db, read, { ...input, rationale: 'first' })).toBe(true);
    expect(writeGold(ctx.db, read, { ...input, rationale: 'stale' })).toBe(false);
    expect(findGold(ctx.db, input.sentenceId)!.gold).toMatchObject({ rationale: 'first', version: 2 });
  });

  it('an actor edit from fields another writer has changed since writes nothing', () => {
    const { actors } = makeProject(ctx);
    const china = actors.China!;
    const renamed = updateActorIfUnchanged(ctx.db, china, { ...china, aliases: ['PRC'] });
    expect(renamed?.aliases).toEqual(['PRC']);
    expect(updateActorIfUnchanged(ctx.db, china, { ...china, code: 'CN' })).toBeUndefined();
    expect(findActor(ctx.db, china.id)).toMatchObject({ code: 'CHN', aliases: ['PRC'] });
  });
});

describe('the last active admin', () => {
  it('keeps the role in the UPDATE itself: of two admins demoting each other, the second writes nothing', () => {
    const db = ctx.db;
    const active = () => values(db, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").get();
    db.prepare("UPDATE users SET disabled = 1 WHERE role = 'admin'").run(); // only the two below count
    const [ada, bob] = [makeUser(ctx, 'admin'), makeUser(ctx, 'admin')];
    // Both read two active admins; one demotion lands first.
    expect(updateUserRow(db, ada.id, { role: 'reviewer', disabled: false })).toBe(true);
    expect(updateUserRow(db, bob.id, { role: 'admin', disabled: true })).toBe(false);
    expect(updateUserRow(db, bob.id, { role: 'reviewer', disabled: false })).toBe(false);
    expect(active()).toBe(1);
    // Changes that leave the admin an admin, and changes to other accounts, go through.
    expect(updateUserRow(db, bob.id, { role: 'admin', disabled: false, passwordHash: 'x' })).toBe(true);
    expect(updateUserRow(db, ada.id, { role: 'annotator', disabled: true })).toBe(true);
  });
});

describe('actor ancestry', () => {
  it('is one query up the parent chain, and ends on a cycle already in the data', () => {
    const { actors } = makeProject(ctx);
    const [china, russia, israel] = [actors.China!.id, actors.Russia!.id, actors.Israel!.id];
    const setParent = ctx.db.prepare('UPDATE actors SET parent_id = ? WHERE id = ?');
    setParent.run(russia, china); // China → Russia → Israel
    setParent.run(israel, russia);
    expect(isSelfOrAncestor(ctx.db, china, china)).toBe(true);
    expect(isSelfOrAncestor(ctx.db, china, israel)).toBe(true);
    expect(isSelfOrAncestor(ctx.db, israel, china)).toBe(false);
    setParent.run(china, israel); // a cycle the API would refuse
    expect(isSelfOrAncestor(ctx.db, israel, russia)).toBe(true);
    const other = makeProject(ctx).actors.China!.id;
    expect(isSelfOrAncestor(ctx.db, china, other)).toBe(false);
  });
});

describe('driver errors', () => {
  it('classifies busy, duplicate, dangling reference and other constraints; anything else is not the request’s', () => {
    const { project } = makeProject(ctx);
    const failure = (text: string, ...params: unknown[]) => classifyDriverError(catchError(() => ctx.db.prepare(text).run(...params)));
    const labels = JSON.stringify(project.stanceLabels);
    expect(failure('INSERT INTO projects (id, name, stance_labels, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', project.id, 'x', labels, '', '')).toBe(
      'duplicate',
    );
    expect(failure('INSERT INTO project_members (project_id, user_id, added_at) VALUES (?, ?, ?)', project.id, 999_999, '')).toBe('dangling_reference');
    expect(failure('UPDATE projects SET overlap = 0 WHERE id = ?', project.id)).toBe('rule_broken');
    expect(failure('UPDATE events SET action = ?', 'x')).toBe('rule_broken');
    expect(classifyDriverError(catchError(() => ctx.db.prepare('SELECT nope FROM projects')))).toBeUndefined();
    expect(classifyDriverError(new Error('SQLITE_BUSY'))).toBeUndefined();
  });

  it('refuses to delete from the audit log: it is append-only in the schema itself', () => {
    makeProject(ctx); // its creation is audited
    expect(() => ctx.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('a write lock held by another connection past the busy timeout is busy', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'parley-busy-')), 'busy.db');
    const holder = openDb(file);
    const waiter = openDb(file);
    try {
      sqliteHandle(waiter)!.pragma('busy_timeout = 0');
      holder.exec('CREATE TABLE t (x INTEGER) STRICT; BEGIN IMMEDIATE');
      expect(classifyDriverError(catchError(() => waiter.exec('BEGIN IMMEDIATE')))).toBe('busy');
    } finally {
      holder.close();
      waiter.close();
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });
});

describe('JSON columns', () => {
  it('are parsed with the shared schema, naming the column when the JSON does not fit', () => {
    expect(parseJsonColumn(Actor.shape.aliases, '["PRC"]', 'actors.aliases')).toEqual(['PRC']);
    expect(() => parseJsonColumn(Actor.shape.aliases, '[1]', 'actors.aliases')).toThrow(/actors\.aliases/);
  });
});

function catchError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

/** Every column of every table, as schema.ts types them: the compiler checks each list names exactly its row's keys. */
const COLUMNS = {
  users: columns<DB['users']>()(['id', 'username', 'password_hash', 'role', 'disabled', 'created_at', 'session_epoch']),
  sessions: columns<DB['sessions']>()(['token_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'epoch']),
  projects: columns<DB['projects']>()([
    'id',
    'name',
    'stance_labels',
    'overlap',
    'codebook',
    'codebook_version',
    'version',
    'created_at',
    'updated_at',
    'hold_hours',
    'actors_version',
    'model_backend_url',
    'model_backend_timeout_seconds',
  ]),
  project_members: columns<DB['project_members']>()(['project_id', 'user_id', 'added_at']),
  actors: columns<DB['actors']>()(['id', 'project_id', 'name', 'kind', 'code', 'aliases', 'parent_id', 'status', 'created_at', 'updated_at']),
  documents: columns<DB['documents']>()([
    'id',
    'project_id',
    'title',
    'source',
    'published',
    'text',
    'text_length',
    'text_sha256',
    'meta',
    'segmenter',
    'created_by',
    'created_at',
    'has_astral',
  ]),
  sentences: columns<DB['sentences']>()(['id', 'document_id', 'idx', 'paragraph', 'start', 'end', 'boilerplate']),
  annotations: columns<DB['annotations']>()(['id', 'sentence_id', 'annotator_id', 'status', 'note', 'version', 'time_spent_ms', 'created_at', 'updated_at']),
  annotation_tombstones: columns<DB['annotation_tombstones']>()(['sentence_id', 'annotator_id', 'version']),
  claims: columns<DB['claims']>()(['id', 'annotation_id', ...CLAIM_COLUMNS]),
  gold: columns<DB['gold']>()([
    'id',
    'sentence_id',
    'status',
    'method',
    'reviewer_id',
    'source_annotators',
    'rationale',
    'version',
    'created_at',
    'updated_at',
  ]),
  gold_claims: columns<DB['gold_claims']>()(['id', 'gold_id', ...CLAIM_COLUMNS]),
  events: columns<DB['events']>()(['id', 'at', 'user_id', 'project_id', 'action', 'entity', 'entity_id', 'before', 'after']),
  assignments: columns<DB['assignments']>()(['document_id', 'user_id', 'project_id', 'assigned_at', 'assigned_by', 'last_activity_at']),
  pseudonyms: columns<DB['pseudonyms']>()(['project_id', 'user_id', 'kind', 'number', 'created_at']),
  sign_in_throttle: columns<DB['sign_in_throttle']>()(['key', 'points', 'expire']),
  predictions: columns<DB['predictions']>()([
    'id',
    'project_id',
    'model',
    'sentence_id',
    'position',
    'stance',
    'speaker_actor_id',
    'speaker_start',
    'speaker_end',
    'target_actor_id',
    'target_start',
    'target_end',
    'cue_start',
    'cue_end',
    'negated',
    'hypothetical',
    'score',
    'imported_at',
  ]),
  document_stats: columns<DB['document_stats']>()(['document_id', 'project_id', 'sentences', 'content', 'labelled', 'gold', 'holders']),
  document_annotator_stats: columns<DB['document_annotator_stats']>()(['document_id', 'user_id', 'project_id', 'labelled']),
  document_annotators: columns<DB['document_annotators']>()(['document_id', 'user_id', 'project_id']),
  sentence_disagreements: columns<DB['sentence_disagreements']>()([
    'sentence_id',
    'project_id',
    'document_id',
    'idx',
    'boilerplate',
    'stale',
    'annotators',
    'fields',
    'field_count',
    'dispute',
    'resolved',
  ]),
  sentence_unanimous: columns<DB['sentence_unanimous']>()(['sentence_id', 'project_id', 'document_id', 'boilerplate', 'resolved', 'stale']),
  project_stats: columns<DB['project_stats']>()(['project_id', 'documents']),
  schema_migrations: columns<DB['schema_migrations']>()(['id', 'name', 'checksum', 'applied_at']),
} satisfies { [T in keyof DB]: readonly string[] };

describe('schema.ts', () => {
  it('types every table of the migrated database, with every column', () => {
    const tables = sqliteHandle(ctx.db)!
      // The search index's FTS5 table and its shadow tables are not rows Parley reads (type 'virtual', 'shadow').
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(Object.keys(COLUMNS).sort());
    for (const [table, names] of Object.entries(COLUMNS)) {
      const actual = sqliteHandle(ctx.db)!
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((row) => row.name);
      expect([...actual].sort(), table).toEqual([...names].sort());
    }
  });
});
