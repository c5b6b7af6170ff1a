// One snapshot for a whole export. An export streams for seconds to minutes while people keep
// saving; read piecemeal, a record could name an actor created after the actor list was read
// (`actor: null`) or an annotator who first labelled after the pseudonyms were (a bare "annotator").
// In WAL mode a read transaction sees the database as it was when it began, and other connections
// keep writing meanwhile, so the export reads through a connection of its own holding one read
// transaction open across its awaits. The app's connection serves every other request and never
// holds a transaction across an await.
import Database from 'better-sqlite3';
import type { Db } from '../db/connection.ts';
import { readTransaction } from '../db/transaction.ts';

export interface Snapshot {
  /** Runs synchronous reads against the snapshot (`work` must not write). */
  read<T>(work: (db: Db) => T): T;
  /** Ends the read transaction and closes the connection; safe to call twice. */
  close(): void;
}

/**
 * Opens a snapshot of `db`'s database. A `:memory:` database cannot be opened twice: there each
 * `read` is its own read transaction on `db`, so the caller must not rely on two reads agreeing.
 */
export function openSnapshot(db: Db): Snapshot {
  if (db.memory) return { read: (work) => readTransaction(db, () => work(db)), close: () => {} };
  const connection = new Database(db.name, { readonly: true, fileMustExist: true });
  try {
    connection.pragma('busy_timeout = 5000');
    connection.exec('BEGIN');
    // The snapshot is taken at the transaction's first read, not at BEGIN: read now.
    connection.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    connection.close();
    throw error;
  }
  return {
    read: (work) => work(connection),
    close: () => {
      if (connection.open) connection.close();
    },
  };
}
