// The real app over HTTP on the shared Redis (a prefix of this run's own) with REDIS_ENCRYPTION_KEYS: after token
// fetches and idempotent creates carrying a shopper's personal data, a SCAN of every key and a GET of every value
// finds nothing readable. Then the same records read by an instance with another key: misses and 503s, never wrong.
import { randomBytes } from 'node:crypto';
import { deleteKeysWithPrefix, describeWithRedis, redisTestUrl, scanForReadablePlaintexts, uniqueTestPrefix } from '@paytokens/testing';
import { customerTokenBody, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-harness';
import { readiness, startExternalProviders, type ExternalProviders } from './support/external-providers';

const CUSTOMER_TOKENS = '/v1/klarna/customer-tokens';
const ACCESS_TOKENS = '/v1/zenki/access-tokens';
const ENVELOPE = /^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/;
const SHOPPER = {
  billing_address: {
    given_name: 'Ingrid',
    family_name: 'Bergstrom-Encrypt',
    email: 'ingrid.bergstrom@example.net',
    phone: '+46709876543',
    street_address: 'Drottninggatan 71',
    postal_code: '11136',
    city: 'Uppsala',
  },
  customer: { date_of_birth: '1979-11-23', gender: 'female' },
};

describeWithRedis('Nothing readable at rest (e2e, shared Redis)', () => {
  const prefix = uniqueTestPrefix();
  const keyRing = `k1:${randomBytes(32).toString('base64')}`;
  let providers: ExternalProviders;
  let api: TestApi;
  const apis: TestApi[] = [];

  beforeAll(async () => {
    providers = await startExternalProviders();
    api = await startTestApi({ ...providers.env, REDIS_URL: redisTestUrl, REDIS_KEY_PREFIX: prefix, REDIS_ENCRYPTION_KEYS: keyRing });
    apis.push(api);
  });

  afterAll(async () => {
    await Promise.all(apis.map((started) => started.close()));
    await providers?.close();
    await deleteKeysWithPrefix(redisTestUrl, prefix);
  });

  const create = (on: TestApi, authorizationToken: string, key: string) =>
    on.call('POST', CUSTOMER_TOKENS, {
      json: customerTokenBody(authorizationToken, { description: `Plan ${key}` }),
      headers: { 'idempotency-key': key },
    });

  it('stores only envelopes: no token, shopper datum, id or secret readable in any key or value', async () => {
    const authorizations = [0, 1, 2].map(() => providers.klarna.mintAuthorization({ shopper: SHOPPER }).authorizationToken);
    const created = await Promise.all(authorizations.map((authorization, i) => create(api, authorization, `order-enc-${i}`)));
    expect(created.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(created[0].body.billingAddress).toMatchObject({
      email: SHOPPER.billing_address.email,
      givenName: SHOPPER.billing_address.given_name,
    });
    const replay = await create(api, authorizations[0], 'order-enc-0');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(created[0].body);
    const accessToken = await api.call('POST', ACCESS_TOKENS);
    expect(accessToken.status).toBe(200);

    const plaintexts: Record<string, string> = {
      ...SHOPPER.billing_address,
      ...SHOPPER.customer,
      accessToken: accessToken.body.accessToken,
      apiKey: TEST_API_KEY,
      klarnaPassword: providers.env.KLARNA_PASSWORD as string,
      zenkiClientId: providers.env.ZENKI_CLIENT_ID as string,
      zenkiClientSecret: providers.env.ZENKI_CLIENT_SECRET as string,
      encryptionKey: keyRing.slice(3),
      ...Object.fromEntries(created.map((answer, i) => [`tokenId${i}`, answer.body.tokenId])),
      ...Object.fromEntries(created.map((answer, i) => [`paymentMethodReference${i}`, answer.body.paymentMethodReference])),
      ...Object.fromEntries(authorizations.map((authorization, i) => [`authorization${i}`, authorization])),
      ...Object.fromEntries([0, 1, 2].map((i) => [`idempotencyKey${i}`, `order-enc-${i}`])),
    };
    const scan = await scanForReadablePlaintexts(redisTestUrl, prefix, plaintexts);
    expect(scan.keys.filter((key) => key.startsWith(`${prefix}idem:`))).toHaveLength(3);
    expect(scan.keys.filter((key) => key.startsWith(`${prefix}token:`))).toHaveLength(1);
    expect(scan.values.filter((value) => !ENVELOPE.test(value))).toEqual([]);
    expect(scan.readable).toEqual([]);

    const ready = await readiness(api);
    expect(ready.body.details.redis).toMatchObject({ status: 'up', encryption: 'on', encryptionKeyId: 'k1', unreadableValues: 0 });
  });

  it('another instance with another key: a fresh access token (miss) and a 503 for the replay, counted in health and metrics', async () => {
    const other = await startTestApi({
      ...providers.env,
      REDIS_URL: redisTestUrl,
      REDIS_KEY_PREFIX: prefix,
      REDIS_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
    apis.push(other);
    const before = providers.zenki.tokenRequests;
    const token = await other.call('POST', ACCESS_TOKENS);
    expect(token.status).toBe(200);
    expect(providers.zenki.tokenRequests).toBe(before + 1);
    const authorization = providers.klarna.mintAuthorization({ shopper: SHOPPER }).authorizationToken;
    expect((await create(api, authorization, 'order-enc-rotated')).status).toBe(201);
    const creates = providers.klarna.requestCounts.create;
    const refused = await create(other, authorization, 'order-enc-rotated');
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('STORE_UNAVAILABLE');
    expect(providers.klarna.requestCounts.create).toBe(creates);
    expect((await readiness(other)).body.details.redis.unreadableValues).toBeGreaterThanOrEqual(2);
    const metrics = await other.call('GET', '/metrics');
    expect(metrics.text).toMatch(/redis_unreadable_values_total\{store="idempotency-record",reason="failed-authentication"\} 1\b/);
  });

  it('without a key outside production: starts, says so in /health/ready (encryption "off")', async () => {
    const clear = await startTestApi({ ...providers.env, REDIS_URL: redisTestUrl, REDIS_KEY_PREFIX: `${prefix}clear:` });
    apis.push(clear);
    expect((await readiness(clear)).body.details.redis).toMatchObject({ status: 'up', encryption: 'off' });
  });
});
