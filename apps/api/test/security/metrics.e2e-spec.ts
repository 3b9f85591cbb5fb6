import { hashedApiKeyEntry } from '../../src/auth/api-key-ring';
import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from '../support/api-harness';

const METRICS_KEY = 'metrics-scraper-key-0123456789';

/** The value of one sample line, `name{labels} value`, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A request as if from another host: injected, so no traffic leaves loopback. */
async function fromElsewhere(
  api: TestApi,
  headers: Record<string, string> = {},
): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }> {
  const fastify = api.app.getHttpAdapter().getInstance() as unknown as {
    inject(options: object): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;
  };
  return fastify.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7', headers });
}

describe('GET /metrics (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await api.call('GET', '/metrics', { apiKey: null });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return response.text;
  };

  it('counts requests by method, route template and status, with their latency; never a raw path', async () => {
    await api.call('POST', '/v1/zenki/access-tokens');
    await api.call('POST', '/v1/zenki/access-tokens');
    await api.call('GET', '/v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f');
    await api.call('GET', '/no/such/route/with-an-id-1234567890');
    const text = await scrape();
    expect(sample(text, 'http_requests_total{method="POST",route="/v1/zenki/access-tokens",status="200"}')).toBe(2);
    expect(sample(text, 'http_requests_total{method="GET",route="/v1/klarna/customer-tokens/:tokenId",status="404"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/v1/zenki/access-tokens",status="200"}')).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/zenki/access-tokens",status="200"}')).toBe(
      2,
    );
    expect(text).not.toContain('7c5f3c58');
    expect(text).not.toContain('with-an-id');
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('counts token cache hits, misses and refreshes', async () => {
    const fresh = await startTestApi();
    try {
      await fresh.call('POST', '/v1/zenki/access-tokens');
      await fresh.call('POST', '/v1/zenki/access-tokens');
      await fresh.call('POST', '/v1/zenki/access-tokens');
      const text = (await fresh.call('GET', '/metrics', { apiKey: null })).text;
      expect(sample(text, 'access_token_cache_events_total{event="miss"}')).toBe(1);
      expect(sample(text, 'access_token_cache_events_total{event="refresh"}')).toBe(1);
      expect(sample(text, 'access_token_cache_events_total{event="hit"}')).toBe(2);
      expect(sample(text, 'access_token_cache_events_total{event="refresh_failed"}')).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('counts idempotency replays', async () => {
    const before = sample(await scrape(), 'idempotency_replays_total') ?? NaN;
    const body = customerTokenBody(await mintAuthorization(api));
    const headers = { 'idempotency-key': 'metrics-order-1' };
    expect((await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers })).status).toBe(201);
    const replay = await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(sample(await scrape(), 'idempotency_replays_total')).toBe(before + 1);
  });

  it('counts provider calls by outcome with their latency, and exports each circuit breaker state', async () => {
    const breaking = await startTestApi({ KLARNA_CIRCUIT_FAILURES: '2', KLARNA_CIRCUIT_HALF_OPEN_MS: '60000' });
    try {
      const metrics = async () => (await breaking.call('GET', '/metrics', { apiKey: null })).text;
      expect(
        (await breaking.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(await mintAuthorization(breaking)) })).status,
      ).toBe(201);
      let text = await metrics();
      expect(sample(text, 'provider_calls_total{provider="klarna",operation="create",outcome="success",account="default"}')).toBe(1);
      expect(
        sample(text, 'provider_call_duration_seconds_count{provider="klarna",operation="create",outcome="success",account="default"}'),
      ).toBe(1);
      expect(sample(text, 'circuit_state{provider="klarna",account="default"}')).toBe(0);
      expect(sample(text, 'circuit_state{provider="zenki",account="default"}')).toBe(0);

      breaking.simulators!.klarna.faults.set({ errorRate: 1 });
      for (let i = 0; i < 3; i++) await breaking.call('GET', '/v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f');
      text = await metrics();
      expect(
        sample(text, 'provider_calls_total{provider="klarna",operation="read",outcome="PROVIDER_UNAVAILABLE",account="default"}'),
      ).toBe(2);
      expect(sample(text, 'provider_calls_total{provider="klarna",operation="read",outcome="circuit-open",account="default"}')).toBe(1);
      expect(sample(text, 'circuit_state{provider="klarna",account="default"}')).toBe(2);
    } finally {
      await breaking.close();
    }
  });

  it('is served to clients on this host only while METRICS_API_KEY is unset', async () => {
    const answer = await fromElsewhere(api);
    expect(answer.statusCode).toBe(403);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('GET /metrics with METRICS_API_KEY (e2e)', () => {
  it.each([
    ['in clear', METRICS_KEY],
    ['as sha256:<hex>', hashedApiKeyEntry(METRICS_KEY)],
  ])('requires the key (%s) from every client, loopback included; an API key is not a metrics key', async (_form, configured) => {
    const api = await startTestApi({ METRICS_API_KEY: configured });
    try {
      const missing = await api.call('GET', '/metrics', { apiKey: null });
      expect(missing.status).toBe(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(missing.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await api.call('GET', '/metrics')).status).toBe(401);
      const granted = await api.call('GET', '/metrics', { apiKey: METRICS_KEY });
      expect(granted.status).toBe(200);
      expect(granted.text).toContain('http_requests_total');
      expect((await fromElsewhere(api, { authorization: `Bearer ${METRICS_KEY}` })).statusCode).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('refuses a weak metrics key at start-up, naming the variable only', async () => {
    await expect(startTestApi({ METRICS_API_KEY: 'weak' })).rejects.toThrow(/METRICS_API_KEY entry 1 is shorter than 16 characters/);
  });
});
