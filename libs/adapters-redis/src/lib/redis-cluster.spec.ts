import { AccessToken, GetAccessToken, SystemClock } from '@paytokens/domain';
import { Redis } from 'ioredis';
import { SlowCountingIssuer } from '../testing/domain-doubles';
import { freePort, PrivateRedisServer } from '../testing/private-redis-server';
import { describeWithRedisServer, uniqueTestPrefix } from '../testing/redis-test-env';
import { RedisAccessTokenCache } from './redis-access-token-cache';
import { createRedisConnection, waitForRedisReady, type RedisConnection } from './redis-connection';
import { redisHealth } from './redis-health';
import { RedisIdempotencyStore } from './redis-idempotency-store';

const SLOTS = 16384;
const NODES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Three private cluster-enabled servers, each owning a third of the slots, introduced to each other.
 * Fills the arrays it is given as it goes, so afterAll stops whatever started even if forming fails.
 */
async function startCluster(servers: PrivateRedisServer[], admins: Redis[]): Promise<void> {
  const busPorts: number[] = [];
  for (let i = 0; i < NODES; i++) {
    const busPort = await freePort();
    busPorts.push(busPort);
    servers.push(await PrivateRedisServer.start(['--cluster-enabled', 'yes', '--cluster-port', String(busPort), '--cluster-node-timeout', '2000']));
  }
  admins.push(...servers.map((server) => new Redis(server.port, '127.0.0.1')));
  for (let i = 0; i < NODES; i++) {
    const first = Math.floor((i * SLOTS) / NODES);
    const last = Math.floor(((i + 1) * SLOTS) / NODES) - 1;
    await admins[i].call('CLUSTER', 'ADDSLOTSRANGE', first, last);
  }
  for (let i = 1; i < NODES; i++) await admins[0].call('CLUSTER', 'MEET', '127.0.0.1', servers[i].port, busPorts[i]);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const infos = await Promise.all(admins.map((admin) => admin.call('CLUSTER', 'INFO') as Promise<string>));
    if (infos.every((info) => info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${NODES}`))) break;
    if (Date.now() > deadline) throw new Error(`the private cluster did not form: ${infos.join(' | ')}`);
    await sleep(100);
  }
}

describeWithRedisServer('Redis adapters on Redis Cluster (three private nodes)', () => {
  const prefix = uniqueTestPrefix();
  const servers: PrivateRedisServer[] = [];
  const admins: Redis[] = [];
  const connections: RedisConnection[] = [];

  async function clusterConnection(): Promise<RedisConnection> {
    const connection = createRedisConnection({
      clusterNodes: servers.map((server) => `127.0.0.1:${server.port}`),
      keyPrefix: prefix,
      onError: () => undefined,
    });
    connections.push(connection);
    await waitForRedisReady(connection, 10_000);
    return connection;
  }

  beforeAll(async () => {
    await startCluster(servers, admins);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
    await Promise.all(admins.map((admin) => admin.quit()));
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('connects through the seed nodes, answers health, and spreads keys over the nodes', async () => {
    const connection = await clusterConnection();
    expect((await redisHealth(connection)).status).toBe('up');

    const cache = new RedisAccessTokenCache(connection);
    for (let i = 0; i < 12; i++) await cache.set(`spread-${i}`, AccessToken.issued(`value-${i}`, 'Bearer', Date.now(), 3600), 60_000);

    const sizes = await Promise.all(admins.map((admin) => admin.dbsize()));
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
