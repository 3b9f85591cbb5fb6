import { InMemoryIdempotencyStore, Secret } from '@paytokens/domain';
import { describeTarget, PersistenceStores } from './persistence-stores';

describe('PersistenceStores', () => {
  it('names a Redis target for logs without its password', () => {
    expect(describeTarget({ kind: 'server', url: new Secret('redis://app:Pw-123456@redis.internal:6379/0') })).toBe('redis://app:***@redis.internal:6379/0');
    expect(describeTarget({ kind: 'cluster', nodes: ['10.0.0.1:6379', '10.0.0.2:6379'], password: new Secret('Pw-123456'), tls: true })).toBe(
      'Redis Cluster 10.0.0.1:6379,10.0.0.2:6379',
    );
  });

  it('in memory mode hands the modules a bounded in-memory idempotency store and no token cache, and has nothing to report or close', async () => {
    const stores = PersistenceStores.memory(7);
    expect(stores).toMatchObject({ mode: 'memory', tokenCache: undefined });
    expect(stores.idempotencyStore).toBeInstanceOf(InMemoryIdempotencyStore);
    expect((stores.idempotencyStore as InMemoryIdempotencyStore).maxRecords).toBe(7);
    await expect(stores.health()).resolves.toBeUndefined();
    await expect(stores.close()).resolves.toBeUndefined();
  });
});
