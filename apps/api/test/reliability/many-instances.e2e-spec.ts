// Two app instances sharing one Redis (REDIS_URL) and one Klarna and one Zenki (simulators this file starts),
// as a fleet behind a load balancer would. Keys live under a prefix of this run's own, removed afterwards.
import { connectAdmin, deleteKeysWithPrefix, describeWithRedis, redisTestUrl, uniqueTestPrefix } from '@paytokens/testing';
import { customerTokenBody, startTestApi, type ApiResponse, type TestApi } from '../support/api-harness';
import {
  eventually,
  postWithDeadline,
  readiness,
  sleep,
  startExternalProviders,
  type ExternalProviders,
} from './support/external-providers';

const CUSTOMER_TOKENS = '/v1/klarna/customer-tokens';
const ACCESS_TOKENS = '/v1/zenki/access-tokens';
const DAY_MS = 24 * 60 * 60 * 1000;

describeWithRedis('Many instances on one Redis (e2e)', () => {
  const prefix = uniqueTestPrefix();
  let providers: ExternalProviders;
  let a: TestApi;
  let b: TestApi;

  beforeAll(async () => {
    providers = await startExternalProviders();
    const env = { ...providers.env, REDIS_URL: redisTestUrl, REDIS_KEY_PREFIX: prefix };
    [a, b] = await Promise.all([startTestApi(env), startTestApi(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await providers?.close();
    await deleteKeysWithPrefix(redisTestUrl, prefix);
  });

  afterEach(() => {
    providers.klarna.faults.reset();
    providers.zenki.faults.reset();
  });

  // Each request names its key in the description, so the simulator's ledger shows which tokens it made.
  const bodyFor = (authorizationToken: string, key: string) => customerTokenBody(authorizationToken, { description: `Plan ${key}` });
  const create = (api: TestApi, authorizationToken: string, key: string) =>
    api.call('POST', CUSTOMER_TOKENS, { json: bodyFor(authorizationToken, key), headers: { 'idempotency-key': key } });
  const ledgerFor = (key: string) => providers.klarna.ledger.filter((entry) => entry.request.description === `Plan ${key}`);

  it('makes one Zenki call between both instances on a cold cache under concurrent load', async () => {
    // Slow enough that every request arrives while the first fetch is still in flight.
    providers.zenki.faults.set({ latencyMs: 150 });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).call('POST', ACCESS_TOKENS)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(200));
    expect(new Set(answers.map((answer) => answer.body.accessToken)).size).toBe(1);
    expect(providers.zenki.tokenRequests).toBe(1);
    expect(providers.zenki.issuedCount).toBe(1);

    // Later callers of either instance are answered from the shared cache.
    const later = await Promise.all([a.call('POST', ACCESS_TOKENS), b.call('POST', ACCESS_TOKENS)]);
    expect(later.map((answer) => answer.body.accessToken)).toEqual([answers[0].body.accessToken, answers[0].body.accessToken]);
    expect(providers.zenki.tokenRequests).toBe(1);
  });

  it('replays on instance B what instance A created with the same key', async () => {
    const { authorizationToken } = providers.klarna.mintAuthorization();
    const first = await create(a, authorizationToken, 'order-2001');
    expect(first.status).toBe(201);
    const creates = providers.klarna.requestCounts.create;

    const retry = await create(b, authorizationToken, 'order-2001');
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(providers.klarna.requestCounts.create).toBe(creates);
    expect(ledgerFor('order-2001')).toHaveLength(1);
  });

  it('refuses on B a different body under a key A used: 422', async () => {
    const first = await create(a, providers.klarna.mintAuthorization().authorizationToken, 'order-2002');
    expect(first.status).toBe(201);
    const other = await b.call('POST', CUSTOMER_TOKENS, {
      json: customerTokenBody(providers.klarna.mintAuthorization().authorizationToken, { description: 'Another plan' }),
      headers: { 'idempotency-key': 'order-2002' },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers one 201 and one 409 (with Retry-After) to the same request sent to A and B at once', async () => {
    providers.klarna.faults.set({ latencyMs: 300 });
    const { authorizationToken } = providers.klarna.mintAuthorization();
    const answers = await Promise.all([
      create(a, authorizationToken, 'order-2003'),
      sleep(50).then(() => create(b, authorizationToken, 'order-2003')),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const busy = answers.find((answer) => answer.status === 409)!;
    expect(busy.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(ledgerFor('order-2003')).toHaveLength(1);
  });

  it('gives a client that timed out on A, and retries on B, the token Klarna created: 409 while in flight, then the replay', async () => {
    providers.klarna.faults.set({ latencyMs: 700 });
    const { authorizationToken } = providers.klarna.mintAuthorization();
    const body = bodyFor(authorizationToken, 'order-2004');
    const headers = { 'idempotency-key': 'order-2004' };

    const gaveUp = await postWithDeadline(a.url, CUSTOMER_TOKENS, body, headers, 150);
    expect(gaveUp).toEqual({ aborted: true });
    const whileInFlight = await b.call('POST', CUSTOMER_TOKENS, { json: body, headers });
    expect(whileInFlight.status).toBe(409);
    expect(whileInFlight.headers['retry-after']).toBe('1');

    let replay: ApiResponse | undefined;
    expect(
      await eventually(
        async () => {
          replay = await b.call('POST', CUSTOMER_TOKENS, { json: body, headers });
          return replay.status !== 409;
        },
        5000,
        100,
      ),
    ).toBe(true);
    expect(replay!.status).toBe(201);
    expect(replay!.headers['idempotent-replayed']).toBe('true');
    const ledger = ledgerFor('order-2004');
    expect(ledger).toHaveLength(1);
    expect(replay!.body.tokenId).toBe(ledger[0].tokenId);
  });

  it('keeps an answered record for 24 hours', async () => {
    expect((await create(a, providers.klarna.mintAuthorization().authorizationToken, 'order-2005')).status).toBe(201);
    const redis = await connectAdmin(redisTestUrl);
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}idem:*`, 'COUNT', 500);
        keys.push(...found);
        cursor = next;
      } while (cursor !== '0');
      expect(keys.length).toBeGreaterThanOrEqual(1);
      const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
      // Every record of this run is a finished one; none lives past 24 hours, and the newest almost that long.
      expect(Math.max(...ttls)).toBeGreaterThan(DAY_MS - 60_000);
      expect(Math.max(...ttls)).toBeLessThanOrEqual(DAY_MS);
    } finally {
      await redis.quit();
    }
  });

  it('reports Redis in readiness on both instances', async () => {
    for (const api of [a, b]) {
      const ready = await readiness(api);
      expect(ready.status).toBe(200);
      expect(ready.body.details.redis).toMatchObject({ status: 'up', kind: 'redis', tokenCache: 'shared', idempotency: 'available' });
    }
  });
});
