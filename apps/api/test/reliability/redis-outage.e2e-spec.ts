// Redis going away under a running app, and an app starting while Redis is away. Each test has a private
// redis-server on a free loopback port (never the shared one), killed, frozen and restarted at will.
import { describeWithRedisServer, PrivateRedisServer, uniqueTestPrefix } from '@paytokens/testing';
import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from '../support/api-harness';
import { eventually, readiness } from './support/external-providers';

const REDIS_PASSWORD = 'Redis-pw-never-printed-7f3a';
const CUSTOMER_TOKENS = '/v1/klarna/customer-tokens';
const ACCESS_TOKENS = '/v1/zenki/access-tokens';

jest.setTimeout(30_000);

describeWithRedisServer('When Redis is down (e2e, private redis-server)', () => {
  let server: PrivateRedisServer;
  let api: TestApi;
  let orders = 0;

  afterEach(async () => {
    await api?.close();
    await server?.stop();
  });

  const createWithKey = async () => {
    orders += 1;
    const json = customerTokenBody(await mintAuthorization(api), { description: `Plan outage-${orders}` });
    return api.call('POST', CUSTOMER_TOKENS, { json, headers: { 'idempotency-key': `outage-${orders}` } });
  };
  const ready = () => readiness(api);
  // The capture holds the lines of every app this file booted: look only at this test's.
  let firstLine = 0;
  beforeEach(() => {
    firstLine = api?.logs.lines.length ?? 0;
  });
  const linesWith = (text: string) => api.logs.lines.slice(firstLine).filter((line) => line.includes(text));

  it('keeps serving access tokens, refuses idempotent creates with 503, reports it, and recovers when Redis is back', async () => {
    server = await PrivateRedisServer.start(['--requirepass', REDIS_PASSWORD]);
    api = await startTestApi({
      REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${server.port}`,
      REDIS_KEY_PREFIX: uniqueTestPrefix(),
      REDIS_COMMAND_TIMEOUT_MS: '300',
      // Readiness follows Redis going and coming back, so every probe checks afresh.
      READINESS_CACHE_MS: '0',
    });
    const zenki = api.simulators!.zenki;
    const klarna = api.simulators!.klarna;
    const warm = await api.call('POST', ACCESS_TOKENS);
    expect(warm.status).toBe(200);
    expect((await createWithKey()).status).toBe(201);
    expect((await ready()).body.details.redis).toMatchObject({ status: 'up', tokenCache: 'shared', idempotency: 'available' });

    await server.kill();

    // Access tokens: every call answered; the instance fetches its own token once and keeps it in process.
    const during = [];
    for (let i = 0; i < 20; i++) during.push(await api.call('POST', ACCESS_TOKENS));
    expect(during.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(new Set(during.map((answer) => answer.body.accessToken)).size).toBe(1);
    expect(zenki.tokenRequests).toBeLessThanOrEqual(2);
    expect(linesWith('Redis failed on the access-token path')).toHaveLength(1);

    // Idempotency fails closed: 503 with Retry-After, and Klarna is not called (no risk of a second token).
    const creates = klarna.requestCounts.create;
    const refused = await createWithKey();
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503 });
    expect(klarna.requestCounts.create).toBe(creates);
    // Without an Idempotency-Key nothing is stored, so nothing stands in the way.
    const unkeyed = await api.call('POST', CUSTOMER_TOKENS, { json: customerTokenBody(await mintAuthorization(api)) });
    expect(unkeyed.status).toBe(201);

    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.error.redis).toMatchObject({
      status: 'down',
      kind: 'redis',
      tokenCache: 'in-process fallback',
      idempotency: 'unavailable',
    });

    await server.restart();
    expect(await eventually(async () => (await createWithKey()).status === 201, 10_000, 200)).toBe(true);
    // The token path tries Redis again at most once a second; the first success switches it back.
    expect(
      await eventually(
        async () => {
          expect((await api.call('POST', ACCESS_TOKENS)).status).toBe(200);
          return (await ready()).body.details.redis.tokenCache === 'shared';
        },
        5_000,
        250,
      ),
    ).toBe(true);
    const up = await ready();
    expect(up.status).toBe(200);
    expect(up.body.details.redis).toMatchObject({ status: 'up', tokenCache: 'shared', idempotency: 'available' });
    expect(linesWith('access tokens are shared again')).toHaveLength(1);

    // Connection errors are logged once per outage, not once per reconnect attempt (whether the client tried
    // before Redis was back depends on timing); the password in REDIS_URL shows nowhere.
    expect(linesWith('Redis connection error').length).toBeLessThanOrEqual(1);
    expect([...api.logs.lines, down.text, up.text].join('\n')).not.toContain(REDIS_PASSWORD);
  });

  it('answers within the command timeout when Redis stops answering (frozen), with the same fallbacks', async () => {
    server = await PrivateRedisServer.start();
    api = await startTestApi({ REDIS_URL: server.url, REDIS_KEY_PREFIX: uniqueTestPrefix(), REDIS_COMMAND_TIMEOUT_MS: '300' });
    expect((await api.call('POST', ACCESS_TOKENS)).status).toBe(200);

    server.pause();
    expect((await api.call('POST', ACCESS_TOKENS)).status).toBe(200);
    const refused = await createWithKey();
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('STORE_UNAVAILABLE');
    expect((await ready()).body.error.redis).toMatchObject({ status: 'down', idempotency: 'unavailable' });
    server.resume();
    expect(await eventually(async () => (await createWithKey()).status === 201, 10_000, 200)).toBe(true);
  });

  it('starts without Redis after REDIS_STARTUP_WAIT_MS (degraded), and uses it as soon as it answers', async () => {
    server = await PrivateRedisServer.notStarted(['--requirepass', REDIS_PASSWORD]);
    api = await startTestApi({
      REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:${server.port}`,
      REDIS_KEY_PREFIX: uniqueTestPrefix(),
      REDIS_STARTUP_WAIT_MS: '300',
    });
    const warning = linesWith('did not answer within 300 ms: starting without it');
    expect(warning).toHaveLength(1);
    // The target is logged with its password masked (redactRedisUrl's `***`, or the log redaction's own mask).
    expect(warning[0]).toContain(`@127.0.0.1:${server.port}) did not answer`);
    expect(warning[0]).not.toContain(REDIS_PASSWORD);

    expect((await api.call('POST', ACCESS_TOKENS)).status).toBe(200);
    expect((await createWithKey()).status).toBe(503);
    expect((await ready()).body.error.redis).toMatchObject({ status: 'down', idempotency: 'unavailable' });

    await server.restart();
    expect(await eventually(async () => (await createWithKey()).status === 201, 10_000, 200)).toBe(true);
    expect(await eventually(async () => (await ready()).status === 200, 5_000, 200)).toBe(true);
    expect(linesWith('Redis connection error')).toHaveLength(1);
    expect(api.logs.lines.join('\n')).not.toContain(REDIS_PASSWORD);
  });
});
