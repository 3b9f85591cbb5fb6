import { AccessToken, InMemoryAccessTokenCache, ManualClock, type AccessTokenCache, type CacheLock } from '@paytokens/domain';
import { FallbackAccessTokenCache } from './fallback-access-token-cache';

/** A working cache that can be made to fail like an unreachable Redis; counts the calls it got. */
class SwitchableCache implements AccessTokenCache {
  down = false;
  failRelease = false;
  calls = 0;

  constructor(private readonly inner: AccessTokenCache) {}

  get(key: string) {
    return this.guard(() => this.inner.get(key));
  }

  set(key: string, token: AccessToken, ttlMs: number) {
    return this.guard(() => this.inner.set(key, token, ttlMs));
  }

  delete(key: string, expectedValue?: string) {
    return this.guard(() => this.inner.delete(key, expectedValue));
  }

  tryLock(key: string, ttlMs: number) {
    return this.guard(async (): Promise<CacheLock | undefined> => {
      const lock = await this.inner.tryLock(key, ttlMs);
      return lock && { release: () => (this.failRelease ? Promise.reject(new Error('connection lost')) : lock.release()) };
    });
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    this.calls++;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    return call();
  }
}

describe('FallbackAccessTokenCache', () => {
  let clock: ManualClock;
  let primary: SwitchableCache;
  let onDegraded: jest.Mock;
  let onRecovered: jest.Mock;
  let cache: FallbackAccessTokenCache;
  const token = (value: string) => AccessToken.issued(value, 'Bearer', clock.now(), 3600);

  beforeEach(() => {
    clock = new ManualClock();
    primary = new SwitchableCache(new InMemoryAccessTokenCache(clock));
    onDegraded = jest.fn();
    onRecovered = jest.fn();
    cache = new FallbackAccessTokenCache(primary, { clock, onDegraded, onRecovered, retryPrimaryAfterMs: 1000 });
  });

  it('uses only the primary while it works', async () => {
    await cache.set('k', token('primary-token'), 60_000);
    primary.down = true;
    // The fallback never got a copy: a healthy write goes to the primary only.
    expect(await cache.get('k')).toBeUndefined();
    primary.down = false;
    clock.advance(1000);
    expect((await cache.get('k'))?.value.reveal()).toBe('primary-token');
    expect(cache.isDegraded).toBe(false);
  });

  it('serves from and writes to the fallback while the primary fails, reporting it once', async () => {
    primary.down = true;
    const results = await Promise.all([cache.get('k'), cache.get('k'), cache.get('k')]);
    expect(results).toEqual([undefined, undefined, undefined]);
    await cache.set('k', token('local-token'), 60_000);

    expect((await cache.get('k'))?.value.reveal()).toBe('local-token');
    expect(cache.isDegraded).toBe(true);
    expect(onDegraded).toHaveBeenCalledTimes(1);
    expect(onDegraded).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }));
  });

  it('retries the primary at most once per interval while degraded', async () => {
    primary.down = true;
    await cache.get('k');
    const callsWhenDegraded = primary.calls;

    await Promise.all([cache.get('k'), cache.get('k'), cache.set('k', token('t'), 60_000)]);
    expect(primary.calls).toBe(callsWhenDegraded);

    clock.advance(1000);
    await Promise.all([cache.get('k'), cache.get('k'), cache.get('k')]);
    expect(primary.calls).toBe(callsWhenDegraded + 1);
    expect(onDegraded).toHaveBeenCalledTimes(1);
  });

  it('goes back to the primary once a retry succeeds, reporting the recovery once', async () => {
    await cache.set('k', token('shared-token'), 60_000);
    primary.down = true;
    await cache.get('k');
    primary.down = false;
    expect(await cache.get('k')).toBeUndefined(); // Too early to retry: still the (empty) fallback.

    clock.advance(1000);
    expect((await cache.get('k'))?.value.reveal()).toBe('shared-token');
    expect(cache.isDegraded).toBe(false);
    expect(onRecovered).toHaveBeenCalledTimes(1);
    await cache.get('k');
    expect(onRecovered).toHaveBeenCalledTimes(1);
  });

  it('reports a second outage again after a recovery', async () => {
    primary.down = true;
    await cache.get('k');
    primary.down = false;
    clock.advance(1000);
    await cache.get('k');
    primary.down = true;
    await cache.get('k');
    expect(onDegraded).toHaveBeenCalledTimes(2);
    expect(onRecovered).toHaveBeenCalledTimes(1);
  });

  it('hands out fallback locks while degraded, exclusive within the process', async () => {
    primary.down = true;
    const lock = await cache.tryLock('k', 10_000);
    expect(lock).toBeDefined();
    expect(await cache.tryLock('k', 10_000)).toBeUndefined();
    await lock!.release();
    expect(await cache.tryLock('k', 10_000)).toBeDefined();
  });

  it('does not fail the caller when releasing a primary lock fails; it reports the degradation instead', async () => {
    const lock = await cache.tryLock('k', 10_000);
    primary.failRelease = true;
    await expect(lock!.release()).resolves.toBeUndefined();
    expect(cache.isDegraded).toBe(true);
    expect(onDegraded).toHaveBeenCalledTimes(1);
  });

  it('deletes from both caches, so a token from an earlier outage does not come back', async () => {
    primary.down = true;
    await cache.set('k', token('outage-token'), 60_000);
    primary.down = false;
    clock.advance(1000);
    await cache.set('k', token('outage-token'), 60_000);
    await cache.delete('k', 'outage-token');
    expect(await cache.get('k')).toBeUndefined();

    primary.down = true;
    clock.advance(1000);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('keeps working when a listener throws', async () => {
    const throwing = new FallbackAccessTokenCache(primary, {
      clock,
      onDegraded: () => {
        throw new Error('logger broke');
      },
    });
    primary.down = true;
    await expect(throwing.set('k', token('t'), 60_000)).resolves.toBeUndefined();
    expect((await throwing.get('k'))?.value.reveal()).toBe('t');
  });

  it('refuses a negative retry interval', () => {
    expect(() => new FallbackAccessTokenCache(primary, { retryPrimaryAfterMs: -1 })).toThrow(RangeError);
  });
});
