import {
  ConflictError,
  NotFoundError,
  ProviderAuthenticationError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  RejectedError,
  ValidationError,
  type PaytokensError,
} from '@paytokens/domain';
import { freePort, ScriptedServer } from '@paytokens/testing';
import { KlarnaCustomerTokenGateway } from '../src/lib/klarna-customer-token.gateway';
import { minimalInput, request } from './support/customer-token-requests';

const CORRELATION = '6a9b1cb1-73a3-4936-a030-481ba4bb203b';
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/json', 'klarna-correlation-id': 'header-correlation', ...headers },
  body: JSON.stringify(body),
});
const errorV2 = (code: string, messages: string[], extra: Record<string, unknown> = {}) => ({
  error_code: code,
  error_messages: messages,
  correlation_id: CORRELATION,
  ...extra,
});

describe('Klarna error mapping', () => {
  let server: ScriptedServer;
  let gateway: KlarnaCustomerTokenGateway;
  const create = () => gateway.create(request(minimalInput('auth-token-0123456789')));
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as PaytokensError,
    );

  beforeAll(async () => {
    server = await ScriptedServer.start();
    // One gateway meets every kind of failure here: its circuit breaker is off, so each test sees the mapping itself.
    gateway = new KlarnaCustomerTokenGateway({
      username: 'PK_user',
      password: 'pw-secret-123',
      baseUrl: server.url,
      timeoutMs: 300,
      createTimeoutMs: 300,
      circuitBreaker: false,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await server.close();
  });

  it('400 BAD_VALUE becomes ValidationError with camelCase fields from Klarna messages', async () => {
    server.answer(
      json(
        400,
        errorV2('BAD_VALUE', [
          'Bad value: purchase_country',
          'Not matching fields: [billing_address.postal_code, billing_address.street_address2]',
        ]),
      ),
    );
    const error = await failure(create());
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      { field: 'purchaseCountry', message: 'was refused by Klarna' },
      { field: 'billingAddress.postalCode', message: 'does not match the session' },
      { field: 'billingAddress.streetAddress2', message: 'does not match the session' },
    ]);
    expect(error).toMatchObject({
      provider: 'klarna',
      providerStatus: 400,
      providerCode: 'BAD_VALUE',
      providerMessages: [
        'Bad value: purchase_country',
        'Not matching fields: [billing_address.postal_code, billing_address.street_address2]',
      ],
      correlationId: CORRELATION,
    });
  });

  it("400 in the simulator's wording keeps the reason and marks missing fields as required", async () => {
    server.answer(
      json(400, errorV2('BAD_VALUE', ['Bad value: billing_address.city (must be at most 99 characters)', 'Missing value: locale'])),
    );
    const error = await failure(create());
    expect((error as ValidationError).errors).toEqual([
      { field: 'billingAddress.city', message: 'must be at most 99 characters' },
      { field: 'locale', message: 'is required' },
    ]);
  });

  it('400 BAD_REQUEST without a field becomes ValidationError on the request as a whole', async () => {
    server.answer(json(400, errorV2('BAD_REQUEST', ['The purchase token has been cancelled by you.'])));
    const error = await failure(create());
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ field: 'request', message: 'was refused by Klarna (BAD_REQUEST)' }]);
  });

  it('401 becomes ProviderAuthenticationError', async () => {
    server.answer(json(401, errorV2('UNAUTHORIZED', ['Unauthorized'])));
    const error = await failure(create());
    expect(error).toBeInstanceOf(ProviderAuthenticationError);
    expect(error).toMatchObject({ provider: 'klarna', providerStatus: 401, providerCode: 'UNAUTHORIZED', correlationId: CORRELATION });
  });

  it.each(['TOKEN_CANCELLED', 'TOKEN_SUSPENDED', 'TOKEN_FORBIDDEN'])('403 %s becomes RejectedError keeping the code', async (code) => {
    server.answer(json(403, errorV2(code, ['The purchase token has been suspended by Klarna.'])));
    const error = await failure(gateway.read('token-1'));
    expect(error).toBeInstanceOf(RejectedError);
    expect(error).toMatchObject({
      provider: 'klarna',
      providerStatus: 403,
      providerCode: code,
      providerMessages: ['The purchase token has been suspended by Klarna.'],
    });
  });

  it('403 with the extra keys of real answers keeps reason and fraud status in words, not Klarna names', async () => {
    server.answer(
      json(
        403,
        errorV2('PAYMENT_METHOD_FAILED', ['Purchase for payment method failed'], {
          reason: 'REJECTED_BY_RISK',
          fraud_status: 'REJECTED',
          authorized_payment_method: { type: 'invoice', number_of_days: 14 },
          authorized_payment_method_v1: { type: 'invoice' },
        }),
      ),
    );
    const error = await failure(create());
    expect(error).toBeInstanceOf(RejectedError);
    expect(error.providerMessages).toEqual(['Purchase for payment method failed', 'Reason: REJECTED_BY_RISK', 'Fraud status: REJECTED']);
    expect(JSON.stringify(error)).not.toMatch(/fraud_status|authorized_payment_method|number_of_days/);
  });

  it('404 on create explains the 60-minute authorization lifetime', async () => {
    server.answer(json(404, errorV2('NOT_FOUND', ['Invalid authorization token'])));
    const error = await failure(create());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('60 minutes');
    expect(error).toMatchObject({ providerCode: 'NOT_FOUND', providerStatus: 404 });
  });

  it('404 on read is NotFoundError about the token', async () => {
    server.answer(json(404, errorV2('NOT_FOUND', ['Invalid customer-token ID'])));
    const error = await failure(gateway.read('token-1'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('no such customer token');
  });

  it('409 becomes ConflictError', async () => {
    server.answer(json(409, errorV2('CONFLICT', ['Not matching fields: [purchase_country]'])));
    await expect(create()).rejects.toBeInstanceOf(ConflictError);
  });

  it('429 becomes RateLimitedError with Retry-After in seconds', async () => {
    server.answer(json(429, errorV2('RATE_LIMITED', ['Too many requests']), { 'retry-after': '7' }));
    const error = await failure(gateway.read('token-1'));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterSeconds: 7, providerStatus: 429, providerCode: 'RATE_LIMITED' });
  });

  it('429 with an HTTP-date Retry-After is turned into seconds', async () => {
    server.answer(json(429, {}, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }));
    const error = await failure(gateway.read('token-1'));
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(31);
  });

  it.each([500, 502, 503, 504])('%i becomes ProviderUnavailableError', async (status) => {
    server.answer(json(status, errorV2('INTERNAL_SERVER_ERROR', ['Internal server error'])));
    const error = await failure(gateway.cancel('token-1'));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({
      provider: 'klarna',
      providerStatus: status,
      providerCode: 'INTERNAL_SERVER_ERROR',
      correlationId: CORRELATION,
    });
  });

  it('an empty error body still gives status and the correlation header', async () => {
    server.answer({ status: 503, headers: { 'klarna-correlation-id': 'header-correlation' } });
    const error = await failure(create());
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ providerStatus: 503, correlationId: 'header-correlation' });
    expect(error.providerCode).toBeUndefined();
    expect(error.providerMessages).toBeUndefined();
  });

  it('a non-JSON error body (a proxy page) is handled', async () => {
    server.answer({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' });
    const error = await failure(gateway.read('token-1'));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ providerStatus: 502 });
    expect(error.providerCode).toBeUndefined();
  });

  it('a JSON body that is not an object is handled', async () => {
    server.answer({ status: 403, headers: { 'content-type': 'application/json' }, body: '["TOKEN_CANCELLED"]' });
    const error = await failure(gateway.read('token-1'));
    expect(error).toBeInstanceOf(RejectedError);
    expect(error.providerCode).toBeUndefined();
  });

  it('a lone error_message is kept as a message', async () => {
    server.answer(json(403, { error_code: 'TOKEN_SUSPENDED', error_message: 'Suspended' }));
    const error = await failure(gateway.read('token-1'));
    expect(error.providerMessages).toEqual(['Suspended']);
    expect(error.correlationId).toBe('header-correlation');
  });

  it('a 200 without token_id is ProviderUnavailableError, not a half-made token', async () => {
    server.answer(json(200, { redirect_url: 'https://example.invalid' }));
    const error = await failure(create());
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.providerStatus).toBe(200);
  });

  it('a 200 read without status is ProviderUnavailableError', async () => {
    server.answer({ status: 200, body: 'not json' });
    await expect(gateway.read('token-1')).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('a stalled answer is ProviderTimeoutError', async () => {
    server.answer('stall');
    const error = await failure(create());
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error.provider).toBe('klarna');
  });

  it('a reset connection is ProviderUnavailableError', async () => {
    server.answer('reset');
    await expect(create()).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('a refused connection is ProviderUnavailableError', async () => {
    const port = await freePort();
    const nowhere = new KlarnaCustomerTokenGateway({
      username: 'PK_user',
      password: 'pw-secret-123',
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 1000,
    });
    try {
      const error = await failure(nowhere.read('token-1'));
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error.message).toContain('ECONNREFUSED');
    } finally {
      await nowhere.close();
    }
  });

  it('a closed gateway refuses further calls with ProviderUnavailableError', async () => {
    const closing = new KlarnaCustomerTokenGateway({ username: 'PK_user', password: 'pw-secret-123', baseUrl: server.url });
    await closing.close();
    expect(closing.closed).toBe(true);
    await expect(closing.read('token-1')).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('sends the three operations with the right methods, paths and bodies', async () => {
    server.requests.length = 0;
    server.answer((r) =>
      r.method === 'POST'
        ? json(200, { token_id: 'tok-1' })
        : r.method === 'GET'
          ? json(200, { status: 'ACTIVE', payment_method_type: 'INVOICE' })
          : { status: 202 },
    );
    await create();
    await gateway.read('tok-1');
    await gateway.cancel('tok-1');
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/payments/v1/authorizations/auth-token-0123456789/customer-token'],
      ['GET', '/customer-token/v1/tokens/tok-1'],
      ['PATCH', '/customer-token/v1/tokens/tok-1/status'],
    ]);
    expect(JSON.parse(server.requests[2].text)).toEqual({ status: 'CANCELLED' });
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('PK_user:pw-secret-123').toString('base64')}`);
    expect(server.requests[1].headers['content-type']).toBeUndefined();
  });

  it('keeps a base URL path prefix', async () => {
    const prefixed = new KlarnaCustomerTokenGateway({ username: 'PK_user', password: 'pw-secret-123', baseUrl: `${server.url}/klarna/` });
    try {
      server.requests.length = 0;
      server.answer(json(200, { status: 'ACTIVE', payment_method_type: 'INVOICE' }));
      await prefixed.read('tok-1');
      expect(server.requests[0].path).toBe('/klarna/customer-token/v1/tokens/tok-1');
    } finally {
      await prefixed.close();
    }
  });
});
