import { CustomerToken, ManualClock, NotFoundError, ProviderAuthenticationError, ConflictError, ValidationError } from '@paytokens/domain';
import { KlarnaCustomerTokenGateway } from '../src/lib/klarna-customer-token.gateway';
import { packageVersion } from '../src/lib/klarna-user-agent';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '../src/simulator';
import { maximumLengthInput, minimalInput, organizationInput, personInput, request } from './support/customer-token-requests';

describe('KlarnaCustomerTokenGateway against the simulator', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  let simulator: KlarnaSimulator;
  let gateway: KlarnaCustomerTokenGateway;

  beforeAll(async () => {
    simulator = await KlarnaSimulator.start({ clock });
    gateway = new KlarnaCustomerTokenGateway({
      username: SIMULATOR_USERNAME,
      password: SIMULATOR_PASSWORD,
      baseUrl: simulator.url,
      timeoutMs: 2000,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });
  beforeEach(() => simulator.clearRecords());

  it('creates an ACTIVE token in the domain shape, with no Klarna field names', async () => {
    const { authorizationToken } = simulator.mintAuthorization();
    const token = await gateway.create(request(personInput(authorizationToken)));

    expect(token).toBeInstanceOf(CustomerToken);
    expect(token.status).toBe('ACTIVE');
    expect(token.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(token.redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/simulator\/sessions\//);
    expect(token.paymentMethodReference).toEqual(expect.any(String));
    // Klarna answers with the shopper's address as the session holds it, not an echo of the request [K7].
    expect(token.billingAddress).toMatchObject({ country: personInput('x').billingAddress?.country, givenName: expect.any(String) });
    // Klarna's example format, as it holds the shopper (dd.mm.yyyy), not the request's [K7].
    expect(token.customer).toEqual({ dateOfBirth: '01.01.1979', gender: 'M' });
    expect(JSON.stringify(token)).not.toMatch(/"[a-z]+_[a-z_0-9]+"\s*:/);

    const entry = simulator.ledger.find((e) => e.tokenId === token.tokenId)!;
    expect(entry.status).toBe('ACTIVE');
    expect(entry.request.billing_address?.street_address2).toBe('Apt 214');
    expect(entry.authorizationTokenHint).toBe(`…${authorizationToken.slice(-4)}`);
  });

  it('sends Basic auth, JSON and a User-Agent naming paytokens and its version', async () => {
    const { authorizationToken } = simulator.mintAuthorization();
    await gateway.create(request(minimalInput(authorizationToken)));
    const [exchange] = simulator.exchanges;
    expect(exchange.requestHeaders['content-type']).toBe('application/json');
    expect(exchange.requestHeaders['user-agent']).toContain(`paytokens/${packageVersion()}`);
    expect(exchange.requestHeaders['user-agent']).toContain('@paytokens/adapters-klarna');
    expect(exchange.requestBody).toEqual({
      purchase_country: 'GB',
      purchase_currency: 'GBP',
      locale: 'en-GB',
      description: 'Monthly coffee subscription',
      intended_use: 'SUBSCRIPTION',
    });
  });

  it('sends an organization with every field, and fields at their maximum length', async () => {
    for (const input of [organizationInput, maximumLengthInput]) {
      const { authorizationToken } = simulator.mintAuthorization();
      const token = await gateway.create(request(input(authorizationToken)));
      const entry = simulator.ledger.find((e) => e.tokenId === token.tokenId)!;
      expect(Object.keys(entry.request.customer ?? {}).length).toBe(Object.keys(input('x').customer ?? {}).length);
    }
  });

  it.each(['CARD', 'DIRECT_DEBIT', 'INVOICE'] as const)('reads a %s token with its masked details', async (paymentMethodType) => {
    const { authorizationToken } = simulator.mintAuthorization({ paymentMethodType });
    const { tokenId } = await gateway.create(request(minimalInput(authorizationToken)));
    const token = await gateway.read(tokenId);

    expect(token).toMatchObject({ tokenId, status: 'ACTIVE', paymentMethodType });
    if (paymentMethodType === 'CARD') {
      expect(token.card).toEqual({
        brand: expect.any(String),
        expiryDate: expect.stringMatching(/^\d{2}\/\d{4}$/),
        maskedNumber: expect.stringMatching(/^\*{12}\d{4}$/),
      });
      expect(token.directDebit).toBeUndefined();
    } else if (paymentMethodType === 'DIRECT_DEBIT') {
      expect(token.directDebit).toEqual({ maskedNumber: expect.stringMatching(/^\*+\d{4}$/) });
      expect(token.card).toBeUndefined();
    } else {
      expect(token.card).toBeUndefined();
      expect(token.directDebit).toBeUndefined();
    }
  });

  it('derives the payment method from the authorization when not told, stable across reads', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const { authorizationToken } = simulator.mintAuthorization();
      const { tokenId } = await gateway.create(request(minimalInput(authorizationToken)));
      const [first, second] = [await gateway.read(tokenId), await gateway.read(tokenId)];
      expect(first.toProps()).toEqual(second.toProps());
      seen.add(first.paymentMethodType!);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('cancels: the token reads CANCELLED, and cancelling again is accepted', async () => {
    const { authorizationToken } = simulator.mintAuthorization();
    const { tokenId } = await gateway.create(request(minimalInput(authorizationToken)));

    await expect(gateway.cancel(tokenId)).resolves.toBeUndefined();
    expect((await gateway.read(tokenId)).status).toBe('CANCELLED');
    await expect(gateway.cancel(tokenId)).resolves.toBeUndefined();
    expect(simulator.ledger.find((e) => e.tokenId === tokenId)?.status).toBe('CANCELLED');
    expect(simulator.exchanges.filter((e) => e.operation === 'cancel').map((e) => [e.requestBody, e.status])).toEqual([
      [{ status: 'CANCELLED' }, 202],
      [{ status: 'CANCELLED' }, 202],
    ]);
  });

  it('reads a token Klarna suspended as SUSPENDED', async () => {
    const { authorizationToken } = simulator.mintAuthorization();
    const { tokenId } = await gateway.create(request(minimalInput(authorizationToken)));
    simulator.setTokenStatus(tokenId, 'SUSPENDED');
    expect((await gateway.read(tokenId)).isActive).toBe(false);
    expect((await gateway.read(tokenId)).status).toBe('SUSPENDED');
  });

  it('maps an unknown token to NotFoundError for read and cancel', async () => {
    await expect(gateway.read('no-such-token')).rejects.toBeInstanceOf(NotFoundError);
    const error = await gateway.cancel('no-such-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      provider: 'klarna',
      providerStatus: 404,
      providerCode: 'NOT_FOUND',
      providerMessages: ['Invalid token ID'],
    });
  });

  it('refuses an authorization older than 60 minutes with NotFoundError, creating nothing', async () => {
    const { authorizationToken, expiresAt } = simulator.mintAuthorization();
    expect(expiresAt.getTime() - clock.now()).toBe(60 * 60 * 1000);
    const before = simulator.ledger.length;
    clock.advance(61 * 60 * 1000);

    const error = await gateway.create(request(minimalInput(authorizationToken))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ providerStatus: 404, providerCode: 'NOT_FOUND', providerMessages: ['Invalid authorization token'] });
    expect((error as NotFoundError).correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(simulator.ledger.length).toBe(before);
  });

  it('accepts an authorization just before its 60 minutes are up', async () => {
    const { authorizationToken } = simulator.mintAuthorization();
    clock.advance(59 * 60 * 1000);
    await expect(gateway.create(request(minimalInput(authorizationToken)))).resolves.toBeInstanceOf(CustomerToken);
  });

  it('uses an authorization once: a second create is NotFoundError and no second token exists', async () => {
    const { authorizationToken } = simulator.mintAuthorization();
    await gateway.create(request(minimalInput(authorizationToken)));
    const before = simulator.ledger.length;
    await expect(gateway.create(request(minimalInput(authorizationToken)))).rejects.toBeInstanceOf(NotFoundError);
    expect(simulator.ledger.length).toBe(before);
    expect(simulator.requestCounts.create).toBe(2);
  });

  it('maps a request that does not match the authorization session to ConflictError', async () => {
    const { authorizationToken } = simulator.mintAuthorization({ purchaseCountry: 'SE', purchaseCurrency: 'SEK' });
    const error = await gateway.create(request(minimalInput(authorizationToken))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ providerStatus: 409, providerMessages: ['Not matching fields: [purchase_country, purchase_currency]'] });
  });

  it('maps wrong credentials to ProviderAuthenticationError', async () => {
    const wrong = new KlarnaCustomerTokenGateway({ username: SIMULATOR_USERNAME, password: 'not-the-password', baseUrl: simulator.url });
    try {
      const { authorizationToken } = simulator.mintAuthorization();
      const error = await wrong.create(request(minimalInput(authorizationToken))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderAuthenticationError);
      expect(error).toMatchObject({ provider: 'klarna', providerStatus: 401 });
      await expect(wrong.read('any-token')).rejects.toBeInstanceOf(ProviderAuthenticationError);
      await expect(wrong.cancel('any-token')).rejects.toBeInstanceOf(ProviderAuthenticationError);
      // The authorization was not consumed by the refused call.
      await expect(gateway.create(request(minimalInput(authorizationToken)))).resolves.toBeInstanceOf(CustomerToken);
    } finally {
      await wrong.close();
    }
  });

  it('refuses what breaks the Klarna document before sending anything, with camelCase paths', async () => {
    const { authorizationToken } = simulator.mintAuthorization();
    const input = personInput(authorizationToken);
    // The domain allows 255 characters; Klarna's address allows 99 (postal code 10, title 20).
    input.billingAddress = { ...input.billingAddress, city: 'c'.repeat(100), postalCode: '12345678901', title: 'Mr'.repeat(11) };
    const error = await gateway.create(request(input)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual([
      'billingAddress.city',
      'billingAddress.postalCode',
      'billingAddress.title',
    ]);
    expect(simulator.requestCounts.create).toBe(0);
  });

  it('answers a request the adapter would never send with 400 BAD_VALUE naming the field', async () => {
    const response = await fetch(
      `${simulator.url}/payments/v1/authorizations/${simulator.mintAuthorization().authorizationToken}/customer-token`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${SIMULATOR_USERNAME}:${SIMULATOR_PASSWORD}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          purchase_country: 'GBR',
          purchase_currency: 'GBP',
          locale: 'en-GB',
          description: 'x',
          intended_use: 'SUBSCRIPTION',
        }),
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      error_code: 'BAD_VALUE',
      error_messages: ['Bad value: purchase_country (must be a two-letter country code)'],
      correlation_id: response.headers.get('klarna-correlation-id'),
    });
  });
});
