import { AccessToken } from '@paytokens/domain';
import { deleteKeysWithPrefix, describeWithRedis, redisTestUrl, uniqueTestPrefix } from '@paytokens/testing';
import { connectForTest } from '../testing/test-connection';
import { RedisAccessTokenCache } from './redis-access-token-cache';
import type { RedisConnection } from './redis-connection';

const HOUR_S = 3600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const token = (value: string) => AccessToken.issued(value, 'Bearer', Date.now(), HOUR_S);

describeWithRedis('RedisAccessTokenCache (real Redis)', () => {
  const prefix = uniqueTestPrefix();
  let first: RedisConnection;
  let second: RedisConnection;
  // Two connections stand for two API processes sharing one Redis.
  let cacheA: RedisAccessTokenCache;
  let cacheB: RedisAccessTokenCache;

  beforeAll(async () => {
    first = await connectForTest(redisTestUrl, prefix);
    second = await connectForTest(redisTestUrl, prefix);
    cacheA = new RedisAccessTokenCache(first);
    cacheB = new RedisAccessTokenCache(second);
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redisTestUrl, prefix);
    await Promise.all([first?.quit(), second?.quit()]);
  });

  it('stores a token as JSON under <prefix>token:<key> with an expiry, and another process reads it back', async () => {
    const stored = token('value-set-get-0001');
    await cacheA.set('set-get', stored, 60_000);

    const read = await cacheB.get('set-get');
    expect(read).toBeInstanceOf(AccessToken);
    expect(read!.toRecord()).toEqual(stored.toRecord());

    const raw = await second.get('token:set-get');
    expect(JSON.parse(raw!)).toEqual(stored.toRecord());
    const pttl = await second.pttl('token:set-get');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });

  it('uses the adapter prefix after the connection prefix', async () => {
    const scoped = new RedisAccessTokenCache(first, { prefix: 'zenki:' });
    await scoped.set('k', token('value-scoped-0001'), 60_000);
    expect(await first.exists('zenki:token:k')).toBe(1);
    expect(await cacheA.get('k')).toBeUndefined();
  });

  it('misses once the entry expired', async () => {
    await cacheA.set('short', token('value-short-0001'), 80);
    expect(await cacheB.get('short')).toBeDefined();
    await sleep(150);
    expect(await cacheB.get('short')).toBeUndefined();
  });

  it('does not store a token with a ttl of zero or less', async () => {
    await cacheA.set('zero', token('value-zero-0001'), 0);
    expect(await first.exists('token:zero')).toBe(0);
  });

  it('treats a malformed value as a miss', async () => {
    await first.set('token:garbage', 'not json {', 'PX', 60_000);
    await first.set('token:wrong-shape', JSON.stringify({ value: 42, tokenType: 'Bearer' }), 'PX', 60_000);
    await first.set('token:backwards', JSON.stringify({ value: 'v', tokenType: 'Bearer', issuedAt: 10, expiresAt: 5 }), 'PX', 60_000);

    expect(await cacheA.get('garbage')).toBeUndefined();
    expect(await cacheA.get('wrong-shape')).toBeUndefined();
    expect(await cacheA.get('backwards')).toBeUndefined();
  });

  it('compare-and-delete keeps a newer token and removes the expected one', async () => {
    const old = token('value-old-0001');
    const newer = token('value-newer-0002');
    await cacheA.set('cad', old, 60_000);
    await cacheB.set('cad', newer, 60_000);

    await cacheA.delete('cad', old.value.reveal());
    expect((await cacheA.get('cad'))?.value.reveal()).toBe('value-newer-0002');

    await cacheA.delete('cad', newer.value.reveal());
    expect(await cacheA.get('cad')).toBeUndefined();
  });

  it('compare-and-delete leaves a value it cannot read alone, and a plain delete removes anything', async () => {
    await first.set('token:odd', 'not json', 'PX', 60_000);
    await cacheA.delete('odd', 'not json');
    expect(await first.exists('token:odd')).toBe(1);

    await cacheA.delete('odd');
    expect(await first.exists('token:odd')).toBe(0);
  });

  it('gives the lock to one process only, and to the other once released', async () => {
    const lockA = await cacheA.tryLock('exclusive', 10_000);
    expect(lockA).toBeDefined();
    expect(await cacheB.tryLock('exclusive', 10_000)).toBeUndefined();
    expect(await cacheA.tryLock('exclusive', 10_000)).toBeUndefined();

    await lockA!.release();
    const lockB = await cacheB.tryLock('exclusive', 10_000);
    expect(lockB).toBeDefined();
    await lockB!.release();
  });

  it('grants exactly one of many simultaneous lock attempts from two processes', async () => {
    const attempts = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? cacheA : cacheB).tryLock('race', 10_000));
    const locks = (await Promise.all(attempts)).filter((lock) => lock !== undefined);
    expect(locks).toHaveLength(1);
    await locks[0]!.release();
  });

  it('lets another process in once a lock expired (a crashed holder blocks no one past the TTL)', async () => {
    expect(await cacheA.tryLock('expiring', 100)).toBeDefined();
    expect(await cacheB.tryLock('expiring', 10_000)).toBeUndefined();
    await sleep(200);
    const lockB = await cacheB.tryLock('expiring', 10_000);
    expect(lockB).toBeDefined();
    await lockB!.release();
  });

  it("never lets an old holder's release free the lock a new holder took over", async () => {
    const oldLock = await cacheA.tryLock('takeover', 100);
    await sleep(200);
    const newLock = await cacheB.tryLock('takeover', 10_000);
    expect(newLock).toBeDefined();

    await oldLock!.release();
    expect(await first.exists('lock:takeover')).toBe(1);
    expect(await cacheA.tryLock('takeover', 10_000)).toBeUndefined();

    await newLock!.release();
    expect(await first.exists('lock:takeover')).toBe(0);
  });

  it('refuses a lock with a ttl that is not positive', async () => {
    await expect(cacheA.tryLock('bad-ttl', 0)).rejects.toThrow(RangeError);
  });
});
