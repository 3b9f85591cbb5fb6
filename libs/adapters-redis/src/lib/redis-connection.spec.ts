import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { Secret } from '@paytokens/domain';
import { Cluster, Redis } from 'ioredis';
import { describeWithRedis, redisTestUrl, startSilentServer } from '@paytokens/testing';
import { createRedisConnection, waitForRedisReady, type RedisConnectionOptions } from './redis-connection';

describe('createRedisConnection (without a server)', () => {
  it('loads ioredis with the first connection, not with the package (an app keeping its stores in memory never loads it)', () => {
    let loads = 0;
    jest.isolateModules(() => {
      jest.doMock('ioredis', () => {
        loads++;
        return jest.requireActual('ioredis');
      });
      // A fresh copy of the package, under the mock.
      const fresh = require('../index') as typeof import('../index');
      expect(loads).toBe(0);
      const connection = fresh.createRedisConnection({ url: 'redis://127.0.0.1:1', onError: () => undefined });
      expect(loads).toBe(1);
      connection.disconnect();
    });
  });

  it('refuses a cluster node that is not host:port, and timeouts that are not positive', () => {
    expect(() => createRedisConnection({ clusterNodes: ['redis-1'] })).toThrow(/host:port/);
    expect(() => createRedisConnection({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => createRedisConnection({ url: 'redis://127.0.0.1:1', connectTimeoutMs: -1 })).toThrow(RangeError);
  });

  it('makes a Cluster client for cluster nodes, configured to fail fast', () => {
    const cluster = createRedisConnection({ clusterNodes: ['127.0.0.1:1', '[::1]:2'], keyPrefix: 'app:', password: Secret.of('pw') });
    try {
      expect(cluster).toBeInstanceOf(Cluster);
      expect((cluster as Cluster).options).toMatchObject({
        keyPrefix: 'app:',
        enableOfflineQueue: false,
        redisOptions: { commandTimeout: 1000, autoResendUnfulfilledCommands: false, password: 'pw' },
      });
    } finally {
      cluster.disconnect();
    }
  });

  it('gives up waiting for a server that never becomes ready', async () => {
    const silent = await startSilentServer();
    const connection = createRedisConnection({ url: silent.url, onError: () => undefined });
    try {
      await expect(waitForRedisReady(connection, 200)).rejects.toThrow(/not ready within 200 ms/);
      await expect(connection.get('k')).rejects.toThrow(/enableOfflineQueue/);
    } finally {
      connection.disconnect();
      await silent.close();
    }
  });

  it('keeps a Secret url secret in the options object', () => {
    const options: RedisConnectionOptions = { url: Secret.of('redis://:hidden-pw@127.0.0.1:1') };
    expect(inspect(options)).not.toContain('hidden-pw');
    expect(JSON.stringify(options)).not.toContain('hidden-pw');
  });
});

describeWithRedis('createRedisConnection (real Redis)', () => {
  it("prefixes every key with 'paytokens:' unless told otherwise, scripts included", async () => {
    const connection = createRedisConnection({ url: Secret.of(redisTestUrl), onError: () => undefined });
    const raw = createRedisConnection({ url: redisTestUrl, keyPrefix: '', onError: () => undefined });
    const key = `test-${randomBytes(6).toString('hex')}`;
    try {
      // Fail fast from the first moment: no queue that would hold commands until the connection is up.
      await expect(connection.get(key)).rejects.toThrow(/enableOfflineQueue/);
      await Promise.all([waitForRedisReady(connection), waitForRedisReady(raw)]);
      expect(connection).toBeInstanceOf(Redis);
      await connection.set(key, 'v', 'PX', 10_000);
      await connection.eval("return redis.call('SET', KEYS[1], 'w', 'PX', 10000)", 1, `${key}:script`);
      expect(await raw.get(`paytokens:${key}`)).toBe('v');
      expect(await raw.get(`paytokens:${key}:script`)).toBe('w');
    } finally {
      await raw.del(`paytokens:${key}`, `paytokens:${key}:script`);
      await Promise.all([connection.quit(), raw.quit()]);
    }
  });
});
