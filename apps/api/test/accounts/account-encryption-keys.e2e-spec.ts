// Per-account Redis key rings, through the real app over HTTP on the shared Redis (a prefix of this run's own) and the
// embedded simulators: each account's records are encrypted under its own key id (or REDIS_ENCRYPTION_KEYS's, for an
// account without one); restarted without one account's key, that account's idempotent retries answer 503 (no second
// token, no wrong answer) while the other account still replays; no key material or personal value in any log line.
import { randomBytes } from 'node:crypto';
import { deleteKeysWithPrefix, describeWithRedis, redisTestUrl, scanForReadablePlaintexts, uniqueTestPrefix } from '@paytokens/testing';
import { customerTokenBody, mintAuthorization, startTestApi, type ApiResponse, type TestApi } from '../support/api-harness';

const CUSTOMER_TOKENS = '/v1/klarna/customer-tokens';
const ACCESS_TOKENS = '/v1/zenki/access-tokens';
const ENVELOPE = /^v1\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/;
const ring = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describeWithRedis('Per-account Redis encryption keys (e2e, shared Redis, embedded simulators)', () => {
  const prefix = uniqueTestPrefix();
  const keys = { shared: ring('k1'), eu: ring('eu1'), us: ring('us1'), mx: ring('mx1') };
  const env = {
    REDIS_URL: redisTestUrl,
    REDIS_KEY_PREFIX: prefix,
    KLARNA_ACCOUNTS: 'eu,us',
    KLARNA_EU_REGION: 'eu',
    KLARNA_US_REGION: 'na',
    ZENKI_ACCOUNTS: 'mx,co',
    REDIS_ENCRYPTION_KEYS: keys.shared,
    KLARNA_EU_REDIS_ENCRYPTION_KEYS: keys.eu,
    KLARNA_US_REDIS_ENCRYPTION_KEYS: keys.us,
    ZENKI_MX_REDIS_ENCRYPTION_KEYS: keys.mx,
  };
  const apis: TestApi[] = [];
  const start = async (overrides: Record<string, string | undefined> = {}) => {
    const started = await startTestApi({ ...env, ...overrides });
    apis.push(started);
    return started;
  };
  const creates = (api: TestApi) => api.simulators?.klarna.requestCounts.create;
  // One request per account, each with its own Idempotency-Key, kept to be retried after the restart.
  const requests: Record<'eu' | 'us', { body: Record<string, unknown>; key: string; first?: ApiResponse }> = {
    eu: { body: {}, key: `order-eu-${prefix}` },
    us: { body: {}, key: `order-us-${prefix}` },
  };
  const send = (api: TestApi, account: 'eu' | 'us') =>
    api.call('POST', CUSTOMER_TOKENS, { json: requests[account].body, headers: { 'idempotency-key': requests[account].key } });

  afterAll(async () => {
    await Promise.all(apis.map((started) => started.close()));
    await deleteKeysWithPrefix(redisTestUrl, prefix);
  });

  it("encrypts each account's records under its own key id, and an account without one under REDIS_ENCRYPTION_KEYS's", async () => {
    const api = await start();
    requests.eu.body = customerTokenBody(await mintAuthorization(api), { account: 'eu' });
    requests.us.body = customerTokenBody(await mintAuthorization(api, { purchaseCountry: 'US', purchaseCurrency: 'USD' }), {
      account: 'us',
      purchaseCountry: 'US',
      purchaseCurrency: 'USD',
      locale: 'en-US',
    });
    for (const account of ['eu', 'us'] as const) {
      const first = await send(api, account);
      expect(first).toMatchObject({ status: 201, body: { account } });
      requests[account].first = first;
    }
    const tokens = await Promise.all(['mx', 'co'].map((account) => api.call('POST', ACCESS_TOKENS, { json: { account } })));
    expect(tokens.map((answer) => answer.status)).toEqual([200, 200]);

    const shopper = requests.eu.first?.body.billingAddress as Record<string, string>;
    const plaintexts: Record<string, string> = {
      ...Object.fromEntries(Object.entries(shopper).filter(([, value]) => typeof value === 'string' && value.length >= 4)),
      tokenIdEu: requests.eu.first?.body.tokenId,
      tokenIdUs: requests.us.first?.body.tokenId,
      accessTokenMx: tokens[0].body.accessToken,
      accessTokenCo: tokens[1].body.accessToken,
      ...Object.fromEntries(Object.entries(keys).map(([name, entry]) => [`key-${name}`, entry.slice(entry.indexOf(':') + 1)])),
    };
    const scan = await scanForReadablePlaintexts(redisTestUrl, prefix, plaintexts);
    expect(scan.readable).toEqual([]);
    const keyIdsUnder = (place: string) =>
      scan.keys.flatMap((key, i) => (key.startsWith(`${prefix}${place}`) ? [ENVELOPE.exec(scan.values[i])?.[1] ?? 'not an envelope'] : []));
    expect(keyIdsUnder('account:klarna-eu:idem:')).toEqual(['eu1']);
    expect(keyIdsUnder('account:klarna-us:idem:')).toEqual(['us1']);
    expect(keyIdsUnder('account:zenki-mx:token:')).toEqual(['mx1']);
    expect(keyIdsUnder('account:zenki-co:token:')).toEqual(['k1']);
    // Nothing is left under the shared stores' own keys: every account here is named.
    expect(scan.keys.filter((key) => !key.startsWith(`${prefix}account:`))).toEqual([]);
    await api.close();
  });

  it("restarted without one account's key: its retries answer 503 without calling Klarna, the other account still replays", async () => {
    const api = await start({ KLARNA_US_REDIS_ENCRYPTION_KEYS: undefined });
    const refused = await send(api, 'us');
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(refused.text).not.toContain(requests.us.first?.body.tokenId);
    expect(creates(api)).toBe(0);
    // Still refused on a second retry: never a second token once the record is unreadable.
    expect((await send(api, 'us')).status).toBe(503);
    expect(creates(api)).toBe(0);

    const replay = await send(api, 'eu');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(requests.eu.first?.body);
    expect(creates(api)).toBe(0);

    const ready = await api.call('GET', '/health/ready');
    expect(ready.body.details.redis.unreadableValues).toBeGreaterThanOrEqual(2);
    const logs = api.logs.lines.join('\n');
    expect(logs).toContain('idempotency-record value in Redis could not be decrypted');
    for (const entry of Object.values(keys)) expect(logs).not.toContain(entry.slice(entry.indexOf(':') + 1));
  });
});
