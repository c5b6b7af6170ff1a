// Sign-in throttling. Failed attempts are counted in memory, per username and per client address,
// over a sliding window. In memory on purpose: one Parley process serves one SQLite file, a
// restart forgetting the counters costs an attacker nothing they could not get by waiting, and a
// table would turn every failed guess into a write. Several app instances would each count alone.

/** How many failures are tolerated, and over how long. */
export interface ThrottleLimits {
  /** Failures for one username (any address) before it is refused. */
  perUsername: number;
  /** Failures from one client address (any username) before it is refused. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { perUsername: 5, perAddress: 20, windowMs: 15 * 60_000 };

// Bounds memory when someone sprays random usernames: beyond this many keys, the stalest are dropped.
const MAX_KEYS = 50_000;

/** Failure timestamps per key; entries older than the window are dropped as they are seen. */
class FailureLog {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  /** The failures of `key` still inside the window at `nowMs`, oldest first. */
  recent(key: string, nowMs: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const live = times.filter((at) => nowMs - at < this.windowMs);
    if (live.length === 0) this.failures.delete(key);
    else if (live.length !== times.length) this.failures.set(key, live);
    return live;
  }

  add(key: string, nowMs: number): void {
    const times = this.recent(key, nowMs);
    // Re-inserting moves the key to the end of the Map's order, so the first keys are the stalest.
    this.failures.delete(key);
    this.failures.set(key, [...times, nowMs]);
    if (this.failures.size > MAX_KEYS) {
      const stalest = this.failures.keys().next().value;
      if (stalest !== undefined) this.failures.delete(stalest);
    }
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  /** Takes back one failure recorded at `at` (an attempt that turned out to succeed). */
  remove(key: string, at: number): void {
    const times = this.failures.get(key);
    const index = times?.indexOf(at) ?? -1;
    if (!times || index < 0) return;
    times.splice(index, 1);
    if (times.length === 0) this.failures.delete(key);
  }
}

/** Counts failed sign-ins and says how long a refused caller must wait. */
export class SignInThrottle {
  private readonly byUsername: FailureLog;
  private readonly byAddress: FailureLog;

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {
    this.byUsername = new FailureLog(limits.windowMs);
    this.byAddress = new FailureLog(limits.windowMs);
  }

  /** Seconds to wait before another attempt is heard, or 0 when the attempt may proceed. */
  retryAfterSeconds(username: string, address: string): number {
    const nowMs = this.clock();
    const wait = Math.max(
      this.waitMs(this.byUsername.recent(usernameKey(username), nowMs), this.limits.perUsername, nowMs),
      this.waitMs(this.byAddress.recent(address, nowMs), this.limits.perAddress, nowMs),
    );
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  /**
   * Counts an attempt as failed before its password is checked, so that many attempts sent at
   * once cannot all pass `retryAfterSeconds` while the first are still hashing. Returns the
   * attempt's mark for `recordSuccess`.
   */
  recordAttempt(username: string, address: string): number {
    const nowMs = this.clock();
    this.byUsername.add(usernameKey(username), nowMs);
    this.byAddress.add(address, nowMs);
    return nowMs;
  }

  /**
   * A correct password clears the username's count (its owner is back) and takes back this one
   * attempt from the address, not the address's other failures: an attacker who holds one
   * account must not reset the count of their guesses at others.
   */
  recordSuccess(username: string, address: string, attempt: number): void {
    this.byUsername.clear(usernameKey(username));
    this.byAddress.remove(address, attempt);
  }

  // Refused until enough of the oldest failures leave the window to bring the count under the limit.
  private waitMs(failures: number[], limit: number, nowMs: number): number {
    if (failures.length < limit) return 0;
    const freeing = failures[failures.length - limit];
    return freeing === undefined ? 0 : freeing + this.limits.windowMs - nowMs;
  }
}

// Usernames are unique regardless of case (COLLATE NOCASE), so "Admin" and "admin" share a count.
const usernameKey = (username: string) => username.trim().toLowerCase();
