import { AccessToken, GetAccessToken, SystemClock } from '@paytokens/domain';
import { describeWithRedisServer, PrivateRedisCluster, uniqueTestPrefix } from '@paytokens/testing';
import { SlowCountingIssuer } from '../testing/domain-doubles';
import { RedisAccessTokenCache } from './redis-access-token-cache';
import { createRedisConnection, waitForRedisReady, type RedisConnection } from './redis-connection';
import { redisHealth } from './redis-health';
import { RedisIdempotencyStore } from './redis-idempotency-store';

describeWithRedisServer('Redis adapters on Redis Cluster (three private nodes)', () => {
  const prefix = uniqueTestPrefix();
  const cluster = new PrivateRedisCluster();
  const connections: RedisConnection[] = [];

  async function clusterConnection(): Promise<RedisConnection> {
    const connection = createRedisConnection({
      clusterNodes: cluster.nodes,
      keyPrefix: prefix,
      onError: () => undefined,
    });
    connections.push(connection);
    await waitForRedisReady(connection, 10_000);
    return connection;
  }

  beforeAll(async () => {
    await cluster.start();
  }, 30_000);

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
    await cluster.stop();
  });

  it('connects through the seed nodes, answers health, and spreads keys over the nodes', async () => {
    const connection = await clusterConnection();
    expect((await redisHealth(connection)).status).toBe('up');

    const cache = new RedisAccessTokenCache(connection);
    for (let i = 0; i < 12; i++) await cache.set(`spread-${i}`, AccessToken.issued(`value-${i}`, 'Bearer', Date.now(), 3600), 60_000);

    const sizes = await cluster.keysPerNode();
    expect(sizes.filter((size) => size > 0).length).toBeGreaterThan(1);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(12);
    expect((await cache.get('spread-7'))?.value.reveal()).toBe('value-7');
  });

  it('runs every cache script (compare-and-delete, lock, owner-checked release) on the key owner', async () => {
    const cacheA = new RedisAccessTokenCache(await clusterConnection());
    const cacheB = new RedisAccessTokenCache(await clusterConnection());
    const old = AccessToken.issued('value-old', 'Bearer', Date.now(), 3600);
    const newer = AccessToken.issued('value-newer', 'Bearer', Date.now(), 3600);
    await cacheA.set('cad', old, 60_000);
    await cacheB.set('cad', newer, 60_000);
    await cacheA.delete('cad', 'value-old');
    expect((await cacheA.get('cad'))?.value.reveal()).toBe('value-newer');

    const lock = await cacheA.tryLock('cad', 10_000);
    expect(lock).toBeDefined();
    expect(await cacheB.tryLock('cad', 10_000)).toBeUndefined();
    await lock!.release();
    expect(await cacheB.tryLock('cad', 10_000)).toBeDefined();
  });

  it('runs the idempotency scripts on the key owner', async () => {
    const storeA = new RedisIdempotencyStore(await clusterConnection());
    const storeB = new RedisIdempotencyStore(await clusterConnection());
    expect(await storeA.begin('order', 'fp-1', 60_000)).toEqual({ outcome: 'started' });
    expect(await storeB.begin('order', 'fp-1', 60_000)).toEqual({ outcome: 'in-progress' });
    await storeB.release('order', 'fp-1');
    expect(await storeB.begin('order', 'fp-1', 60_000)).toEqual({ outcome: 'started' });
    await storeB.complete('order', 'fp-1', { tokenId: 'ct_1' }, 60_000);
    expect(await storeA.begin('order', 'fp-1', 60_000)).toEqual({ outcome: 'replay', result: { tokenId: 'ct_1' } });
    expect(await storeA.begin('order', 'fp-2', 60_000)).toEqual({ outcome: 'mismatch' });
  });

  it('lets two processes share one token fetch through the cluster', async () => {
    const issuer = new SlowCountingIssuer(200);
    const settings = { cacheKey: 'cluster-cold', lockPollMs: 20 };
    const a = new GetAccessToken(issuer, new RedisAccessTokenCache(await clusterConnection()), new SystemClock(), settings);
    const b = new GetAccessToken(issuer, new RedisAccessTokenCache(await clusterConnection()), new SystemClock(), settings);

    const tokens = await Promise.all(Array.from({ length: 50 }, () => [a.execute(), b.execute()]).flat());

    expect(issuer.calls).toBe(1);
    expect(new Set(tokens.map((token) => token.value.reveal())).size).toBe(1);
  });
});
