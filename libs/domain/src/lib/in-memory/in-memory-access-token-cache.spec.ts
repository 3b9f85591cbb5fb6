import { ManualClock } from '../clock/manual-clock';
import { AccessToken } from '../entities/access-token.entity';
import { InMemoryAccessTokenCache } from './in-memory-access-token-cache';

describe('InMemoryAccessTokenCache', () => {
  let clock: ManualClock;
  let cache: InMemoryAccessTokenCache;
  const token = (value: string) => AccessToken.issued(value, 'Bearer', clock.now(), 3600);

  beforeEach(() => {
    clock = new ManualClock();
    cache = new InMemoryAccessTokenCache(clock);
  });

  it('keeps a token for its TTL by the clock, then forgets it', async () => {
    const stored = token('value-1');
    await cache.set('zenki', stored, 1_000);
    clock.advance(999);
    expect(await cache.get('zenki')).toBe(stored);
    clock.advance(1);
    expect(await cache.get('zenki')).toBeUndefined();
  });

  it('stores nothing for a TTL that is not positive', async () => {
    await cache.set('zenki', token('value-1'), 0);
    await cache.set('other', token('value-2'), -5);
    expect(await cache.get('zenki')).toBeUndefined();
    expect(await cache.get('other')).toBeUndefined();
  });

  it('keeps keys apart', async () => {
    await cache.set('a', token('value-a'), 1_000);
    expect(await cache.get('b')).toBeUndefined();
    expect((await cache.get('a'))?.value.reveal()).toBe('value-a');
  });

  it('deletes unconditionally without an expected value', async () => {
    await cache.set('zenki', token('value-1'), 1_000);
    await cache.delete('zenki');
    expect(await cache.get('zenki')).toBeUndefined();
    await expect(cache.delete('missing')).resolves.toBeUndefined();
  });

  it('compare-and-delete removes only the entry holding the expected value', async () => {
    await cache.set('zenki', token('new-value'), 1_000);
    await cache.delete('zenki', 'old-value');
    expect((await cache.get('zenki'))?.value.reveal()).toBe('new-value');
    await cache.delete('zenki', 'new-value');
    expect(await cache.get('zenki')).toBeUndefined();
  });

  describe('fetch lock', () => {
    it('is held by one holder at a time, per key', async () => {
      const lock = await cache.tryLock('zenki', 1_000);
      expect(lock).toBeDefined();
      expect(await cache.tryLock('zenki', 1_000)).toBeUndefined();
      expect(await cache.tryLock('other', 1_000)).toBeDefined();
      await lock!.release();
      expect(await cache.tryLock('zenki', 1_000)).toBeDefined();
    });

    it('expires, letting another holder in', async () => {
      await cache.tryLock('zenki', 1_000);
      clock.advance(999);
      expect(await cache.tryLock('zenki', 1_000)).toBeUndefined();
      clock.advance(1);
      expect(await cache.tryLock('zenki', 1_000)).toBeDefined();
    });

    it("a stale holder's release does not free the new holder's lock", async () => {
      const stale = await cache.tryLock('zenki', 1_000);
      clock.advance(1_000);
      const current = await cache.tryLock('zenki', 1_000);
      expect(current).toBeDefined();
      await stale!.release();
      expect(await cache.tryLock('zenki', 1_000)).toBeUndefined();
      await current!.release();
      await current!.release();
      expect(await cache.tryLock('zenki', 1_000)).toBeDefined();
    });
  });
});
