import { hashedApiKeyEntry } from '../src/auth/api-key-ring';
import { customerTokenBody, mintAuthorization, startTestApi, TEST_API_KEY, type TestApi } from './support/api-harness';

const OTHER_API_KEY = 'another-callers-key-0123456789';

describe('Idempotency-Key on POST /v1/klarna/customer-tokens (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ API_KEYS: `${TEST_API_KEY},${hashedApiKeyEntry(OTHER_API_KEY)}` });
  });

  afterEach(() => {
    api.simulators!.klarna.faults.reset();
  });

  afterAll(async () => {
    await api.close();
  });

  it('replays the stored token for a retry with the same key and body, without calling Klarna again', async () => {
    const body = customerTokenBody(await mintAuthorization(api));
    const headers = { 'idempotency-key': 'order-1001-subscription' };
    const first = await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const creates = api.simulators!.klarna.requestCounts.create;

    const retry = await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(api.simulators!.klarna.requestCounts.create).toBe(creates);
  });

  it('refuses the same key with a different body: 422', async () => {
    const headers = { 'idempotency-key': 'order-1002' };
    const first = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(await mintAuthorization(api)), headers });
    expect(first.status).toBe(201);
    const other = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody(await mintAuthorization(api), { description: 'Another plan' }),
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', type: 'https://paytokens.dev/problems/idempotency-key-reused' });
  });

  it('answers 409 with Retry-After while the same request is still in progress', async () => {
    api.simulators!.klarna.faults.set({ latencyMs: 300 });
    const body = customerTokenBody(await mintAuthorization(api));
    const headers = { 'idempotency-key': 'order-1003' };
    const answers = await Promise.all([
      api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers })),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const busy = answers.find((a) => a.status === 409)!;
    expect(busy.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('frees the key when Klarna failed, so a retry with it can succeed', async () => {
    const body = customerTokenBody(await mintAuthorization(api));
    const headers = { 'idempotency-key': 'order-1004' };
    api.simulators!.klarna.faults.set({ failNext: 1, failNextKind: 'error' });
    expect((await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers })).status).toBe(502);
    const retry = await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it("keeps each API key's idempotency keys apart", async () => {
    const body = customerTokenBody(await mintAuthorization(api));
    const headers = { 'idempotency-key': 'shared-key' };
    expect((await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers })).status).toBe(201);
    // Another caller's identical request is not a replay of ours: it reaches Klarna, whose authorization is used up.
    const other = await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers, apiKey: OTHER_API_KEY });
    expect(other.status).toBe(404);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed Idempotency-Key, naming the header', async () => {
    const body = customerTokenBody(await mintAuthorization(api));
    const creates = api.simulators!.klarna.requestCounts.create;
    for (const key of ['', 'x'.repeat(256)]) {
      const response = await api.call('POST', '/v1/klarna/customer-tokens', { json: body, headers: { 'idempotency-key': key } });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    }
    expect(api.simulators!.klarna.requestCounts.create).toBe(creates);
  });
});
