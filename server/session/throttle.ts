// Sign-in throttling with rate-limiter-flexible: failed attempts are counted per username and per
// client address over a fixed window that starts at the first counted failure. Given the database,
// the counts live in its `sign_in_throttle` table (migration 0008, the library's SQLite store over
// better-sqlite3, or its PostgreSQL store over the same connection Parley uses), so every process
// serving one database counts together and a restart forgets nothing; without one (unit tests) they live in this process's memory. The store's write per
// failed guess costs what the audit event written for the same guess costs.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterSQLite, type RateLimiterAbstract, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import type { Db } from '../db/connection.ts';
import { sqliteHandle } from '../db/sqlite.ts';
import { sql } from '../db/statements.ts';

/** How many failures are tolerated, and over how long. */
export interface ThrottleLimits {
  /** Failures for one username (any address) before it is refused. */
  perUsername: number;
  /** Failures from one client address (any username) before it is refused. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { perUsername: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** The store's table (migration 0008). */
const TABLE = 'sign_in_throttle';

/** What `admit` decided: `retryAfterSeconds` > 0 refuses the attempt; else `attempt` marks it for `recordSuccess`. */
export interface Admission {
  retryAfterSeconds: number;
  /** When the address's window that counted this attempt ends (ms since the epoch). */
  attempt: number;
}

type Limiter = RateLimiterAbstract | RateLimiterStoreAbstract;

/** Counts failed sign-ins and says how long a refused caller must wait. */
export class SignInThrottle {
  private readonly byUsername: Limiter;
  private readonly byAddress: Limiter;
  private readonly purge: (() => unknown) | undefined;

  constructor(limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS, db?: Db) {
    const duration = limits.windowMs / 1000;
    const limiter = (keyPrefix: string, points: number): Limiter => {
      if (!db) return new RateLimiterMemory({ keyPrefix, points, duration });
      const sqlite = sqliteHandle(db);
      if (sqlite)
        return new RateLimiterSQLite({ storeClient: sqlite, storeType: 'better-sqlite3', tableName: TABLE, tableCreated: true, keyPrefix, points, duration });
      const storeClient = postgresStoreClient(db);
      return new RateLimiterPostgres({
        storeClient,
        storeType: 'client',
        tableName: TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix,
        points,
        duration,
      });
    };
    this.byUsername = limiter('username', limits.perUsername);
    this.byAddress = limiter('address', limits.perAddress);
    // Ended windows are never read again; dropping them keeps the table as small as the live counts.
    // Prepared at the first attempt: an app may be built over a database that is not migrated yet.
    this.purge = db && (() => sql<[number]>(db, `DELETE FROM ${TABLE} WHERE expire < ?`).run(Date.now()));
  }

  /**
   * Counts an attempt as failed before its password is checked, so that many attempts sent at
   * once (from any process) cannot all get through while the first are still hashing: the count
   * is one atomic increment per key. An attempt over either limit is refused and taken back, so
   * refused attempts count against nothing.
   */
  async admit(username: string, address: string): Promise<Admission> {
    this.purge?.();
    const user = usernameKey(username);
    const [byUsername, byAddress] = await Promise.all([this.byUsername.penalty(user, 1), this.byAddress.penalty(address, 1)]);
    const waits = [
      byUsername.consumedPoints > this.byUsername.points ? byUsername.msBeforeNext : 0,
      byAddress.consumedPoints > this.byAddress.points ? byAddress.msBeforeNext : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) {
      await Promise.all([takeBack(this.byUsername, user), takeBack(this.byAddress, address)]);
      return { retryAfterSeconds: Math.ceil(wait / 1000), attempt: 0 };
    }
    return { retryAfterSeconds: 0, attempt: Date.now() + byAddress.msBeforeNext };
  }

  /**
   * A correct password clears the username's count (its owner is back) and takes back this one
   * attempt from the address, not the address's other failures: an attacker who holds one
   * account must not reset the count of their guesses at others. An attempt whose window has
   * ended meanwhile is not taken from the next one.
   */
  async recordSuccess(username: string, address: string, attempt: number): Promise<void> {
    await this.byUsername.delete(usernameKey(username));
    const counted = await this.byAddress.get(address);
    // The same window ends at the same instant; a second covers the clock read between the two.
    if (counted && Math.abs(Date.now() + counted.msBeforeNext - attempt) < 1000) await takeBack(this.byAddress, address);
  }
}

/**
 * The PostgreSQL store asks for a node-postgres client (`query({text, values})` → rows); this one
 * runs its statements on Parley's own connection, so the counts share the database's transactions
 * and processes without a second driver.
 */
function postgresStoreClient(db: Db) {
  return {
    async query({ text, values = [] }: { text: string; values?: unknown[] }) {
      const rows = sql<unknown[], Record<string, unknown>>(db, text).all(...values);
      return { rows, rowCount: rows.length };
    },
  };
}

/** Takes one attempt back; a count back at zero is dropped, so its window starts at the next real failure, not at this attempt. */
async function takeBack(limiter: Limiter, key: string): Promise<void> {
  const left = await limiter.reward(key, 1);
  if (left.consumedPoints <= 0) await limiter.delete(key);
}

// Usernames are unique regardless of case (COLLATE NOCASE), so "Admin" and "admin" share a count.
const usernameKey = (username: string) => username.trim().toLowerCase();
