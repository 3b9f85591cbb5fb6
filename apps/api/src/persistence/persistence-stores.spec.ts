import { Secret } from '@paytokens/domain';
import { describeTarget, PersistenceStores } from './persistence-stores';

describe('PersistenceStores', () => {
  it('names a Redis target for logs without its password', () => {
    expect(describeTarget({ kind: 'server', url: new Secret('redis://app:Pw-123456@redis.internal:6379/0') })).toBe('redis://app:***@redis.internal:6379/0');
    expect(describeTarget({ kind: 'cluster', nodes: ['10.0.0.1:6379', '10.0.0.2:6379'], password: new Secret('Pw-123456'), tls: true })).toBe(
      'Redis Cluster 10.0.0.1:6379,10.0.0.2:6379',
    );
  });

  it('in memory mode hands the modules no store (their in-process defaults) and has nothing to report or close', async () => {
    const stores = PersistenceStores.memory();
    expect(stores).toMatchObject({ mode: 'memory', tokenCache: undefined, idempotencyStore: undefined });
    await expect(stores.health()).resolves.toBeUndefined();
    await expect(stores.close()).resolves.toBeUndefined();
  });
});
