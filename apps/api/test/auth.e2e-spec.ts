import { hashedApiKeyEntry } from '../src/auth/api-key-ring';
import { startTestApi, TEST_API_KEY, type TestApi } from './support/api-harness';

const HASHED_ONLY_KEY = 'a-key-configured-only-as-its-hash';

describe('API-key authentication (e2e)', () => {
  let api: TestApi;
  let operations: { method: string; path: string }[];

  beforeAll(async () => {
    api = await startTestApi({ API_KEYS: ` ${TEST_API_KEY} , ${hashedApiKeyEntry(HASHED_ONLY_KEY)} ` });
    const document = (await api.call('GET', '/docs/openapi.json', { apiKey: null })).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace('{tokenId}', 'some-token') })),
      );
  });

  afterAll(async () => {
    await api.close();
  });

  it('guards every /v1 route of the OpenAPI document: no key is a 401 problem with WWW-Authenticate', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(5);
    for (const { method, path } of operations) {
      const response = await api.call(method as 'GET', path, { apiKey: null });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, type: 'https://paytokens.dev/problems/unauthenticated' });
    }
  });

  it.each([
    ['a wrong key', 'Bearer not-one-of-our-keys-at-all'],
    ['another scheme', `Basic ${Buffer.from(`user:${TEST_API_KEY}`).toString('base64')}`],
    ['the hash instead of the key', `Bearer ${hashedApiKeyEntry(HASHED_ONLY_KEY)}`],
    ['no key after Bearer', 'Bearer '],
    ['a key with a suffix', `Bearer ${TEST_API_KEY}x`],
  ])('refuses %s, without echoing it', async (_case, authorization) => {
    const response = await api.call('POST', '/v1/zenki/access-tokens', { headers: { authorization }, apiKey: null });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body.detail).toBe('The API key is not valid.');
  });

  it('accepts a configured key, and one configured only as sha256:<hex>', async () => {
    expect((await api.call('POST', '/v1/zenki/access-tokens')).status).toBe(200);
    expect((await api.call('POST', '/v1/zenki/access-tokens', { apiKey: HASHED_ONLY_KEY })).status).toBe(200);
    expect(
      (await api.call('POST', '/v1/zenki/access-tokens', { headers: { authorization: `bearer   ${TEST_API_KEY}` }, apiKey: null })).status,
    ).toBe(200);
  });

  it('leaves health and docs public', async () => {
    expect((await api.call('GET', '/health/live', { apiKey: null })).status).toBe(200);
    expect((await api.call('GET', '/docs', { apiKey: null })).status).toBe(200);
  });
});
