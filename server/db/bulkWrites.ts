// Settings for a long run of large write transactions on one connection (the CLI's import):
// SQLite only, and undone by the function returned. A page cache of 64 MiB instead of 2 MiB holds
// the indexes an import of 100,000 articles writes into at random places (titles, text hashes,
// the search index): with the default, every batch read their pages back from the file, and the
// import's writes cost ~15 % more CPU. (Checkpoints on a thread of their own, as the server runs
// them, cost the import more CPU than they saved the writing thread: they stay on commit.)
import type { Db } from './connection.ts';
import { sqliteHandle } from './sqlite.ts';

const BULK_CACHE_KIB = 64 * 1024;

export function startBulkWrites(db: Db): () => Promise<void> {
  const handle = sqliteHandle(db);
  if (!handle) return async () => {};
  const cache = handle.pragma('cache_size', { simple: true }) as number;
  handle.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  return async () => {
    if (handle.open) handle.pragma(`cache_size = ${cache}`);
  };
}
