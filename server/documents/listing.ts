// The documents list of a project (issue 15): one page at a time, sorted, filtered and searched in
// the database, with every figure read from the counters of migration 0011 (stats.ts). Each sort
// has its index — created: documents (project_id, id); title: (project_id, title, id); published:
// (project_id, coalesce(published, ''), id); progress: document_stats_progress — and each filter
// one it can start from: status document_stats_status, mine and assignee the user's counter and
// assignment rows, the date range documents_created, the search its full-text index.
import type { Db } from '../db/connection.ts';
import { parseMeta } from '../db/json.ts';
import { documentSearch, documentSearchCount, documentSearchText, searchWords, type Reach } from '../db/dialect.ts';
import { values, sql } from '../db/statements.ts';
import { cursorScope, decodeCursor, encodeCursor, keysetOf, pageFrom, type CursorValue, type SortPart } from '../http/paging.ts';
import { validationError } from '../http/errors.ts';
import { languageOf } from '../../shared/language.ts';
import type { DocumentList, DocumentListQuery, DocumentSort, DocumentSummary } from '../../shared/schemas/documents.ts';
import { MY_PROGRESS_SQL, PROGRESS_SQL, STATUS_SQL, statusOf } from './stats.ts';

/** Who asks: their id, and whether they may see what depends on others' work (reviewers, admins). */
export interface Viewer {
  userId: number;
  othersProgress: boolean;
}

/** The filters of a list or an export: the documents list's query without its paging. */
export type DocumentFilter = Pick<DocumentListQuery, 'q' | 'status' | 'mine' | 'assignee' | 'from' | 'to' | 'ids'>;

/** The documents row and counters a document summary is made from: the documents list's and the queue's (server/assignments/queue.ts). */
export interface SummaryRow {
  id: number;
  project_id: number;
  title: string;
  source: string | null;
  published: string | null;
  meta: string;
  created_at: string;
  sentences: number;
  content: number;
  /** The viewer's own labelled count. */
  mine: number;
}

interface Row extends SummaryRow {
  labelled: number;
  gold: number;
  holders: number;
  sort_key: CursorValue;
}

/** Instant bounds of the import-date filter: a bare `to` date takes in its whole day (UTC). */
function dateBound(value: string, field: 'from' | 'to'): string {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const instant = new Date(bare ? `${value}T00:00:00Z` : value);
  // The query's schema took only real dates (IsoDate); one JavaScript cannot read is refused here.
  if (Number.isNaN(instant.getTime())) {
    throw validationError(`Invalid request query: ${field}: ${value} is not a date.`, [{ path: field, message: 'not a real date' }]);
  }
  // `to` becomes an exclusive bound: the next day for a bare date, the next millisecond otherwise.
  if (field === 'to') instant.setTime(instant.getTime() + (bare ? 86_400_000 : 1));
  return instant.toISOString();
}

/**
 * The FROM and WHERE of the documents a filter keeps, with their parameters. `d` is the document,
 * `st` its counters, `m` the viewer's own counter row (absent until they label there). A count
 * (`lean`) joins only the tables its conditions name: counting 100,000 documents should not look up
 * 100,000 counter rows it does not need. `reach` 'walk': the filters are spelled so that no index
 * answers them, for a page of a filter that keeps many documents: walking the sort's index and testing
 * each row finds the page at once, where starting from the filter's index would sort every match;
 * 'many' (import order) changes only how the search is tested (documentSearch).
 */
function matching(
  db: Db,
  projectId: number,
  viewer: Viewer,
  filter: DocumentFilter,
  { lean = false, reach = 'index' }: { lean?: boolean; reach?: Reach } = {},
): { from: string; where: string[]; params: unknown[] } {
  const walk = reach === 'walk';
  const where = ['d.project_id = ?'];
  const params: unknown[] = [projectId];
  let stats = !lean;
  let mine = !lean;
  if (filter.q !== undefined) {
    const words = searchWords(filter.q);
    // A search of punctuation alone has no word to find: it matches nothing.
    if (words.length === 0) where.push('1 = 0');
    else {
      where.push(documentSearch(db, reach));
      params.push(documentSearchText(db, words));
    }
  }
  if (filter.status !== undefined) {
    // `|| ''`: the same test, which no index answers (see `walk`).
    where.push(walk ? `(${STATUS_SQL} || '') = ?` : `${STATUS_SQL} = ?`);
    params.push(filter.status);
    stats = true;
  }
  if (filter.mine !== undefined) {
    where.push(
      filter.mine === 'todo'
        ? 'coalesce(m.labelled, 0) = 0 AND st.content > 0'
        : filter.mine === 'started'
          ? 'm.labelled > 0 AND m.labelled < st.content'
          : 'coalesce(m.labelled, 0) >= st.content',
    );
    stats = mine = true;
  }
  if (filter.assignee !== undefined) {
    where.push(`${walk ? '+' : ''}d.id IN (SELECT x.document_id FROM assignments x WHERE x.project_id = ? AND x.user_id = ?)`);
    params.push(projectId, filter.assignee);
  }
  if (filter.ids !== undefined) {
    // At most a page of ids (the schema's limit): one placeholder each.
    where.push(`d.id IN (${filter.ids.map(() => '?').join(', ')})`);
    params.push(...filter.ids);
  }
  if (filter.from !== undefined) {
    where.push('d.created_at >= ?');
    params.push(dateBound(filter.from, 'from'));
  }
  if (filter.to !== undefined) {
    where.push('d.created_at < ?');
    params.push(dateBound(filter.to, 'to'));
  }
  const onlyCounters =
    lean && stats && !filter.q && filter.assignee === undefined && filter.ids === undefined && filter.from === undefined && filter.to === undefined;
  const joins: string[] = [];
  const joinParams: unknown[] = [];
  if (onlyCounters) {
    // A count of what the counters alone decide reads only them (95,000 unassigned documents: their
    // entries in the status index, not 95,000 documents rows as well).
    // Without a status (the status index's job), one pass over the narrow table (`+`: no index)
    // beats looking a row up from each index entry.
    where[0] = filter.status === undefined ? '+st.project_id = ?' : 'st.project_id = ?';
  } else if (stats) {
    joins.push('JOIN document_stats st ON st.document_id = d.id');
    // The project again on the counters: the progress and status indexes start with it.
    where.splice(1, 0, 'st.project_id = ?');
    params.splice(1, 0, projectId);
  }
  if (mine) {
    joins.push(`LEFT JOIN document_annotator_stats m ON m.document_id = ${onlyCounters ? 'st.document_id' : 'd.id'} AND m.user_id = ?`);
    joinParams.push(viewer.userId);
  }
  return { from: [onlyCounters ? 'document_stats st' : 'documents d', ...joins].join(' '), where, params: [...joinParams, ...params] };
}

/** The key of each sort (never NULL, as keyset paging needs) and the id that ends ties. */
function sortParts(sort: DocumentSort, viewer: Viewer, filter: DocumentFilter): SortPart[] {
  switch (sort) {
    case 'created':
      // With a status, st.document_id (= d.id): the index document_stats_status ends with it.
      return [{ sql: filter.status === undefined ? 'd.id' : 'st.document_id', kind: 'integer' }];
    case 'title':
      return [
        { sql: 'd.title', kind: 'string' },
        { sql: 'd.id', kind: 'integer' },
      ];
    case 'published':
      return [
        { sql: "coalesce(d.published, '')", kind: 'string' },
        { sql: 'd.id', kind: 'integer' },
      ];
    case 'progress':
      // st.document_id (= d.id): the index document_stats_progress ends with it.
      return [
        { sql: viewer.othersProgress ? PROGRESS_SQL : MY_PROGRESS_SQL, kind: 'integer' },
        { sql: 'st.document_id', kind: 'integer' },
      ];
  }
}

/** Where this list's cursors belong: an annotator's progress (their own) is another sort than everyone's. */
function documentsScope(viewer: Viewer, query: DocumentListQuery): string {
  return cursorScope('documents', query.sort === 'progress' && !viewer.othersProgress ? 'my-progress' : query.sort, query.order);
}

function summary(row: Row, viewer: Viewer): DocumentSummary {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    source: row.source,
    published: row.published,
    sentenceCount: row.sentences,
    language: languageOf(parseMeta(row.meta)),
    progress: {
      total: row.content,
      mine: row.mine,
      overall: viewer.othersProgress ? row.labelled : null,
      adjudicated: viewer.othersProgress ? row.gold : null,
    },
    status: viewer.othersProgress ? statusOf(row) : null,
    createdAt: row.created_at,
  };
}

const COLUMNS = `d.id, d.project_id, d.title, d.source, d.published, d.meta, d.created_at,
  st.sentences, st.content, st.labelled, st.gold, st.holders, coalesce(m.labelled, 0) AS mine`;

/**
 * Above this many matches a sorted page walks the sort's index instead of starting from the
 * filter's (`reach` in matching): one match in twenty rows or more is found sooner in sort order.
 */
const WALK_FROM_MATCHES = 2000;

/** One page of a project's documents; the caller has checked the viewer may use each filter. */
export function listDocumentPage(db: Db, projectId: number, viewer: Viewer, query: DocumentListQuery): DocumentList {
  const total = countDocuments(db, projectId, viewer, query);
  const walk: Reach = total < WALK_FROM_MATCHES ? 'index' : query.sort === 'created' ? 'many' : 'walk';
  const paged =
    query.sort === 'progress' && !viewer.othersProgress ? myProgressPage(db, projectId, viewer, query, walk) : sortedPage(db, projectId, viewer, query, walk);
  return { documents: paged.rows.map((row) => summary(row, viewer)), total, nextCursor: paged.nextCursor };
}

/** The rows after `cursor` in one order, at most `limit` of them (LIMIT limit + 1 tells whether more follow). */
function pageRows(
  db: Db,
  projectId: number,
  viewer: Viewer,
  filter: DocumentFilter,
  walk: Reach,
  parts: SortPart[],
  order: 'asc' | 'desc',
  cursor: string | undefined,
  limit: number,
  scope: string,
  extra = '',
): Row[] {
  const { from, where, params } = matching(db, projectId, viewer, filter, { reach: walk });
  const page = keysetOf(parts, order, cursor, scope);
  return sql<unknown[], Row>(
    db,
    `SELECT ${COLUMNS}, ${parts[0]!.sql} AS sort_key FROM ${from}
     WHERE ${[...where, ...(extra ? [extra] : []), page.where].join(' AND ')} ORDER BY ${page.orderBy} LIMIT ?`,
  ).all(...params, ...page.params, limit + 1);
}

function sortedPage(db: Db, projectId: number, viewer: Viewer, query: DocumentListQuery, walk: Reach) {
  const parts = sortParts(query.sort, viewer, query);
  const scope = documentsScope(viewer, query);
  const rows = pageRows(db, projectId, viewer, query, walk, parts, query.order, query.cursor, query.limit, scope);
  return pageFrom(rows, query.limit, scope, (row) => (parts.length === 1 ? [row.id] : [row.sort_key, row.id]));
}

/**
 * An annotator's documents by their own progress. No index holds one annotator's share of every
 * document, but almost every document has none of it (key 0): those come in import order from the
 * documents index, and the few the annotator labelled in (key > 0) from their counter rows. Going
 * up the untouched ones come first, going down last; a cursor's key says which part it is in.
 */
function myProgressPage(db: Db, projectId: number, viewer: Viewer, query: DocumentListQuery, walk: Reach) {
  const started: SortPart[] = [
    { sql: MY_PROGRESS_SQL, kind: 'integer' },
    { sql: 'st.document_id', kind: 'integer' },
  ];
  const untouched: SortPart[] = [{ sql: 'd.id', kind: 'integer' }];
  const scope = documentsScope(viewer, query);
  const [cursorKey, cursorId] = query.cursor === undefined ? [undefined, undefined] : decodeCursor(query.cursor, scope, ['integer', 'integer']);
  const parts = query.order === 'asc' ? (['untouched', 'started'] as const) : (['started', 'untouched'] as const);
  // A cursor in the second part skips the first.
  const from = cursorKey === undefined ? 0 : parts.indexOf(cursorKey === 0 ? 'untouched' : 'started');
  const rows: Row[] = [];
  for (const [i, part] of parts.entries()) {
    if (i < from || rows.length > query.limit) continue;
    const cursor = i === from && query.cursor !== undefined ? encodeCursor(scope, part === 'untouched' ? [cursorId!] : [cursorKey!, cursorId!]) : undefined;
    rows.push(
      ...(part === 'untouched'
        ? pageRows(db, projectId, viewer, query, walk, untouched, query.order, cursor, query.limit - rows.length, scope, 'coalesce(m.labelled, 0) = 0').map(
            (row) => ({
              ...row,
              sort_key: 0,
            }),
          )
        : pageRows(db, projectId, viewer, query, walk, started, query.order, cursor, query.limit - rows.length, scope, 'm.labelled > 0')),
    );
  }
  return pageFrom(rows, query.limit, scope, (row) => [row.sort_key, row.id]);
}

/** How many documents the filter keeps (the list's `total`). */
export function countDocuments(db: Db, projectId: number, viewer: Viewer, filter: DocumentFilter): number {
  const words = filter.q === undefined ? [] : searchWords(filter.q);
  const searchAlone =
    words.length > 0 &&
    filter.status === undefined &&
    filter.mine === undefined &&
    filter.assignee === undefined &&
    filter.ids === undefined &&
    filter.from === undefined &&
    filter.to === undefined;
  if (searchAlone) return values<unknown[], number>(db, documentSearchCount(db)).get(projectId, documentSearchText(db, words)) ?? 0;
  const { from, where, params } = matching(db, projectId, viewer, filter, { lean: true });
  // No filter: the project's document count (migration 0021). PostgreSQL took 10-15 ms to count 100,000 index entries.
  if (from === 'documents d' && where.length === 1) {
    return values<[number], number>(db, 'SELECT ps.documents FROM project_stats ps WHERE ps.project_id = ?').get(projectId) ?? 0;
  }
  return values<unknown[], number>(db, `SELECT count(*) FROM ${from} WHERE ${where.join(' AND ')}`).get(...params) ?? 0;
}

/** The ids of the documents the filter keeps, in import order (an export of "what this search matches"). */
export function matchingDocumentIds(db: Db, projectId: number, viewer: Viewer, filter: DocumentFilter): number[] {
  const { from, where, params } = matching(db, projectId, viewer, filter);
  return values<unknown[], number>(db, `SELECT d.id FROM ${from} WHERE ${where.join(' AND ')} ORDER BY d.id`).all(...params);
}
