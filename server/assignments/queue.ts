// The annotator's queue at 100,000 documents (issue 15): what it reads is bounded by the page and
// by the documents someone holds, never by the project. A document's holders are its live
// assignments (an untouched one past the project's hold time has expired: the document is back in
// the pool) and whoever has labelled in it (document_annotators, migration 0014); a document is
// available to me while it has content sentences, fewer holders than the overlap, and I am not one.
// Content sentences and my labelled count come from the document counters (migration 0011).
import type { Db } from '../db/connection.ts';
import { documentSearch, documentSearchText, jsonIntegerList, searchWords } from '../db/dialect.ts';
import { parseMeta } from '../db/json.ts';
import type { SummaryRow } from '../documents/listing.ts';
import { sql, tuples, values } from '../db/statements.ts';
import { cursorScope, decodeCursor, keyset, pageFrom, type SortKey } from '../http/paging.ts';
import { languageOf } from '../../shared/language.ts';
import { QUEUE_MINE_MAX, type Queue, type QueueDocument, type QueueQuery } from '../../shared/schemas/assignments.ts';
import type { DocumentSummary } from '../../shared/schemas/documents.ts';
import type { SortOrder } from '../../shared/schemas/paging.ts';
import type { Project } from '../../shared/schemas/projects.ts';

/** A hold that still holds: touched, or taken less than the hold time ago. The `?` is the cutoff. */
const LIVE = '(a.last_activity_at IS NOT NULL OR a.assigned_at >= ?)';

/** The instant before which an untouched hold has expired. */
export const holdCutoff = (project: Pick<Project, 'holdHours'>) => new Date(Date.now() - project.holdHours * 3600_000).toISOString();

/** How many hold or have labelled the document (the count the overlap limits). */
export function countHolders(db: Db, documentId: number, cutoff: string): number {
  return (
    values<[number, string, number], number>(
      db,
      `SELECT count(*) FROM (
         SELECT a.user_id FROM assignments a WHERE a.document_id = ? AND ${LIVE}
         UNION SELECT x.user_id FROM document_annotators x WHERE x.document_id = ?) AS h`,
    ).get(documentId, cutoff, documentId) ?? 0
  );
}

/** Whether the user holds the document or has labelled in it. */
export function holdsOrLabelled(db: Db, documentId: number, userId: number, cutoff: string): boolean {
  return (
    values<[number, number, string, number, number], number>(
      db,
      `SELECT EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = ? AND a.user_id = ? AND ${LIVE})
           OR EXISTS (SELECT 1 FROM document_annotators x WHERE x.document_id = ? AND x.user_id = ?)`,
    ).get(documentId, userId, cutoff, documentId, userId) === 1
  );
}

/** The summaries of some documents as the queue shows them (the user's own progress; nothing of others' work but the holders count). */
export function queueSummaries(db: Db, ids: readonly number[], userId: number): Map<number, DocumentSummary> {
  if (ids.length === 0) return new Map();
  const rows = sql<[number, string], SummaryRow>(
    db,
    `SELECT d.id, d.project_id, d.title, d.source, d.published, d.meta, d.created_at, st.sentences, st.content,
       coalesce((SELECT m.labelled FROM document_annotator_stats m WHERE m.document_id = d.id AND m.user_id = ?), 0) AS mine
     FROM documents d JOIN document_stats st ON st.document_id = d.id WHERE d.id IN (${jsonIntegerList(db)})`,
  ).all(userId, JSON.stringify(ids));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        projectId: row.project_id,
        title: row.title,
        source: row.source,
        published: row.published,
        sentenceCount: row.sentences,
        language: languageOf(parseMeta(row.meta)),
        progress: { total: row.content, mine: row.mine, overall: null, adjudicated: null },
        status: null,
        createdAt: row.created_at,
      },
    ]),
  );
}

/**
 * The search `q` as a condition on the documents row `d`: the words of its title and source, from
 * the full-text index the documents list searches (server/db/dialect.ts). Punctuation alone finds nothing.
 */
function searchFilter(db: Db, q: string | undefined): { sql: string; params: string[] } {
  if (q === undefined) return { sql: '', params: [] };
  const words = searchWords(q);
  if (words.length === 0) return { sql: ' AND 1 = 0', params: [] };
  return { sql: ` AND ${documentSearch(db)}`, params: [documentSearchText(db, words)] };
}

/** The project's documents the search finds (from the full-text index), or undefined without one. */
function searchMatches(db: Db, projectId: number, q: string | undefined): Set<number> | undefined {
  if (q === undefined) return undefined;
  const search = searchFilter(db, q);
  return new Set(values<(string | number)[], number>(db, `SELECT d.id FROM documents d WHERE d.project_id = ?${search.sql}`).all(projectId, ...search.params));
}

/**
 * My documents: those I hold or labelled in, each complete or not for me, in import order. Only a
 * document I labelled in can be complete: its counter is looked up from my counter rows (the index
 * of document_annotator_stats), one lookup per such document. Joined, PostgreSQL hashed all 100,000
 * counter rows for 1,666 of them; looked up for every document of mine in one statement with my
 * own count, it took 15-30 ms there.
 */
function myDocuments(db: Db, project: Project, userId: number, cutoff: string): { id: number; complete: boolean }[] {
  const ids = values<(string | number)[], number>(
    db,
    `SELECT a.document_id FROM assignments a WHERE a.project_id = ? AND a.user_id = ? AND ${LIVE}
     UNION SELECT x.document_id FROM document_annotators x WHERE x.project_id = ? AND x.user_id = ?`,
  ).all(project.id, userId, cutoff, project.id, userId);
  // Complete: content > 0 and mine >= content (a document without content gives NULL, never complete).
  const complete = new Set(
    values<[number, number], number>(
      db,
      `SELECT m.document_id FROM document_annotator_stats m WHERE m.project_id = ? AND m.user_id = ? AND m.labelled > 0
         AND m.labelled >= (SELECT st.content FROM document_stats st WHERE st.document_id = m.document_id AND st.content > 0)`,
    ).all(project.id, userId),
  );
  return ids.sort((a, b) => a - b).map((id) => ({ id, complete: complete.has(id) }));
}

/**
 * The documents whose holders are not simply their assignment rows (document_stats.holders): those
 * with an expired hold (untouched past the hold time; the timer deletes them every ten minutes, so
 * few) and those with a labeller who has no assignment row (their hold was released, or their
 * labels were imported). Elsewhere every row holds and every labeller has one, so the row count is
 * the holders count. The second read walks document_annotators against the assignments' keys in
 * SQL and returns only those documents.
 */
function irregularDocuments(db: Db, projectId: number, cutoff: string): number[] {
  const expired = values<[number, string], number>(
    db,
    'SELECT a.document_id FROM assignments a WHERE a.project_id = ? AND a.last_activity_at IS NULL AND a.assigned_at < ?',
  ).all(projectId, cutoff);
  const unheldLabellers = values<[number], number>(
    db,
    `SELECT x.document_id FROM document_annotators x WHERE x.project_id = ?
       AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = x.document_id AND a.user_id = x.user_id)`,
  ).all(projectId);
  return [...new Set([...expired, ...unheldLabellers])];
}

/**
 * The content documents someone holds, from the index of the assignment counts (migration 0019):
 * how many are full (at least `overlap` holders) and which are partly held, with their holders;
 * the irregular documents counted exactly, one by one. With a search, only its matches.
 */
function heldDocuments(db: Db, project: Project, cutoff: string, matches: ReadonlySet<number> | undefined): { full: number; partial: Map<number, number> } {
  const found = (id: number) => matches === undefined || matches.has(id);
  const partial = new Map(
    tuples<[number, number], [number, number]>(
      db,
      'SELECT st.document_id, st.holders FROM document_stats st WHERE st.project_id = ? AND st.content > 0 AND st.holders BETWEEN 1 AND CAST(? AS INTEGER) - 1',
    )
      .all(project.id, project.overlap)
      .filter(([id]) => found(id)),
  );
  const fullFrom = 'FROM document_stats st WHERE st.project_id = ? AND st.content > 0 AND st.holders >= ?';
  let full =
    matches === undefined
      ? (values<[number, number], number>(db, `SELECT count(*) ${fullFrom}`).get(project.id, project.overlap) ?? 0)
      : values<[number, number], number>(db, `SELECT st.document_id ${fullFrom}`).all(project.id, project.overlap).filter(found).length;
  const irregular = irregularDocuments(db, project.id, cutoff).filter(found);
  if (irregular.length > 0) {
    const rows = tuples<[string], [number, number, number]>(
      db,
      `SELECT st.document_id, st.content, st.holders FROM document_stats st WHERE st.document_id IN (${jsonIntegerList(db)})`,
    ).all(JSON.stringify(irregular));
    for (const [id, content, rowsCounted] of rows) {
      if (content === 0) continue;
      // Take out what the assignment count said, put in the exact count.
      if (rowsCounted >= project.overlap) full--;
      else partial.delete(id);
      const holders = countHolders(db, id, cutoff);
      if (holders >= project.overlap) full++;
      else if (holders > 0) partial.set(id, holders);
    }
  }
  return { full, partial };
}

/** The documents nobody holds (content ones, matching the search): a page after `afterId` in `order`, or their count. */
const UNHELD = `FROM documents d JOIN document_stats st ON st.document_id = d.id
  WHERE d.project_id = ? AND st.content > 0
    AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = d.id AND ${LIVE})
    AND NOT EXISTS (SELECT 1 FROM document_annotators x WHERE x.document_id = d.id)`;

function unheldPage(db: Db, projectId: number, cutoff: string, q: string | undefined, order: SortOrder, afterId: number | undefined, limit: number): number[] {
  const search = searchFilter(db, q);
  const after = afterId === undefined ? '' : ` AND d.id ${order === 'asc' ? '>' : '<'} ?`;
  return values<(string | number)[], number>(db, `SELECT d.id ${UNHELD}${search.sql}${after} ORDER BY d.id ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ?`).all(
    projectId,
    cutoff,
    ...search.params,
    ...(afterId === undefined ? [] : [afterId]),
    limit,
  );
}

/** The project's documents without content (all boilerplate, or empty): few, from the index document_stats_content. */
function contentless(db: Db, projectId: number): Set<number> {
  return new Set(values<[number], number>(db, 'SELECT st.document_id FROM document_stats st WHERE st.project_id = ? AND st.content = 0').all(projectId));
}

/**
 * The available documents that someone holds (fewer than the overlap, not me), least-covered
 * first, and how many documents are available in all: the content documents, less the full ones
 * and the partly held ones I hold. Read from indexes; what it reads grows with the partly held and
 * the irregular documents, never with the project.
 */
function heldAvailable(
  db: Db,
  project: Project,
  mine: ReadonlySet<number>,
  cutoff: string,
  q: string | undefined,
): { partial: { id: number; annotators: number }[]; total: number; matches: Set<number> | undefined } {
  const matches = searchMatches(db, project.id, q);
  const held = heldDocuments(db, project, cutoff, matches);
  // I hold every document of mine: one with content and below the overlap is partly held.
  let mineBelow = 0;
  for (const id of held.partial.keys()) if (mine.has(id)) mineBelow++;
  const partial = [...held.partial]
    .filter(([id]) => !mine.has(id))
    .map(([id, annotators]) => ({ id, annotators }))
    .sort((a, b) => a.annotators - b.annotators || a.id - b.id);
  // The content documents found: every one (the project's document count, migration 0021, less the
  // few without content) or the search's matches with content.
  let content: number;
  if (matches === undefined) {
    content =
      values<[number], number>(
        db,
        `SELECT ps.documents - (SELECT count(*) FROM document_stats st WHERE st.project_id = ps.project_id AND st.content = 0)
         FROM project_stats ps WHERE ps.project_id = ?`,
      ).get(project.id) ?? 0;
  } else {
    const empty = contentless(db, project.id);
    content = 0;
    for (const id of matches) if (!empty.has(id)) content++;
  }
  return { partial, total: content - held.full - mineBelow, matches };
}

/** A page of available documents least-covered first: the unheld ones (0 holders, from the index), then the held ones below the overlap. */
function coveragePage(
  db: Db,
  project: Project,
  held: { id: number; annotators: number }[],
  cutoff: string,
  query: Pick<QueueQuery, 'q' | 'order' | 'limit' | 'cursor'>,
): { rows: { id: number; annotators: number }[]; nextCursor: string | null } {
  const partial = query.order === 'desc' ? held.toReversed() : held;
  const scope = cursorScope('queue', 'coverage', query.order);
  const cursor = query.cursor === undefined ? undefined : (decodeCursor(query.cursor, scope, ['integer', 'integer']) as [number, number]);
  const want = query.limit + 1;
  const rows: { id: number; annotators: number }[] = [];
  const afterInPartial = (row: { id: number; annotators: number }) =>
    cursor === undefined ||
    (query.order === 'asc'
      ? row.annotators > cursor[0] || (row.annotators === cursor[0] && row.id > cursor[1])
      : row.annotators < cursor[0] || (row.annotators === cursor[0] && row.id < cursor[1]));
  const unheld = (afterId: number | undefined) =>
    unheldPage(db, project.id, cutoff, query.q, query.order, afterId, want - rows.length).map((id) => ({ id, annotators: 0 }));
  if (query.order === 'asc') {
    if (cursor === undefined || cursor[0] === 0) rows.push(...unheld(cursor?.[1]));
    if (rows.length < want) rows.push(...partial.filter(afterInPartial).slice(0, want - rows.length));
  } else {
    rows.push(...partial.filter(afterInPartial).slice(0, want));
    if (rows.length < want) rows.push(...unheld(cursor !== undefined && cursor[0] === 0 ? cursor[1] : undefined));
  }
  return pageFrom(rows, query.limit, scope, (row) => [row.annotators, row.id]);
}

const SORTS: Record<'title' | 'id', SortKey> = { title: { sql: 'd.title', kind: 'string' }, id: { sql: 'd.id', kind: 'integer' } };

/** A page of available documents by title or import order: the index walked, each row's holders counted. */
function sortedPage(
  db: Db,
  project: Project,
  userId: number,
  cutoff: string,
  query: Pick<QueueQuery, 'q' | 'order' | 'limit' | 'cursor'> & { sort: 'title' | 'id' },
): { rows: { id: number; annotators: number }[]; nextCursor: string | null } {
  const search = searchFilter(db, query.q);
  const scope = cursorScope('queue', query.sort, query.order);
  const page = keyset(SORTS[query.sort], 'd.id', query.order, query.cursor, scope);
  const holders = `(SELECT count(*) FROM (SELECT a.user_id FROM assignments a WHERE a.document_id = d.id AND ${LIVE}
      UNION SELECT x.user_id FROM document_annotators x WHERE x.document_id = d.id) AS h)`;
  const available = `FROM documents d JOIN document_stats st ON st.document_id = d.id
    WHERE d.project_id = ? AND st.content > 0${search.sql} AND ${holders} < ?
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = d.id AND a.user_id = ? AND ${LIVE})
      AND NOT EXISTS (SELECT 1 FROM document_annotators x WHERE x.document_id = d.id AND x.user_id = ?)`;
  const params = [project.id, ...search.params, cutoff, project.overlap, userId, cutoff, userId];
  const rows = sql<(string | number)[], { id: number; title: string; annotators: number }>(
    db,
    `SELECT d.id, d.title, ${holders} AS annotators ${available} AND ${page.where} ORDER BY ${page.orderBy} LIMIT ?`,
  ).all(cutoff, ...params, ...page.params, query.limit + 1);
  return pageFrom(rows, query.limit, scope, (row) => [query.sort === 'title' ? row.title : row.id, row.id]);
}

/** My queue: my unfinished documents (the first QUEUE_MINE_MAX) and a page of the available ones. */
export function queuePage(db: Db, userId: number, project: Project, query: QueueQuery): Queue {
  const cutoff = holdCutoff(project);
  // Mine are found without the search too: a document I labelled in is never available to me.
  const everything = myDocuments(db, project, userId, cutoff);
  const held = heldAvailable(db, project, new Set(everything.map((doc) => doc.id)), cutoff, query.q);
  const unfinished = everything.filter((doc) => !doc.complete && (held.matches === undefined || held.matches.has(doc.id)));
  const available =
    query.sort === 'coverage'
      ? coveragePage(db, project, held.partial, cutoff, query)
      : sortedPage(db, project, userId, cutoff, { ...query, sort: query.sort });
  const shownMine = unfinished.slice(0, QUEUE_MINE_MAX);
  const summaries = queueSummaries(db, [...shownMine.map((doc) => doc.id), ...available.rows.map((row) => row.id)], userId);
  return {
    mine: shownMine.map((doc) => summaries.get(doc.id)!),
    mineTotal: unfinished.length,
    available: available.rows.map((row): QueueDocument => ({ ...summaries.get(row.id)!, annotators: row.annotators })),
    total: held.total,
    nextCursor: available.nextCursor,
    done: everything.filter((doc) => doc.complete).length,
  };
}
