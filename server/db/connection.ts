import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export interface DbOptions {
  /** PARLEY_SYNC: `normal` survives process crashes, `full` also power loss (server/env.ts). */
  synchronous?: 'normal' | 'full';
}

/** Opens a SQLite database with the settings every Parley connection needs. */
export function openDb(file: string, { synchronous = 'normal' }: DbOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL lets readers (exports, agreement) run while annotators save. NORMAL is durable in WAL mode
  // against application crashes (what a SIGKILL is); FULL syncs the log on every commit.
  db.pragma('journal_mode = WAL');
  db.pragma(synchronous === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
