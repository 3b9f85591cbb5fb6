// Two app instances on a Redis Cluster (REDIS_CLUSTER_NODES): three private nodes this file starts.
import { describeWithRedisServer, PrivateRedisCluster } from '@paytokens/testing';
import { customerTokenBody, startTestApi, type TestApi } from '../support/api-harness';
import { readiness, startExternalProviders, type ExternalProviders } from './support/external-providers';

jest.setTimeout(30_000);

describeWithRedisServer('Many instances on a Redis Cluster (e2e, private nodes)', () => {
  const cluster = new PrivateRedisCluster();
  let providers: ExternalProviders;
  let a: TestApi;
  let b: TestApi;

  beforeAll(async () => {
    await cluster.start();
    providers = await startExternalProviders();
    // A command slower than REDIS_COMMAND_TIMEOUT_MS sends an instance to its in-process fallback (by design, tested in
    // redis-outage), where it would fetch a token of its own; on a CI machine running every suite at once, three
    // private nodes can take over the default 1 s, so this file, which is about sharing, allows 5 s.
    const env = {
      ...providers.env,
      REDIS_CLUSTER_NODES: cluster.nodes.join(','),
      REDIS_STARTUP_WAIT_MS: '10000',
      REDIS_COMMAND_TIMEOUT_MS: '5000',
    };
    [a, b] = await Promise.all([startTestApi(env), startTestApi(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await providers?.close();
    await cluster.stop();
  });

  it('shares one Zenki token and the idempotency records between the instances', async () => {
    providers.zenki.faults.set({ latencyMs: 100 });
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).call('POST', '/v1/zenki/access-tokens')));
    expect(new Set(tokens.map((answer) => answer.body.accessToken)).size).toBe(1);
    expect(providers.zenki.tokenRequests).toBe(1);

    const json = customerTokenBody(providers.klarna.mintAuthorization().authorizationToken);
    const headers = { 'idempotency-key': 'cluster-order-1' };
    const first = await a.call('POST', '/v1/klarna/customer-tokens', { json, headers });
    const replay = await b.call('POST', '/v1/klarna/customer-tokens', { json, headers });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.tokenId).toBe(first.body.tokenId);
    expect(providers.klarna.ledger).toHaveLength(1);
    expect((await cluster.keysPerNode()).reduce((sum, keys) => sum + keys, 0)).toBeGreaterThanOrEqual(2);

    const ready = await readiness(b);
    expect(ready.status).toBe(200);
    expect(ready.body.details.redis).toMatchObject({ status: 'up', kind: 'redis-cluster', tokenCache: 'shared' });
  });
});
