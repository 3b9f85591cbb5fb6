import { hashedApiKeyEntry } from '../../src/auth/api-key-ring';
import { startTestApi, TEST_API_KEY, type TestApi } from '../support/api-harness';

const OTHER_KEY = 'the-other-callers-key-0123456789';

describe('Rate limits per API key (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    // One request a minute sustained, three at once: the fourth request in a row is refused for a minute.
    api = await startTestApi({
      API_KEYS: `${TEST_API_KEY},${hashedApiKeyEntry(OTHER_KEY)}`,
      RATE_LIMIT_PER_MINUTE: '1',
      RATE_LIMIT_BURST: '3',
    });
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers 429 RATE_LIMITED problem+json with Retry-After once a key has spent its burst, before any provider call', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.call('POST', '/v1/zenki/access-tokens')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const calls = api.simulators!.zenki.tokenRequests;

    const refused = await api.call('POST', '/v1/zenki/access-tokens', { json: { forceRefresh: true } });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toEqual({
      type: 'https://paytokens.dev/problems/rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: 'Too many requests with this API key; retry after the number of seconds in Retry-After.',
      code: 'RATE_LIMITED',
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['x-request-id']).toBeDefined();
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect((await api.call('GET', '/v1/klarna/customer-tokens/any-token-id')).status).toBe(429);
    expect(api.simulators!.zenki.tokenRequests).toBe(calls);
    expect(api.simulators!.klarna.requestCounts.read).toBe(0);
  });

  it("keeps each key's allowance its own", async () => {
    for (let i = 0; i < 3; i++) expect((await api.call('POST', '/v1/zenki/access-tokens', { apiKey: OTHER_KEY })).status).toBe(200);
    expect((await api.call('POST', '/v1/zenki/access-tokens', { apiKey: OTHER_KEY })).status).toBe(429);
  });

  it('limits requests without a valid key per client address, apart from the keys', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api.call('POST', '/v1/zenki/access-tokens', { apiKey: `guess-${i}-0123456789abcdef` }));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429]);
    expect(answers[3].body.detail).toBe('Too many requests from this client; retry after the number of seconds in Retry-After.');
  });

  it('never limits /health or /docs (/metrics is limited per address, so its key cannot be guessed at full speed)', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await api.call('GET', '/health/live', { apiKey: null })).status).toBe(200);
      expect((await api.call('GET', '/docs/openapi.json', { apiKey: null })).status).toBe(200);
    }
  });
});

describe('Rate limit settings (e2e)', () => {
  it('RATE_LIMIT_PER_MINUTE=0 switches the limit off', async () => {
    const api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const answers = await Promise.all(Array.from({ length: 150 }, () => api.call('POST', '/v1/zenki/access-tokens')));
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    } finally {
      await api.close();
    }
  });

  it('by default lets a key send a burst of 100, then refills 10 a second', async () => {
    const api = await startTestApi();
    try {
      const answers = await Promise.all(Array.from({ length: 130 }, () => api.call('POST', '/v1/zenki/access-tokens')));
      const ok = answers.filter((a) => a.status === 200).length;
      // A few may have been refilled while the burst was being answered (10 a second).
      expect(ok).toBeGreaterThanOrEqual(100);
      expect(ok).toBeLessThan(130);
      expect(answers.filter((a) => a.status === 429).every((a) => Number(a.headers['retry-after']) === 1)).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('refuses settings that are not whole numbers in range, naming the variables', async () => {
    await expect(startTestApi({ RATE_LIMIT_PER_MINUTE: '-1', RATE_LIMIT_BURST: '0' })).rejects.toThrow(
      /RATE_LIMIT_PER_MINUTE must be a whole number from 0 to 1000000000[\s\S]*RATE_LIMIT_BURST must be a whole number from 1 to 1000000000/,
    );
  });
});
