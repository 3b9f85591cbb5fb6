import { ManualClock, NotFoundError, ProviderAuthenticationError, ProviderUnavailableError } from '@paytokens/domain';
import { JSON_HEADERS, ScriptedServer } from '@paytokens/testing';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '../simulator';
import { createZenki, type ZenkiServices } from './create-zenki';

const credentials = { clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET };

describe('ZenkiClient against the simulator', () => {
  let clock: ManualClock;
  let simulator: ZenkiSimulator;
  let zenki: ZenkiServices;

  beforeEach(async () => {
    clock = new ManualClock();
    simulator = await ZenkiSimulator.start({ clock });
    zenki = createZenki({ ...credentials, baseUrl: simulator.url, retry: { baseDelayMs: 5 } }, { clock });
  });
  afterEach(async () => {
    await zenki.close();
    await simulator.close();
  });

  const merchantCalls = () => simulator.requests.filter((r) => r.path === '/v1/pay/me');

  it('gets the merchant with the cached bearer token and the JSON headers', async () => {
    const token = await zenki.getAccessToken.execute();
    const merchant = await zenki.client.getMerchantInfo();
    expect(merchant).toEqual({
      commercialName: `Simulated merchant ${ZENKI_SIMULATOR_CLIENT_ID}`,
      legalName: 'Simulated Merchant S.A. de C.V.',
      accountType: 'ENTITY',
      kycStatus: 'APPROVED',
      integrationStatus: 'COMPLETED',
      cryptoLovePercentage: 1,
      cryptoAssets: [
        { currency: 'BTC', active: true },
        { currency: 'USDC', active: true },
        { currency: 'ETH', active: false },
      ],
      plugins: [{ name: 'SCRIPT', clientId: ZENKI_SIMULATOR_CLIENT_ID }],
    });
    expect(merchantCalls()).toHaveLength(1);
    expect(merchantCalls()[0].headers).toMatchObject({
      authorization: `Bearer ${token.value.reveal()}`,
      accept: 'application/json',
      'content-type': 'application/json',
    });
    expect(simulator.tokenRequests).toBe(1);
  });

  it('after a 401 invalidates the token, gets exactly one new one and succeeds', async () => {
    const first = await zenki.getAccessToken.execute();
    simulator.revoke(first.value.reveal());
    await expect(zenki.client.getMerchantInfo()).resolves.toMatchObject({ kycStatus: 'APPROVED' });
    expect(simulator.issuedCount).toBe(2);
    expect(simulator.apiRequests).toBe(2);
    const retried = merchantCalls()[1].headers['authorization'];
    expect(retried).not.toBe(`Bearer ${first.value.reveal()}`);
    expect(retried).toBe(`Bearer ${(await zenki.getAccessToken.execute()).value.reveal()}`);
  });

  it('shares the one new token among concurrent callers that all got a 401', async () => {
    await zenki.getAccessToken.execute();
    simulator.revokeAll();
    const merchants = await Promise.all(Array.from({ length: 25 }, () => zenki.client.getMerchantInfo()));
    expect(merchants).toHaveLength(25);
    expect(simulator.issuedCount).toBe(2);
  });

  it('does not retry a 500 from the API (a call may have side effects)', async () => {
    await zenki.getAccessToken.execute();
    simulator.faults.set({ failNext: 1, failKind: 'error', target: 'api' });
    const error = await zenki.client.getMerchantInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ provider: 'zenki', providerStatus: 500, providerCode: '500', correlationId: expect.any(String) });
    expect(simulator.apiRequests).toBe(1);
  });

  it('sends a JSON body and maps a 404 to NotFoundError', async () => {
    const error = await zenki.client.request('POST', '/v1/pay/orders?lang=en', { cartId: 'c-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('Zenki found nothing for POST /v1/pay/orders: Resource not found');
    expect(simulator.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/pay/orders', body: { cartId: 'c-1' } });
  });

  it('refuses an absolute URL, so the token never goes to another host', async () => {
    for (const path of ['https://evil.example/steal', '//evil.example/steal', 'v1/pay/me']) {
      await expect(zenki.client.request('GET', path)).rejects.toThrow(TypeError);
    }
    expect(simulator.tokenRequests).toBe(0);
    expect(simulator.apiRequests).toBe(0);
  });
});

describe('ZenkiClient when Zenki refuses even a fresh token', () => {
  it('retries once only, then throws ProviderAuthenticationError', async () => {
    let issued = 0;
    const server = await ScriptedServer.start(
      (call) =>
        call.path === '/v1/oauth/tokens'
          ? { status: 200, body: JSON.stringify({ accessToken: `tk-${++issued}`, tokenType: 'Bearer', expiresIn: 1800 }) }
          : {
              status: 401,
              body: JSON.stringify({
                requestId: 'r-401',
                title: 'Unauthorized',
                errorCode: 401,
                category: 'ERROR',
                humanMessage: 'No',
                timestamp: 1,
              }),
            },
      { defaultHeaders: JSON_HEADERS },
    );
    const zenki = createZenki({ ...credentials, baseUrl: server.url });
    try {
      const error = await zenki.client.getMerchantInfo().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderAuthenticationError);
      expect(error).toMatchObject({ providerStatus: 401, correlationId: 'r-401' });
      expect((error as Error).message).toBe('Zenki refused the access token for GET /v1/pay/me, a freshly issued one too: Unauthorized');
      expect(server.requests.map((c) => `${c.method} ${c.path}`)).toEqual([
        'POST /v1/oauth/tokens',
        'GET /v1/pay/me',
        'POST /v1/oauth/tokens',
        'GET /v1/pay/me',
      ]);
    } finally {
      await zenki.close();
      await server.close();
    }
  });
});

describe('ZenkiClient when Zenki answers 403 "Access denied" to a bearer it sent', () => {
  it('treats it like a 401 once: invalidates the token, fetches one new token, retries once and succeeds', async () => {
    let issued = 0;
    const server = await ScriptedServer.start(
      (call) => {
        if (call.path === '/v1/oauth/tokens')
          return { status: 200, body: JSON.stringify({ accessToken: `tk-${++issued}`, tokenType: 'Bearer', expiresIn: 1800 }) };
        if (call.headers['authorization'] === 'Bearer tk-1') {
          return {
            status: 403,
            body: JSON.stringify({
              requestId: 'r-403',
              title: 'Access denied',
              errorCode: 403,
              category: 'ERROR',
              humanMessage: 'No',
              timestamp: 1,
            }),
          };
        }
        return { status: 200, body: JSON.stringify({ commercialName: 'Shop', kycStatus: 'APPROVED' }) };
      },
      { defaultHeaders: JSON_HEADERS },
    );
    const zenki = createZenki({ ...credentials, baseUrl: server.url });
    try {
      await expect(zenki.client.request('GET', '/v1/pay/me')).resolves.toMatchObject({ kycStatus: 'APPROVED' });
      expect(server.requests.map((c) => `${c.method} ${c.path} ${c.headers['authorization'] ?? ''}`.trim())).toEqual([
        'POST /v1/oauth/tokens',
        'GET /v1/pay/me Bearer tk-1',
        'POST /v1/oauth/tokens',
        'GET /v1/pay/me Bearer tk-2',
      ]);
    } finally {
      await zenki.close();
      await server.close();
    }
  });
});
