import { inspect } from 'node:util';
import { AccessToken, GetAccessToken, IssueCustomerToken, StoreUnavailableError, SystemClock } from '@paytokens/domain';
import { CountingGateway, customerTokenRequest, SlowCountingIssuer } from '../testing/domain-doubles';
import { describeWithRedisServer, PrivateRedisServer } from '@paytokens/testing';
import { connectForTest } from '../testing/test-connection';
import { FallbackAccessTokenCache } from './fallback-access-token-cache';
import { RedisAccessTokenCache } from './redis-access-token-cache';
import { RedisCommandError } from './redis-command.error';
import { waitForRedisReady, type RedisConnection } from './redis-connection';
import { redisHealth } from './redis-health';
import { RedisIdempotencyStore } from './redis-idempotency-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Generous: only there so a regression that hangs fails the test instead of stalling the run.
const HANG_LIMIT_MS = 3000;

/** The promise's outcome, or a rejection naming the limit if it has not settled within `ms`. */
function withinLimit<T>(promise: Promise<T>, ms = HANG_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function until(condition: () => boolean, what: string, ms = HANG_LIMIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

describeWithRedisServer('Redis adapters when Redis fails (private redis-server)', () => {
  let server: PrivateRedisServer;
  let connection: RedisConnection;

  beforeAll(async () => {
    server = await PrivateRedisServer.start();
    connection = await connectForTest(server.url, 'paytokens-test:');
  });

  afterAll(async () => {
    connection?.disconnect();
    await server?.stop();
  });

  it('never puts a token or stored value into its errors, although ioredis attaches command arguments', async () => {
    const secretValue = 'tok-super-secret-value-123456';
    const degradedWith: unknown[] = [];
    const cache = new RedisAccessTokenCache(connection);
    const fallback = new FallbackAccessTokenCache(cache, { onDegraded: (error) => degradedWith.push(error) });
    await connection.config('SET', 'maxmemory', '1');
    try {
      // The raw client error carries the arguments, token included: this is what must not escape.
      const raw = await connection.set('raw', secretValue).catch((error: unknown) => error);
      expect(inspect(raw, { depth: 5 })).toContain(secretValue);

      const error = await cache.set('k', AccessToken.issued(secretValue, 'Bearer', Date.now(), 3600), 60_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedisCommandError);
      expect((error as RedisCommandError).redisCode).toBe('OOM');
      await fallback.set('k', AccessToken.issued(secretValue, 'Bearer', Date.now(), 3600), 60_000);
      expect(degradedWith).toHaveLength(1);

      for (const reported of [error, degradedWith[0]]) {
        expect(inspect(reported, { depth: 10, showHidden: true })).not.toContain(secretValue);
        expect(JSON.stringify(reported)).not.toContain(secretValue);
        expect(String(reported)).not.toContain(secretValue);
      }
    } finally {
      await connection.config('SET', 'maxmemory', '0');
    }
  });

  it('answers nothing from a frozen Redis: health and begin fail within their timeouts instead of hanging', async () => {
    const store = new RedisIdempotencyStore(connection);
    server.pause();
    try {
      const health = await withinLimit(redisHealth(connection, 200));
      expect(health).toEqual({ status: 'down', error: expect.stringContaining('no answer to PING within 200 ms') });
      await expect(withinLimit(store.begin('frozen', 'fp', 60_000))).rejects.toThrow(RedisCommandError);
    } finally {
      server.resume();
    }
    expect((await redisHealth(connection)).status).toBe('up');
  });

  it('keeps tokens flowing when Redis dies, fails idempotency closed, and goes back to Redis once it is back', async () => {
    const issuer = new SlowCountingIssuer(20);
    const onDegraded = jest.fn();
    const onRecovered = jest.fn();
    const cache = new FallbackAccessTokenCache(new RedisAccessTokenCache(connection), {
      onDegraded,
      onRecovered,
      retryPrimaryAfterMs: 100,
    });
    const getToken = new GetAccessToken(issuer, cache, new SystemClock(), { cacheKey: 'outage' });
    const store = new RedisIdempotencyStore(connection);
    const gateway = new CountingGateway();
    const issueCustomerToken = new IssueCustomerToken(gateway, store);

    const beforeOutage = await getToken.execute();
    expect(await connection.exists('token:outage')).toBe(1);
    expect(issuer.calls).toBe(1);

    await server.kill();
    await until(() => connection.status !== 'ready', 'the client noticed the dead server');

    // Tokens keep coming: one fetch for this instance, then served from the in-process cache.
    const during = await Promise.all(Array.from({ length: 50 }, () => withinLimit(getToken.execute())));
    expect(issuer.calls).toBe(2);
    expect(new Set(during.map((token) => token.value.reveal())).size).toBe(1);
    expect(during[0].value.reveal()).not.toBe(beforeOutage.value.reveal());
    expect((await getToken.execute()).value.reveal()).toBe(during[0].value.reveal());
    expect(issuer.calls).toBe(2);
    expect(cache.isDegraded).toBe(true);
    expect(onDegraded).toHaveBeenCalledTimes(1);
    expect(onDegraded.mock.calls[0][0]).toBeInstanceOf(RedisCommandError);
    expect(onRecovered).not.toHaveBeenCalled();

    // Idempotency fails closed, fast: the domain answers "store unavailable" and never calls the provider.
    await expect(withinLimit(store.begin('order-1', 'fp', 60_000))).rejects.toThrow(RedisCommandError);
    await expect(withinLimit(issueCustomerToken.execute(customerTokenRequest(), { idempotencyKey: 'order-1' }))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(gateway.creates).toBe(0);
    expect(await redisHealth(connection)).toMatchObject({ status: 'down' });

    await server.restart();
    await waitForRedisReady(connection, 10_000);
    await sleep(150);

    // The restarted server is empty, so the first call after recovery fetches once and stores in Redis again.
    const after = await getToken.execute();
    expect(cache.isDegraded).toBe(false);
    expect(onRecovered).toHaveBeenCalledTimes(1);
    expect(onDegraded).toHaveBeenCalledTimes(1);
    expect(issuer.calls).toBe(3);
    expect(await connection.exists('token:outage')).toBe(1);
    expect((await getToken.execute()).value.reveal()).toBe(after.value.reveal());
    expect(await store.begin('order-1', 'fp', 60_000)).toEqual({ outcome: 'started' });
    expect(await redisHealth(connection)).toMatchObject({ status: 'up' });
  });
});
