import { GetAccessToken, SystemClock, type AccessTokenEvent, type AccessTokenIssuer } from '@paytokens/domain';
import { SlowCountingIssuer } from '../testing/domain-doubles';
import { deleteKeysWithPrefix, describeWithRedis, redisTestUrl, uniqueTestPrefix } from '@paytokens/testing';
import { connectForTest } from '../testing/test-connection';
import { RedisAccessTokenCache } from './redis-access-token-cache';
import type { RedisConnection } from './redis-connection';

const CALLERS_PER_INSTANCE = 200;

describeWithRedis('GetAccessToken across two processes sharing Redis', () => {
  const prefix = uniqueTestPrefix();
  const connections: RedisConnection[] = [];

  afterAll(async () => {
    await deleteKeysWithPrefix(redisTestUrl, prefix);
    await Promise.all(connections.map((connection) => connection.quit()));
  });

  async function apiInstance(issuer: AccessTokenIssuer, cacheKey: string, events: AccessTokenEvent[]): Promise<GetAccessToken> {
    // Each "API instance" has its own connection, cache adapter and use case, as separate processes would.
    const connection = await connectForTest(redisTestUrl, prefix);
    connections.push(connection);
    return new GetAccessToken(issuer, new RedisAccessTokenCache(connection), new SystemClock(), {
      cacheKey,
      lockPollMs: 20,
      lockWaitMs: 10_000,
      onEvent: (event) => events.push(event),
    });
  }

  it(`makes exactly one issuer call for ${2 * CALLERS_PER_INSTANCE} concurrent callers on a cold cache`, async () => {
    const issuer = new SlowCountingIssuer(300);
    const eventsA: AccessTokenEvent[] = [];
    const eventsB: AccessTokenEvent[] = [];
    const instanceA = await apiInstance(issuer, 'cold-start', eventsA);
    const instanceB = await apiInstance(issuer, 'cold-start', eventsB);

    const callers = Array.from({ length: CALLERS_PER_INSTANCE }, () => [instanceA.execute(), instanceB.execute()]).flat();
    const tokens = await Promise.all(callers);

    expect(issuer.calls).toBe(1);
    expect(new Set(tokens.map((token) => token.value.reveal())).size).toBe(1);
    expect(tokens).toHaveLength(2 * CALLERS_PER_INSTANCE);
    // One instance fetched; the other waited for it through Redis rather than fetching itself.
    const fetched = [...eventsA, ...eventsB].filter((event) => event.type === 'fetched');
    const waited = [...eventsA, ...eventsB].filter((event) => event.type === 'waited-for-peer');
    expect(fetched).toHaveLength(1);
    expect(waited).toEqual([{ type: 'waited-for-peer', gotToken: true }]);
  });

  it('serves a warm cache from Redis without calling the issuer, in both processes', async () => {
    const issuer = new SlowCountingIssuer(50);
    const instanceA = await apiInstance(issuer, 'warm', []);
    const instanceB = await apiInstance(issuer, 'warm', []);
    const first = await instanceA.execute();

    const again = await Promise.all([instanceA.execute(), instanceB.execute(), instanceB.execute()]);

    expect(issuer.calls).toBe(1);
    expect(again.map((token) => token.value.reveal())).toEqual(Array(3).fill(first.value.reveal()));
  });

  it('after one process invalidates a refused token, the next call anywhere fetches one new token', async () => {
    const issuer = new SlowCountingIssuer(50);
    const instanceA = await apiInstance(issuer, 'invalidate', []);
    const instanceB = await apiInstance(issuer, 'invalidate', []);
    const refused = await instanceA.execute();

    await instanceB.invalidate(refused);
    const [fromA, fromB] = await Promise.all([instanceA.execute(), instanceB.execute()]);

    expect(issuer.calls).toBe(2);
    expect(fromA.value.reveal()).not.toBe(refused.value.reveal());
    expect(fromB.value.reveal()).toBe(fromA.value.reveal());
  });
});
