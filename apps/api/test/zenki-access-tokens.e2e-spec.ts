import { ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { startTestApi, type TestApi } from './support/api-harness';

describe('POST /v1/zenki/access-tokens (e2e, embedded simulator)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ ZENKI_TIMEOUT_MS: '300' });
  });

  afterEach(() => {
    api.simulators!.zenki.faults.reset();
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers a token from the cache, not from Zenki, once it is warm', async () => {
    const first = await api.call('POST', '/v1/zenki/access-tokens');
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toEqual({
      account: 'default',
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
      expiresAt: expect.any(String),
    });
    expect(first.body.expiresIn).toBeGreaterThan(1700);
    expect(first.body.expiresIn).toBeLessThanOrEqual(1800);
    expect(Math.abs(Date.parse(first.body.expiresAt) - (Date.now() + first.body.expiresIn * 1000))).toBeLessThan(2000);
    const issued = api.simulators!.zenki.issuedCount;

    const second = await api.call('POST', '/v1/zenki/access-tokens', { json: {} });
    expect(second.status).toBe(200);
    expect(second.body.accessToken).toBe(first.body.accessToken);
    expect(api.simulators!.zenki.issuedCount).toBe(issued);
  });

  it('answers exactly the fields, and types, that the OpenAPI document declares (the route serialises by schema)', async () => {
    const answer = await api.call('POST', '/v1/zenki/access-tokens');
    const document = (await api.call('GET', '/docs/openapi.json', { apiKey: null })).body;
    const schema = document.components.schemas.AccessTokenResponse;
    expect(Object.keys(answer.body).sort()).toEqual(Object.keys(schema.properties).sort());
    for (const [field, { type }] of Object.entries(schema.properties as Record<string, { type: string }>)) {
      expect(typeof answer.body[field]).toBe(type === 'integer' ? 'number' : type);
    }
    expect(schema.required.sort()).toEqual(Object.keys(schema.properties).sort());
  });

  it('keeps what every route has, although Fastify serves it directly: request id, security headers, problems, metrics', async () => {
    const refused = await api.call('POST', '/v1/zenki/access-tokens', { apiKey: 'not-a-key' });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="paytokens"');
    expect(refused.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const answer = await api.call('POST', '/v1/zenki/access-tokens', { headers: { 'x-request-id': 'zenki-route-1' } });
    expect(answer.headers['x-request-id']).toBe('zenki-route-1');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(answer.headers['paytokens-account']).toBe('default');
    const metrics = (await api.call('GET', '/metrics', { apiKey: null })).text;
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/v1\/zenki\/access-tokens"[^}]*status="200"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/http_requests_total\{[^}]*route="\/v1\/zenki\/access-tokens"[^}]*status="401"[^}]*\} [1-9]/);
  });

  it('shares one fetch between concurrent callers on a cold cache', async () => {
    const fresh = await startTestApi();
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => fresh.call('POST', '/v1/zenki/access-tokens')));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(new Set(answers.map((a) => a.body.accessToken)).size).toBe(1);
      expect(fresh.simulators!.zenki.issuedCount).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('takes an empty JSON body as no body', async () => {
    const response = await api.call('POST', '/v1/zenki/access-tokens', { body: '', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
  });

  it('fetches a new token on { "forceRefresh": true } once the cached one is not brand new', async () => {
    const before = (await api.call('POST', '/v1/zenki/access-tokens')).body.accessToken;
    // A forced refresh within 2 s of the last fetch answers that token (protects Zenki from refresh storms).
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const issued = api.simulators!.zenki.issuedCount;
    const refreshed = await api.call('POST', '/v1/zenki/access-tokens', { json: { forceRefresh: true } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.accessToken).not.toBe(before);
    expect(api.simulators!.zenki.issuedCount).toBe(issued + 1);
  });

  it.each([
    [{ forceRefresh: 'yes' }, 'forceRefresh'],
    [{ force: true }, 'force'],
    [[true], 'body'],
    ['refresh', 'body'],
    [null, 'body'],
  ])('refuses the body %j (400 naming %s)', async (json, field) => {
    const response = await api.call('POST', '/v1/zenki/access-tokens', {
      body: JSON.stringify(json),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors[0].field).toBe(field);
  });

  it('is a 504 when Zenki does not answer in time, and serves again once it does', async () => {
    const cold = await startTestApi({ ZENKI_TIMEOUT_MS: '200' });
    try {
      cold.simulators!.zenki.faults.set({ stallRate: 1 });
      const stalled = await cold.call('POST', '/v1/zenki/access-tokens');
      expect(stalled.status).toBe(504);
      expect(stalled.body).toMatchObject({ code: 'PROVIDER_TIMEOUT', provider: 'zenki' });
      cold.simulators!.zenki.faults.reset();
      expect((await cold.call('POST', '/v1/zenki/access-tokens')).status).toBe(200);
    } finally {
      await cold.close();
    }
  });

  it('is a 502 when Zenki keeps failing', async () => {
    const cold = await startTestApi();
    try {
      cold.simulators!.zenki.faults.set({ errorRate: 1 });
      const response = await cold.call('POST', '/v1/zenki/access-tokens');
      expect(response.status).toBe(502);
      expect(response.body).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: 'zenki' });
    } finally {
      await cold.close();
    }
  });
});

describe('Zenki refusing our credentials (e2e, SIMULATE_PROVIDERS=false against a standalone simulator)', () => {
  let zenki: ZenkiSimulator;
  let api: TestApi;

  beforeAll(async () => {
    zenki = await ZenkiSimulator.start({ clientId: 'merchant-client', clientSecret: 'the-right-secret' });
    api = await startTestApi({
      SIMULATE_PROVIDERS: 'false',
      ZENKI_BASE_URL: zenki.url,
      ZENKI_CLIENT_ID: 'merchant-client',
      ZENKI_CLIENT_SECRET: 'a-wrong-secret-value',
      KLARNA_USERNAME: 'unused',
      KLARNA_PASSWORD: 'unused',
      KLARNA_BASE_URL: 'http://127.0.0.1:9',
    });
  });

  afterAll(async () => {
    await api.close();
    await zenki.close();
  });

  it('is a 502 telling the operator which variables to check, without their values', async () => {
    const response = await api.call('POST', '/v1/zenki/access-tokens');
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'PROVIDER_AUTHENTICATION_FAILED', provider: 'zenki', providerCode: 'unauthorized_client' });
    expect(response.body.detail).toContain('ZENKI_CLIENT_ID and ZENKI_CLIENT_SECRET');
    expect(response.text).not.toContain('a-wrong-secret-value');
    expect(zenki.issuedCount).toBe(0);
  });
});
