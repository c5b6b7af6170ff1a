// SQLite-specific (not in the PostgreSQL tier, vitest.config.ts SQLITE_ONLY): SQLite's write-ahead log
// file and its checkpoints; PostgreSQL manages its own WAL.
// The server's background checkpoints (server/db/checkpoint.ts): under writes that never pause,
// the write-ahead log must still start over, or it grows until the disk is full.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, type SqliteDb } from '../../server/db/sqlite.ts';
import { startBackgroundCheckpoints } from '../../server/db/checkpoint.ts';
import { transaction } from '../../server/db/transaction.ts';

let dir: string;
let file: string;
let db: SqliteDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-checkpoint-'));
  file = join(dir, 'test.db');
  db = openSqlite(file);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const PAGE = 4096;
/** Writes in the test, each of about one page of data. */
const WRITES = 8_000;

describe('background checkpoints', () => {
  it('keep the log bounded while writes never pause, and lose nothing', async () => {
    const stop = startBackgroundCheckpoints(db, { intervalMs: 20, restartAfterPages: 200 });
    const requestWork = () => {
      // What a request does besides its transaction (HTTP, JSON, validation): ~0.1 ms on this machine.
      const started = performance.now();
      while (performance.now() - started < 0.1);
    };
    const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
    const body = 'x'.repeat(3000); // about one page per write
    let written = 0;
    let largestLog = 0;
    // A count, not a duration: a loaded machine writes fewer rows per second, never fewer rows.
    // (About as many as 1.5 s of writes here, where it takes 1-2 s.)
    while (written < WRITES) {
      // One write transaction per turn of the event loop, as a server saving without a pause.
      transaction(db, () => insert.run(body));
      requestWork();
      written++;
      if (written % 100 === 0) largestLog = Math.max(largestLog, statSync(`${file}-wal`).size);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await stop();

    // Without restarts the log holds every write, about three pages each (24,500 pages for 8,000
    // writes); with them, what is written between two restarts (1,000-2,200 pages here), however
    // slowly. One page per write lies far from both.
    expect(largestLog / PAGE).toBeLessThan(WRITES);
    expect(db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: WRITES });
    expect(db.handle.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
