import { KlarnaSimulator } from '@paytokens/adapters-klarna/simulator';
import { ManualClock } from '@paytokens/domain';
import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from './support/api-harness';

describe('Klarna provider errors become problems (e2e, embedded simulator)', () => {
  const clock = new ManualClock(Date.now());
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ KLARNA_TIMEOUT_MS: '400' }, { klarnaClock: clock });
  });

  afterEach(() => {
    api.simulators!.klarna.faults.reset();
  });

  afterAll(async () => {
    await api.close();
  });

  it('an expired authorization is a 404 that says so', async () => {
    const authorizationToken = await mintAuthorization(api);
    clock.advance(61 * 60 * 1000);
    const response = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'https://paytokens.dev/problems/not-found',
      code: 'NOT_FOUND',
      provider: 'klarna',
      providerCode: 'NOT_FOUND',
      correlationId: expect.any(String),
      detail: expect.stringContaining('expired'),
    });
    expect(response.text).not.toContain(authorizationToken);
  });

  it('a reused authorization is a 404 too: Klarna consumes it on first use', async () => {
    const authorizationToken = await mintAuthorization(api);
    const first = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(first.status).toBe(201);
    const second = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(second.status).toBe(404);
    expect(second.body.code).toBe('NOT_FOUND');
  });

  it("data that does not match the authorization's session is a 409", async () => {
    const authorizationToken = await mintAuthorization(api, { purchaseCountry: 'SE', purchaseCurrency: 'SEK' });
    const response = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'CONFLICT', provider: 'klarna', providerCode: 'BAD_VALUE' });
  });

  it('a Klarna 5xx is a 502 and creates nothing', async () => {
    const authorizationToken = await mintAuthorization(api);
    const tokensBefore = api.simulators!.klarna.ledger.length;
    api.simulators!.klarna.faults.set({ errorRate: 1 });
    const response = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: 'klarna', providerCode: 'SERVICE_UNAVAILABLE' });
    expect(api.simulators!.klarna.ledger.length).toBe(tokensBefore);
  });

  it('a Klarna that does not answer in time is a 504', async () => {
    api.simulators!.klarna.faults.set({ stallRate: 1 });
    const response = await api.call('GET', '/v1/klarna/customer-tokens/4f6c9a2f-0000-4000-8000-000000000000');
    expect(response.status).toBe(504);
    expect(response.body).toMatchObject({
      code: 'PROVIDER_TIMEOUT',
      provider: 'klarna',
      type: 'https://paytokens.dev/problems/provider-timeout',
    });
  });

  it('a cancelled token reads as CANCELLED, and cancelling again is accepted', async () => {
    const authorizationToken = await mintAuthorization(api);
    const created = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    const tokenId = created.body.tokenId as string;
    expect((await api.call('DELETE', `/v1/klarna/customer-tokens/${tokenId}`)).status).toBe(202);
    expect((await api.call('DELETE', `/v1/klarna/customer-tokens/${tokenId}`)).status).toBe(202);
    const read = await api.call('GET', `/v1/klarna/customer-tokens/${tokenId}`);
    expect(read.body).toMatchObject({ tokenId, status: 'CANCELLED' });
  });
});

describe('Klarna refusing our credentials (e2e, SIMULATE_PROVIDERS=false against a standalone simulator)', () => {
  let klarna: KlarnaSimulator;
  let api: TestApi;

  beforeAll(async () => {
    klarna = await KlarnaSimulator.start({ username: 'PK_real_user', password: 'the-right-password' });
    api = await startTestApi({
      SIMULATE_PROVIDERS: 'false',
      KLARNA_BASE_URL: klarna.url,
      KLARNA_USERNAME: 'PK_real_user',
      KLARNA_PASSWORD: 'a-wrong-password-value',
      ZENKI_CLIENT_ID: 'unused-client',
      ZENKI_CLIENT_SECRET: 'unused-secret',
    });
  });

  afterAll(async () => {
    await api.close();
    await klarna.close();
  });

  it('is a 502 telling the operator which variables to check, without their values', async () => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody(klarna.mintAuthorization().authorizationToken),
    });
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'PROVIDER_AUTHENTICATION_FAILED', provider: 'klarna' });
    expect(response.body.detail).toContain('KLARNA_USERNAME and KLARNA_PASSWORD');
    expect(response.text).not.toContain('a-wrong-password-value');
  });

  it('has no simulator route', async () => {
    const response = await api.call('POST', '/v1/simulator/klarna/authorizations', { json: {} });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
