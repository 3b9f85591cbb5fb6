import { ZENKI_SIMULATOR_CLIENT_ID } from '@paytokens/adapters-zenki/simulator';
import { customerTokenBody, mintAuthorization, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-harness';

/** A key that may use only the Klarna account eu and the Zenki account mx. */
const EU_MX_KEY = 'eu-mx-merchant-key-0123456789';

describe('Several accounts per provider, on the embedded simulators (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      API_KEYS: `${TEST_API_KEY},${EU_MX_KEY}@eu+mx`,
      KLARNA_ACCOUNTS: 'eu,us',
      KLARNA_EU_REGION: 'eu',
      KLARNA_US_REGION: 'na',
      ZENKI_ACCOUNTS: 'mx,co',
    });
  });
  afterAll(() => api?.close());

  const create = async (overrides: Record<string, unknown>, headers: Record<string, string> = {}, apiKey?: string) =>
    api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(await mintAuthorization(api), overrides), headers, apiKey });

  it('routes a create without account by purchase country to the account whose region serves it, and names it', async () => {
    const europe = await create({});
    expect(europe).toMatchObject({ status: 201, body: { account: 'eu' }, headers: { 'paytokens-account': 'eu' } });
    const us = await create({ purchaseCountry: 'US', purchaseCurrency: 'USD', locale: 'en-US' });
    expect(us).toMatchObject({ status: 201, body: { account: 'us' } });

    const oceania = await create({ purchaseCountry: 'AU', purchaseCurrency: 'AUD', locale: 'en-AU' });
    expect(oceania.status).toBe(400);
    expect(oceania.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(oceania.body.errors).toEqual([
      { field: 'account', message: 'is required: no Klarna account serves purchase country AU (region oc); name one of eu, us' },
    ]);
    // Named, the account wins over the country.
    expect(await create({ account: 'us' })).toMatchObject({ status: 201, body: { account: 'us' } });
  });

  it('routes the recurring flow by account too: a session by purchase country, a charge and a release by the account named', async () => {
    const line = { type: 'digital', name: 'Monthly box', quantity: 1, unitPrice: 2500, taxRate: 0, totalAmount: 2500, totalTaxAmount: 0 };
    const order = { orderAmount: 2500, orderTaxAmount: 0, orderLines: [line] };
    const session = await api.call('POST', '/v1/klarna/sessions', {
      json: { purchaseCountry: 'US', purchaseCurrency: 'USD', locale: 'en-US', ...order },
    });
    expect(session).toMatchObject({
      status: 201,
      body: { account: 'us', sessionId: expect.any(String) },
      headers: { 'paytokens-account': 'us' },
    });
    const read = await api.call('GET', `/v1/klarna/sessions/${session.body.sessionId}?account=us`);
    expect(read).toMatchObject({ status: 200, body: { account: 'us', sessionId: session.body.sessionId } });
    // The key limited to eu may not open a session in us, named or routed.
    const refused = await api.call('POST', '/v1/klarna/sessions', {
      json: { account: 'us', purchaseCountry: 'US', purchaseCurrency: 'USD', locale: 'en-US', ...order },
      apiKey: EU_MX_KEY,
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });

    const { body: token } = await create({ account: 'us', purchaseCountry: 'US', purchaseCurrency: 'USD', locale: 'en-US' });
    const charge = (account: string | undefined) =>
      api.call('POST', `/v1/klarna/customer-tokens/${token.tokenId}/orders`, {
        json: { ...(account ? { account } : {}), purchaseCurrency: 'USD', ...order },
        headers: { 'idempotency-key': `renewal-${token.tokenId}` },
      });
    expect((await charge(undefined)).body.errors).toEqual([
      { field: 'account', message: 'is required when several Klarna accounts are configured: name one of eu, us' },
    ]);
    expect(await charge('us')).toMatchObject({ status: 201, body: { account: 'us', orderId: expect.any(String) } });

    const authorization = await mintAuthorization(api);
    const released = await api.call('DELETE', `/v1/klarna/authorizations/${authorization}?account=eu`);
    expect(released).toMatchObject({ status: 204, headers: { 'paytokens-account': 'eu' } });
  });

  it('refuses an unknown account naming the known ones, and asks for one on reads when several are configured', async () => {
    const unknown = await create({ account: 'mars' });
    expect(unknown).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', errors: [{ field: 'account', message: 'must be one of the configured accounts: eu, us' }] },
    });
    expect(unknown.text).not.toContain('mars');

    const { body } = await create({ account: 'us' });
    const unnamed = await api.call('GET', `/v1/klarna/customer-tokens/${body.tokenId}`);
    expect(unnamed.body.errors).toEqual([
      { field: 'account', message: 'is required when several Klarna accounts are configured: name one of eu, us' },
    ]);
    const read = await api.call('GET', `/v1/klarna/customer-tokens/${body.tokenId}?account=us`);
    expect(read).toMatchObject({ status: 200, body: { account: 'us', tokenId: body.tokenId, status: 'ACTIVE' } });
    const cancelled = await api.call('DELETE', `/v1/klarna/customer-tokens/${body.tokenId}?account=us`);
    expect(cancelled).toMatchObject({ status: 202, headers: { 'paytokens-account': 'us' } });
  });

  it('keeps idempotency records per account: one Idempotency-Key under two accounts is two operations', async () => {
    const key = { 'idempotency-key': `order-1001-${Date.now()}` };
    const europe = await create({ account: 'eu' }, key);
    const us = await create({ account: 'us' }, key);
    expect([europe.status, us.status]).toEqual([201, 201]);
    expect(us.body.tokenId).not.toBe(europe.body.tokenId);
    expect(us.headers['idempotent-replayed']).toBeUndefined();
    // Within one account the key still guards against a different request.
    expect((await create({ account: 'eu' }, key)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('caches an access token per Zenki account, each fetched with its own simulator credentials', async () => {
    const zenki = api.simulators!.zenki;
    const mx = await api.call('POST', '/v1/zenki/access-tokens', { json: { account: 'mx' } });
    const mxAgain = await api.call('POST', '/v1/zenki/access-tokens', { json: { account: 'mx' } });
    const co = await api.call('POST', '/v1/zenki/access-tokens', { json: { account: 'co' } });
    expect([mx.status, mxAgain.status, co.status]).toEqual([200, 200, 200]);
    expect(mx.body.account).toBe('mx');
    expect(mxAgain.body.accessToken).toBe(mx.body.accessToken);
    expect(co.body).toMatchObject({ account: 'co' });
    expect(co.body.accessToken).not.toBe(mx.body.accessToken);
    expect([
      zenki.issuedTo(`${ZENKI_SIMULATOR_CLIENT_ID}-mx`),
      zenki.issuedTo(`${ZENKI_SIMULATOR_CLIENT_ID}-co`),
      zenki.issuedTo(ZENKI_SIMULATOR_CLIENT_ID),
    ]).toEqual([1, 1, 0]);
    expect((await api.call('POST', '/v1/zenki/access-tokens')).body.errors[0].field).toBe('account');
  });

  it('lets a key limited to accounts use only those: 403 problem+json on any other, named or routed to', async () => {
    expect(await create({}, {}, EU_MX_KEY)).toMatchObject({ status: 201, body: { account: 'eu' } });
    const named = await create({ account: 'us' }, {}, EU_MX_KEY);
    expect(named).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', detail: 'This API key may not use the Klarna account us; it may use: eu, mx.' },
    });
    expect(named.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await create({ purchaseCountry: 'US', purchaseCurrency: 'USD', locale: 'en-US' }, {}, EU_MX_KEY)).status).toBe(403);
    expect((await api.call('POST', '/v1/zenki/access-tokens', { json: { account: 'co' }, apiKey: EU_MX_KEY })).status).toBe(403);
    // The only Zenki account the key may use needs no name.
    expect(await api.call('POST', '/v1/zenki/access-tokens', { apiKey: EU_MX_KEY })).toMatchObject({
      status: 200,
      body: { account: 'mx' },
    });
  });

  it('reports each account on its own line in /health/ready', async () => {
    const ready = await api.call('GET', '/health/ready', { apiKey: null });
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.details).sort()).toEqual(['klarna:eu', 'klarna:us', 'zenki:co', 'zenki:mx']);
  });
});
