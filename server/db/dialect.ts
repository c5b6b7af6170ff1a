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
 * A condition on the documents row `d`: its title or source holds every word of the search, each as
 * the start of a word ("gaza cease" finds "Gaza ceasefire talks"). One parameter,
 * `documentSearchText(db, words)`. SQLite: the FTS5 table documents_search (external content,
 * kept by triggers); PostgreSQL: the GIN index documents_search, whose expression this repeats
 * exactly (migration 0011), so the planner uses it.
 */
export function documentSearch(db: Db, filterOnly = false): string {
  if (db.dialect === 'postgres') {
    // The matches come from the GIN index once, as a hashed set the page's rows are tested against
    // (OFFSET 0 keeps the planner from pulling the subquery up): otherwise, misjudging how many
    // rows a prefix search keeps, it walked the sort's index computing to_tsvector for every row
    // (13 s for a search without matches in 100,000 documents).
    return `d.id IN (SELECT ds.id FROM documents ds
      WHERE to_tsvector('simple', translate(ds.title || ' ' || coalesce(ds.source, ''), '/.:_-=&#%+~@''"', '              ')) @@ to_tsquery('simple', ?) OFFSET 0)`;
  }
  // `+d.id` (filterOnly): SQLite then tests each row against the matches instead of starting from
  // them, for a page in another index's order when the search matches many documents.
  return `${filterOnly ? '+' : ''}d.id IN (SELECT documents_search.rowid FROM documents_search WHERE documents_search MATCH ?)`;
}

/** The parameter of documentSearch for `words` (from searchWords: letters, marks and digits only). */
export function documentSearchText(db: Db, words: readonly string[]): string {
  return db.dialect === 'postgres' ? words.map((word) => `${word}:*`).join(' & ') : words.map((word) => `"${word}"*`).join(' ');
}
