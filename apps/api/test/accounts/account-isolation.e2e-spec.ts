import { KlarnaSimulator } from '@paytokens/adapters-klarna/simulator';
import { ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { call, customerTokenBody, startTestApi, type TestApi } from '../support/api-harness';

/** The metric's value in Prometheus text, or undefined when absent. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('Account isolation and Zenki secret rotation, against external simulators (e2e)', () => {
  let europe: KlarnaSimulator;
  let northAmerica: KlarnaSimulator;
  let zenki: ZenkiSimulator;
  let api: TestApi;

  beforeAll(async () => {
    // Each Klarna region has its own hosts, so each account its own simulator; one Zenki serves both clients.
    europe = await KlarnaSimulator.start({ username: 'PK_eu', password: 'eu-password-0123' });
    northAmerica = await KlarnaSimulator.start({ username: 'PK_na', password: 'na-password-0123' });
    zenki = await ZenkiSimulator.start({ clientId: 'mx-client', clientSecret: 'mx-old-secret-0123' });
    zenki.addClient('co-client', 'co-secret-0123');
    api = await startTestApi({
      SIMULATE_PROVIDERS: 'false',
      KLARNA_CIRCUIT_FAILURES: '2',
      KLARNA_CIRCUIT_HALF_OPEN_MS: '60000',
      KLARNA_ACCOUNTS: 'eu,us',
      KLARNA_EU_USERNAME: 'PK_eu',
      KLARNA_EU_PASSWORD: 'eu-password-0123',
      KLARNA_EU_BASE_URL: europe.url,
      KLARNA_US_USERNAME: 'PK_na',
      KLARNA_US_PASSWORD: 'na-password-0123',
      KLARNA_US_REGION: 'na',
      KLARNA_US_BASE_URL: northAmerica.url,
      ZENKI_ACCOUNTS: 'mx,co',
      ZENKI_MX_CLIENT_ID: 'mx-client',
      // Rotation under way: Zenki does not know the new secret yet.
      ZENKI_MX_CLIENT_SECRET: 'mx-new-secret-0123,mx-old-secret-0123',
      ZENKI_MX_BASE_URL: zenki.url,
      ZENKI_CO_CLIENT_ID: 'co-client',
      ZENKI_CO_CLIENT_SECRET: 'co-secret-0123',
      ZENKI_CO_BASE_URL: zenki.url,
    });
  });
  afterAll(async () => {
    await api?.close();
    await Promise.all([europe?.close(), northAmerica?.close(), zenki?.close()]);
  });

  const create = (simulator: KlarnaSimulator, overrides: Record<string, unknown>) =>
    api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody(simulator.mintAuthorization().authorizationToken, overrides),
    });
  const american = { purchaseCountry: 'US', purchaseCurrency: 'USD', locale: 'en-US' };

  it("keeps serving one account while the other's provider fails and its circuit is open", async () => {
    northAmerica.faults.set({ failNext: 2, failNextKind: 'error' });
    expect((await create(northAmerica, american)).status).toBe(502);
    expect((await create(northAmerica, american)).status).toBe(502);
    const refused = await create(northAmerica, american);
    expect(refused).toMatchObject({
      status: 503,
      body: { code: 'PROVIDER_UNAVAILABLE', provider: 'klarna' },
      headers: { 'paytokens-account': 'us' },
    });
    expect(northAmerica.requestCounts.create).toBe(2);

    const served = await create(europe, {});
    expect(served).toMatchObject({ status: 201, body: { account: 'eu' } });
    expect(europe.ledger.map((entry) => entry.tokenId)).toContain(served.body.tokenId);

    const ready = await api.call('GET', '/health/ready', { apiKey: null });
    expect(ready.status).toBe(503);
    expect(ready.body.error).toHaveProperty(['klarna:us']);
    expect(ready.body.details['klarna:eu'].status).toBe('up');
    expect(ready.body.details['zenki:mx'].status).toBe('up');

    const metrics = (await call(api.url, 'GET', '/metrics', { apiKey: null })).text;
    expect(sample(metrics, 'circuit_state{provider="klarna",account="us"}')).toBe(2);
    expect(sample(metrics, 'circuit_state{provider="klarna",account="eu"}')).toBe(0);
    expect(sample(metrics, 'provider_calls_total{provider="klarna",operation="create",outcome="circuit-open",account="us"}')).toBe(1);
  });

  it('falls back to the old Zenki secret only when the new one is refused, logs it once and counts it', async () => {
    const first = await api.call('POST', '/v1/zenki/access-tokens', { json: { account: 'mx' } });
    expect(first).toMatchObject({ status: 200, body: { account: 'mx' } });
    expect((await api.call('POST', '/v1/zenki/access-tokens', { json: { account: 'mx' } })).body.accessToken).toBe(first.body.accessToken);
    expect(await api.call('POST', '/v1/zenki/access-tokens', { json: { account: 'co' } })).toMatchObject({
      status: 200,
      body: { account: 'co' },
    });
    expect([zenki.issuedTo('mx-client'), zenki.issuedTo('co-client')]).toEqual([1, 1]);

    const fallbacks = api.logs.records().filter((r) => r['event'] === 'secret_fallback');
    expect(fallbacks).toEqual([expect.objectContaining({ level: 'warn', provider: 'zenki', account: 'mx', secretIndex: 1 })]);
    expect(JSON.stringify(fallbacks)).not.toMatch(/secret-0123/);
    const metrics = (await call(api.url, 'GET', '/metrics', { apiKey: null })).text;
    expect(sample(metrics, 'zenki_secret_fallbacks_total{account="mx"}')).toBe(1);
    expect(sample(metrics, 'zenki_secret_fallbacks_total{account="co"}')).toBeUndefined();
  });
});
