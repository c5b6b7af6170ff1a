import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.ts';

const cache = new WeakMap<Db, Map<string, Statement>>();

/** A statement prepared once per connection and reused (STYLE.md §5); bound parameters only. */
export function sql(db: Db, text: string): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    statement = db.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

/** The current time as stored in every `*_at` column. */
export const now = () => new Date().toISOString();
