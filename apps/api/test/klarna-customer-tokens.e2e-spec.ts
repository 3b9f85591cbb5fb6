import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from './support/api-harness';

describe('Klarna customer tokens (e2e, embedded simulator)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('creates, reads and cancels a customer token', async () => {
    const authorizationToken = await mintAuthorization(api, { paymentMethodType: 'CARD' });
    const created = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody(authorizationToken, {
        billingAddress: { givenName: 'John', familyName: 'Doe', email: 'john@doe.com', country: 'GB', city: 'London' },
        customer: { dateOfBirth: '1980-01-31', gender: 'male' },
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      account: 'default',
      tokenId: expect.any(String),
      redirectUrl: expect.stringMatching(/^http/),
      paymentMethodReference: expect.any(String),
      // Klarna answers with the shopper's data as its session holds it, not an echo of the request [K7].
      billingAddress: {
        givenName: 'Testperson',
        familyName: 'Approved',
        email: 'shopper@example.com',
        streetAddress: '1 Sim Street',
        postalCode: '12345',
        city: 'Simtown',
        country: 'GB',
      },
      customer: { dateOfBirth: '01.01.1979', gender: 'M' },
    });
    expect(created.headers['idempotent-replayed']).toBeUndefined();
    const tokenId = created.body.tokenId as string;

    const read = await api.call('GET', `/v1/klarna/customer-tokens/${tokenId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      account: 'default',
      tokenId,
      status: 'ACTIVE',
      paymentMethodType: 'CARD',
      card: expect.objectContaining({ maskedNumber: expect.any(String) }),
    });

    const cancelled = await api.call('DELETE', `/v1/klarna/customer-tokens/${tokenId}`);
    expect(cancelled.status).toBe(202);
    expect(cancelled.text).toBe('');

    const after = await api.call('GET', `/v1/klarna/customer-tokens/${tokenId}`);
    expect(after.body.status).toBe('CANCELLED');
  });
});

describe('Klarna customer tokens: validation (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('lists every missing and mistyped field of the body', async () => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: { purchaseCountry: 12, locale: 'en-GB', intendedUse: 'ONE_OFF', description: 'x' },
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'https://paytokens.dev/problems/validation-failed',
      title: 'Invalid request',
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['authorizationToken', 'purchaseCountry', 'purchaseCurrency', 'intendedUse']));
  });

  it('answers once, listing every invalid field exactly once: types, domain rules, unknown fields and headers together', async () => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', {
      headers: { 'idempotency-key': 'k'.repeat(300) },
      json: {
        // authorizationToken and purchaseCurrency are missing
        purchaseCountry: 12, // wrong type
        locale: 'english', // a domain rule
        description: 'x'.repeat(300), // too long
        intendedUse: 'ONE_OFF',
        merchantReference: 'order-1', // unknown
        billingAddress: { country: 'XX', planet: 'Mars', email: 42 },
        customer: { dateOfBirth: '2023-02-30', shoeSize: 9 },
      },
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = response.body.errors as { field: string; message: string }[];
    expect(new Map(errors.map((e) => [e.field, e.message]))).toEqual(
      new Map([
        ['Idempotency-Key', 'must be one header of 1 to 255 printable ASCII characters'],
        ['authorizationToken', 'is required'],
        ['purchaseCountry', 'must be an ISO 3166-1 alpha-2 country code'],
        ['purchaseCurrency', 'is required'],
        ['locale', 'must be a language and country such as en-GB'],
        ['description', 'must be at most 255 characters'],
        ['intendedUse', 'must be one of SUBSCRIPTION'],
        ['billingAddress.email', 'must be a string'],
        ['billingAddress.planet', 'is not a known field'],
        ['billingAddress.country', 'must be an ISO 3166-1 alpha-2 country code'],
        ['customer.shoeSize', 'is not a known field'],
        ['customer.dateOfBirth', 'must be a date in the form YYYY-MM-DD'],
        ['merchantReference', 'is not a known field'],
      ]),
    );
    expect(errors).toHaveLength(13); // each field once
    expect(api.simulators!.klarna.requestCounts.create).toBe(0);
  });

  it('says only "is required" of a missing field, with null and empty counted as missing', async () => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', { json: { purchaseCountry: null, locale: '' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      ['authorizationToken', 'purchaseCountry', 'purchaseCurrency', 'locale', 'description', 'intendedUse'].map((field) => ({
        field,
        message: 'is required',
      })),
    );
  });

  it('refuses unknown fields, at the top and inside nested objects', async () => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody('auth-token-1', { merchantReference: 'x', billingAddress: { country: 'GB', planet: 'Mars' } }),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'merchantReference', message: 'is not a known field' },
        { field: 'billingAddress.planet', message: 'is not a known field' },
      ]),
    );
  });

  it("applies the domain's rules after the shape: country, currency, locale and dates", async () => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody('auth-token-1', {
        purchaseCountry: 'XX',
        purchaseCurrency: 'EURO',
        locale: 'english',
        customer: { dateOfBirth: '2023-02-30' },
      }),
    });
    expect(response.status).toBe(400);
    expect((response.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'customer.dateOfBirth',
      'locale',
      'purchaseCountry',
      'purchaseCurrency',
    ]);
  });

  it('never echoes a rejected value back', async () => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody('has/slash-secret-authorization', { billingAddress: { email: 'not-an-email-personal-data' } }),
    });
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('secret-authorization');
    expect(response.text).not.toContain('personal-data');
  });

  it('refuses a body that is not a JSON object, and no body at all', async () => {
    for (const json of [[1, 2], 'text', 42]) {
      const response = await api.call('POST', '/v1/klarna/customer-tokens', { json });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    }
    const empty = await api.call('POST', '/v1/klarna/customer-tokens');
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a malformed token id before calling Klarna', async () => {
    const response = await api.call('GET', '/v1/klarna/customer-tokens/not%20a%20token');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'tokenId', message: expect.any(String) }]);
    expect(api.simulators!.klarna.requestCounts.read).toBe(0);
  });

  it('answers 404 for a token Klarna does not know, with what Klarna said', async () => {
    const response = await api.call('GET', '/v1/klarna/customer-tokens/4f6c9a2f-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      code: 'NOT_FOUND',
      provider: 'klarna',
      providerCode: 'TOKEN_NOT_FOUND',
      correlationId: expect.any(String),
    });
    const cancel = await api.call('DELETE', '/v1/klarna/customer-tokens/4f6c9a2f-0000-4000-8000-000000000000');
    expect(cancel.status).toBe(404);
  });
});
