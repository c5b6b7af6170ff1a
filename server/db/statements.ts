import type { Db, RowMode, RunResult } from './connection.ts';

/**
 * A prepared statement typed by its bound parameters and the row it reads. The type is stated once,
 * where the SQL is written (the row types come from `schema.ts`), instead of asserted at each
 * `.get()`; a statement reads either row objects (`sql`), tuples (`tuples`) or single values
 * (`values`), fixed when it is prepared.
 */
export interface Query<Params extends unknown[], Row> {
  get(...params: Params): Row | undefined;
  all(...params: Params): Row[];
  iterate(...params: Params): IterableIterator<Row>;
  run(...params: Params): RunResult;
}

function prepared<Params extends unknown[], Row>(db: Db, text: string, mode: RowMode): Query<Params, Row> {
  // The one assertion of the boundary: the driver cannot know what the SQL returns; the caller
  // states it next to the SQL, from the row types of schema.ts.
  const query: Query<unknown[], unknown> = db.prepare(text, mode);
  return query as Query<Params, Row>;
}

/**
 * A statement prepared once per connection and reused (STYLE.md §5); bound parameters only. Rows
 * come back as objects keyed by column name (`Row`).
 */
export function sql<Params extends unknown[] = unknown[], Row = never>(db: Db, text: string): Query<Params, Row> {
  return prepared(db, text, 'rows');
}

/**
 * Like `sql`, but each row comes back as an array of its columns in SELECT order: for reads of
 * thousands of rows on a hot path, where building an object per row is measurable.
 */
export function tuples<Params extends unknown[], Tuple extends readonly unknown[]>(db: Db, text: string): Query<Params, Tuple> {
  return prepared(db, text, 'tuples');
}

/** Like `sql`, but each row comes back as the value of its first (only) column. */
export function values<Params extends unknown[], Value>(db: Db, text: string): Query<Params, Value> {
  return prepared(db, text, 'values');
}

/**
 * A write run for its effect only (an audit event, a delete of rows that may not be there): no rows
 * and no count come back, so inside a PostgreSQL transaction it can travel with the next statement
 * or the COMMIT instead of costing a round trip; SQLite runs it at once. An error it raises is
 * thrown by that later statement, still inside the transaction, which rolls back as usual.
 */
export function deferred<Params extends unknown[]>(db: Db, text: string): (...params: Params) => void {
  const statement = db.prepare(text);
  return (...params) => db.runDeferred(statement, params);
}

/** The current time as stored in every `*_at` column. */
export const now = () => new Date().toISOString();
