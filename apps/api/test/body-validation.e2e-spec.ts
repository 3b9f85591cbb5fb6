import { startTestApi, type TestApi } from './support/api-harness';

// Every body route answers one 400 listing every invalid field once (the Klarna create route has its own suite).
describe('Body routes: one answer lists every invalid field (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('POST /v1/zenki/access-tokens: a mistyped field and unknown fields together', async () => {
    const tokenRequestsBefore = api.simulators!.zenki.tokenRequests;
    const response = await api.call('POST', '/v1/zenki/access-tokens', { json: { scope: 'all', forceRefresh: 'yes', audience: 'x' } });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([
      { field: 'scope', message: 'is not a known field' },
      { field: 'forceRefresh', message: 'must be a boolean' },
      { field: 'audience', message: 'is not a known field' },
    ]);
    expect(api.simulators!.zenki.tokenRequests).toBe(tokenRequestsBefore);
  });

  it('never answers much more than the request: at most 20 problems listed, the rest counted, long made-up keys cut', async () => {
    const body: Record<string, unknown> = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1]));
    body['x'.repeat(300)] = 1;
    const requestBytes = Buffer.byteLength(JSON.stringify(body));
    const response = await api.call('POST', '/v1/klarna/customer-tokens', { json: body });
    expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errorsOmitted: expect.any(Number) } });
    expect(response.body.errors).toHaveLength(20);
    expect(response.body.errors.length + response.body.errorsOmitted).toBeGreaterThan(500);
    for (const { field } of response.body.errors as { field: string }[]) expect(field.length).toBeLessThanOrEqual(64);
    expect(Buffer.byteLength(response.text)).toBeLessThan(requestBytes);
  });

  it('POST /v1/simulator/klarna/authorizations: each field once, whatever number of rules it breaks', async () => {
    const response = await api.call('POST', '/v1/simulator/klarna/authorizations', {
      json: { purchaseCountry: 5, purchaseCurrency: 'EURO', paymentMethodType: 'CASH', colour: 'red' },
    });
    expect(response.status).toBe(400);
    const errors = response.body.errors as { field: string; message: string }[];
    expect(new Map(errors.map((e) => [e.field, e.message]))).toEqual(
      new Map([
        ['paymentMethodType', expect.stringMatching(/^must be one of the following values/)],
        ['purchaseCountry', 'must be a string'],
        ['purchaseCurrency', 'must be an ISO 4217 currency code'],
        ['colour', 'is not a known field'],
      ]),
    );
    expect(errors).toHaveLength(4);
  });
});
