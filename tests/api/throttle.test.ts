import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInThrottle } from '../../server/session/throttle.ts';
import { listSignInCounts } from '../../server/session/repo.ts';
import { makeContext, type TestContext } from '../support/api.ts';

// The counts live in the database (migration 0008): what one process counts, another sees.
describe('sign-in throttle store', () => {
  let ctx: TestContext | undefined;
  afterEach(() => {
    ctx?.close();
    vi.useRealTimers();
  });
  const database = () => {
    ctx = makeContext();
    return ctx.db;
  };

  it('shares counts between throttles over one database, as several processes would', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-01T10:00:00Z'));
    const store = database();
    const first = new SignInThrottle(undefined, store);
    for (let i = 0; i < 5; i++) expect((await first.admit('Ada', '203.0.113.1')).retryAfterSeconds).toBe(0);
    const second = new SignInThrottle(undefined, store);
    expect(await second.admit('ada', '198.51.100.2')).toMatchObject({ retryAfterSeconds: 900 });
    // The refused attempt counted against nothing: the other address has no row.
    expect(listSignInCounts(store)).toEqual([
      { key: 'address:203.0.113.1', points: 5 },
      { key: 'username:ada', points: 5 },
    ]);
  });

  it('a success clears the username and takes back only its own attempt from the address; ended windows are purged', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-01T10:00:00Z'));
    const store = database();
    const throttle = new SignInThrottle(undefined, store);
    await throttle.admit('mallory', '203.0.113.1');
    const attempt = await throttle.admit('bob', '203.0.113.1');
    await throttle.recordSuccess('bob', '203.0.113.1', attempt.attempt);
    expect(listSignInCounts(store)).toEqual([
      { key: 'address:203.0.113.1', points: 1 },
      { key: 'username:mallory', points: 1 },
    ]);
    vi.setSystemTime(new Date('2025-06-01T10:16:00Z'));
    await throttle.admit('carol', '198.51.100.2');
    expect(listSignInCounts(store).map(({ key }) => key)).toEqual(['address:198.51.100.2', 'username:carol']);
  });
});
