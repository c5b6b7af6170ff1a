// The few SQL fragments that cannot be written once for both engines (SQLite and PostgreSQL 15),
// chosen by the connection's dialect. Everything else in the repositories is portable SQL; a
// fragment belongs here only when no common spelling exists.
import type { Db } from './connection.ts';

/**
 * A subquery of the integers in one bound parameter holding a JSON array (`JSON.stringify(ids)`),
 * for `x IN (${jsonIntegerList(db)})`: one statement for any number of ids, instead of one
 * placeholder per id (a statement per list length, and SQLite's limit on parameters).
 */
export function jsonIntegerList(db: Db): string {
  return db.dialect === 'postgres' ? 'SELECT CAST(jsonb_array_elements_text(CAST(? AS JSONB)) AS BIGINT)' : 'SELECT value FROM json_each(?)';
}

/** Like jsonIntegerList, for a JSON array of strings. */
export function jsonTextList(db: Db): string {
  return db.dialect === 'postgres' ? 'SELECT jsonb_array_elements_text(CAST(? AS JSONB))' : 'SELECT value FROM json_each(?)';
}

/**
 * The strings of one bound JSON array parameter as a FROM item named `alias`, one row each with
 * the string in `${alias}.value`: for a query that must look each one up by itself (a scalar
 * subquery per row), where `x IN (jsonTextList)` leaves the join to the planner.
 */
export function jsonTextRows(db: Db, alias: string): string {
  return db.dialect === 'postgres' ? `jsonb_array_elements_text(CAST(? AS JSONB)) AS ${alias} (value)` : `json_each(?) AS ${alias}`;
}

/**
 * PostgreSQL only: rows of `columns` integer columns, each column bound as one array parameter
 * (`integerArray`), for `INSERT INTO t (…) ${unnestIntegers(n)}`: thousands of rows in a short
 * statement that is planned once, where a VALUES list of as many parameters is planned on every run.
 * SQLite has no arrays (its VALUES lists cost no such planning).
 */
export function unnestIntegers(columns: number): string {
  return `SELECT * FROM unnest(${Array.from({ length: columns }, () => 'CAST(? AS BIGINT[])').join(', ')})`;
}

/** A PostgreSQL array literal of integers, the parameter of one unnestIntegers column. */
export function integerArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/**
 * Whether a TEXT column holding JSON holds the same value as the bound JSON parameter, whatever the
 * spacing either was written with. `column` is a column name, never user input.
 */
export function jsonEquals(db: Db, column: string): string {
  return db.dialect === 'postgres' ? `CAST(${column} AS JSONB) = CAST(? AS JSONB)` : `json(${column}) = json(?)`;
}

/**
 * The words of a search: runs of letters, combining marks and digits, lower-cased, at most 16.
 * Punctuation and quotes are word breaks, as they are in the indexed text, so no search text
 * reaches either engine's query syntax.
 */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word !== '')
    .slice(0, 16);
}

/**
 * How a page finds a filter's matches: `index` starts from the filter's index (few matches);
 * `walk` walks the sort's index and tests each row (many matches, a page in another order); `many`,
 * many matches in import order, where SQLite starts from the search's index and PostgreSQL walks.
 */
export type Reach = 'index' | 'many' | 'walk';

/**
 * A condition on the documents row `d`: its title or source holds every word of the search, each as
 * the start of a word ("gaza cease" finds "Gaza ceasefire talks"). One parameter,
 * `documentSearchText(db, words)`. SQLite: the FTS5 table documents_search (external content,
 * kept by triggers, migration 0011); PostgreSQL: the narrow table document_search of each
 * document's words and its GIN index (migration 0015), so a match never reads the wide documents
 * row.
 */
export function documentSearch(db: Db, reach: Reach = 'index'): string {
  if (db.dialect === 'postgres') {
    // Each row walked looks up its own words (a scalar subquery is never pulled up into a join):
    // 51 rows of a search matching one document in five cost 250 lookups, where taking every
    // match from the GIN index and sorting them took 40 ms at 22,000 matches.
    if (reach !== 'index') return `(SELECT ds.words FROM document_search ds WHERE ds.document_id = d.id) @@ to_tsquery('simple', ?)`;
    // The matches come from the GIN index once, as a set the page's rows are joined with (OFFSET 0
    // keeps the planner from pulling the subquery up): otherwise, misjudging how many rows a
    // prefix search keeps, it walked the sort's index testing every row (13 s for a search without
    // matches in 100,000 documents, with the index of migration 0011).
    return `d.id IN (SELECT ds.document_id FROM document_search ds WHERE ds.words @@ to_tsquery('simple', ?) OFFSET 0)`;
  }
  // `+d.id` (walk): SQLite then tests each row against the matches instead of starting from them.
  return `${reach === 'walk' ? '+' : ''}d.id IN (SELECT documents_search.rowid FROM documents_search WHERE documents_search MATCH ?)`;
}

/**
 * How many of a project's documents a search matches (two parameters: the project, then
 * documentSearchText), for a list filtered by the search alone. PostgreSQL counts the narrow rows
 * of document_search, which hold the project, without a lookup of each match in documents.
 */
export function documentSearchCount(db: Db): string {
  return db.dialect === 'postgres'
    ? `SELECT count(*) FROM document_search ds WHERE ds.project_id = ? AND ds.words @@ to_tsquery('simple', ?)`
    : `SELECT count(*) FROM documents d WHERE d.project_id = ? AND ${documentSearch(db)}`;
}

/** The parameter of documentSearch for `words` (from searchWords: letters, marks and digits only). */
export function documentSearchText(db: Db, words: readonly string[]): string {
  return db.dialect === 'postgres' ? words.map((word) => `${word}:*`).join(' & ') : words.map((word) => `"${word}"*`).join(' ');
}
