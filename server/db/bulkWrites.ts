// Settings for a long run of large write transactions on one connection (the CLI's import):
// SQLite only, and undone by the function returned. A page cache of 64 MiB instead of 2 MiB holds
// the indexes an import of 100,000 articles writes into at random places (titles, text hashes,
// the search index): with the default, every batch read their pages back from the file, and the
// import's writes cost ~15 % more CPU. A checkpoint every 16,384 log pages (64 MiB) instead of
// every 1,000: each one copies every page the log holds back into the file, and a batch of 2,000
// articles rewrote the same index pages, so most of them were copied once per transaction; the
// import of 100,000 articles took 14.6-14.8 s instead of 14.9-17.0 s. The log file keeps the size it
// reached (up to ~64 MiB) until the last connection closes it. (Checkpoints on a thread of
// their own, as the server runs them, cost the import more CPU than they saved the writing
// thread: they stay on commit.)
import type { Db } from './connection.ts';
import { sqliteHandle } from './sqlite.ts';

const BULK_CACHE_KIB = 64 * 1024;
const BULK_CHECKPOINT_PAGES = 16 * 1024;

export function startBulkWrites(db: Db): () => Promise<void> {
  const handle = sqliteHandle(db);
  if (!handle) return async () => {};
  const cache = handle.pragma('cache_size', { simple: true }) as number;
  const checkpointPages = handle.pragma('wal_autocheckpoint', { simple: true }) as number;
  handle.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  handle.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  return async () => {
    if (!handle.open) return;
    handle.pragma(`cache_size = ${cache}`);
    handle.pragma(`wal_autocheckpoint = ${checkpointPages}`);
  };
}
