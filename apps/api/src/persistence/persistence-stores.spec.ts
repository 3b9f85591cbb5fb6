import { InMemoryIdempotencyStore, Secret } from '@paytokens/domain';
import { redisModuleOptions } from './persistence.module';
import { PersistenceStores } from './persistence-stores';

describe('PersistenceStores', () => {
  it('in memory mode hands the modules a bounded in-memory idempotency store and no token cache, and has nothing to report', async () => {
    const stores = PersistenceStores.memory(7);
    expect(stores.mode).toBe('memory');
    expect(stores.forAccount('zenki', 'mx').tokenCache).toBeUndefined();
    expect(stores.forAccount('klarna', 'eu').idempotencyStore).toBe(stores.idempotencyStore);
    expect(stores.idempotencyStore).toBeInstanceOf(InMemoryIdempotencyStore);
    expect((stores.idempotencyStore as InMemoryIdempotencyStore).maxRecords).toBe(7);
    await expect(stores.health()).resolves.toBeUndefined();
  });
});

describe('redisModuleOptions', () => {
  const config = { keyPrefix: 'p:', commandTimeoutMs: 300, startupWaitMs: 0 };

  it('gives PaytokensRedisModule the server URL, or the Cluster nodes with their credentials, and the timings', () => {
    const url = new Secret('redis://app:Pw-123456@redis.internal:6379/0');
    expect(redisModuleOptions(config, { kind: 'server', url })).toEqual({ url, keyPrefix: 'p:', commandTimeoutMs: 300, startupWaitMs: 0 });
    const password = new Secret('Pw-123456');
    expect(redisModuleOptions(config, { kind: 'cluster', nodes: ['10.0.0.1:6379'], username: 'app', password, tls: true })).toEqual({
      clusterNodes: ['10.0.0.1:6379'],
      username: 'app',
      password,
      tls: true,
      keyPrefix: 'p:',
      commandTimeoutMs: 300,
      startupWaitMs: 0,
    });
  });
});
