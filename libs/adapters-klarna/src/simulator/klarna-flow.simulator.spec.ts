import { klarnaCustomerTokenContract, klarnaPaymentsContract } from '@paytokens/contract-testing';
import { ManualClock } from '@paytokens/domain';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from './klarna-simulator';

describe('KlarnaSimulator: the recurring flow over raw HTTP, as Klarna answers', () => {
  const payments = klarnaPaymentsContract();
  const tokens = klarnaCustomerTokenContract();
  let simulator: KlarnaSimulator;
  const auth = `Basic ${Buffer.from(`${SIMULATOR_USERNAME}:${SIMULATOR_PASSWORD}`).toString('base64')}`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${simulator.url}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  const line = { name: 'Box', quantity: 1, unit_price: 1000, total_amount: 1000 };
  const session = (intent: string, extra: Record<string, unknown> = {}) => ({
    intent,
    purchase_country: 'GB',
    purchase_currency: 'GBP',
    locale: 'en-GB',
    order_amount: 1000,
    order_lines: [line],
    ...extra,
  });
  const tokenRequest = {
    purchase_country: 'GB',
    purchase_currency: 'GBP',
    locale: 'en-GB',
    description: 'Plan',
    intended_use: 'SUBSCRIPTION',
  };
  const order = { purchase_currency: 'GBP', order_amount: 1000, order_tax_amount: 0, order_lines: [line], auto_capture: true };
  const newToken = async () => {
    const created = await call('POST', '/payments/v1/sessions', session('tokenize'));
    const { authorizationToken } = simulator.authorizeSession(created.body.session_id);
    return (await call('POST', `/payments/v1/authorizations/${authorizationToken}/customer-token`, tokenRequest)).body.token_id as string;
  };

  beforeAll(async () => {
    // A clock that stands still keeps every request in one rate-limit window.
    simulator = await KlarnaSimulator.start({ clock: new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0, 250)) });
  });
  afterAll(() => simulator.close());
  afterEach(() => {
    simulator.faults.reset();
    simulator.rateLimits.reset();
    simulator.flow.merchantInactive = false;
    simulator.flow.notTokenizable.clear();
  });

  it('creates and reads a session with its intent; answers validate against createCreditSession and readCreditSession', async () => {
    const created = await call(
      'POST',
      '/payments/v1/sessions',
      session('buy_and_tokenize', { billing_address: { given_name: 'Jane', country: 'GB' } }),
    );
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      session_id: expect.any(String),
      client_token: expect.any(String),
      payment_method_categories: expect.arrayContaining([expect.objectContaining({ identifier: 'pay_later' })]),
    });
    expect(payments.validateResponse('POST', '/payments/v1/sessions', 200, created.body)).toEqual({ valid: true, errors: [] });
    const read = await call('GET', `/payments/v1/sessions/${created.body.session_id}`);
    expect(read.body).toMatchObject({ intent: 'buy_and_tokenize', status: 'incomplete', order_amount: 1000 });
    expect(payments.validateResponse('GET', `/payments/v1/sessions/${created.body.session_id}`, 200, read.body)).toEqual({
      valid: true,
      errors: [],
    });
    simulator.authorizeSession(created.body.session_id);
    expect((await call('GET', `/payments/v1/sessions/${created.body.session_id}`)).body.status).toBe('complete');
    expect((await call('POST', '/payments/v1/sessions', session('tokenize', { order_amount: 999 }))).body).toMatchObject({
      error_code: 'BAD_VALUE',
      error_messages: ['Bad value: order_amount'],
    });
  });

  it("refuses a token for intent buy with 403 INVALID_OPERATION and carries the session's shopper data, not the request's [K7]", async () => {
    const buy = await call('POST', '/payments/v1/sessions', session('buy'));
    const refused = await call(
      'POST',
      `/payments/v1/authorizations/${simulator.authorizeSession(buy.body.session_id).authorizationToken}/customer-token`,
      tokenRequest,
    );
    expect(refused).toMatchObject({
      status: 403,
      body: { error_code: 'INVALID_OPERATION', error_messages: ['Not allowed to create customer tokens for intent buy.'] },
    });

    const held = await call(
      'POST',
      '/payments/v1/sessions',
      session('tokenize', { billing_address: { given_name: 'Held', country: 'GB' } }),
    );
    const created = await call(
      'POST',
      `/payments/v1/authorizations/${simulator.authorizeSession(held.body.session_id).authorizationToken}/customer-token`,
      { ...tokenRequest, billing_address: { given_name: 'Echo', country: 'GB' } },
    );
    expect(created.body.billing_address).toEqual({ given_name: 'Held', country: 'GB' });
  });

  it('answers the other create-token refusals as Klarna does [K5][K6][K7]', async () => {
    const mint = (options = {}) =>
      simulator.mintAuthorization({ purchaseCountry: 'GB', purchaseCurrency: 'GBP', ...options }).authorizationToken;
    const create = (token: string, body: object = tokenRequest) =>
      call('POST', `/payments/v1/authorizations/${token}/customer-token`, body);

    expect((await create(mint(), { ...tokenRequest, billing_address: { country: 'SE' } })).body).toMatchObject({
      error_code: 'BAD_VALUE',
      error_messages: ['Bad value: purchase_country'],
    });
    const mismatch = await create(mint(), { ...tokenRequest, purchase_currency: 'EUR' });
    expect(mismatch).toMatchObject({ status: 409, body: { error_code: 'BAD_VALUE' } });
    const used = mint();
    expect((await create(used)).status).toBe(200);
    expect(await create(used)).toMatchObject({ status: 404, body: { error_code: 'SESSION_COMPLETED' } });
    simulator.flow.notTokenizable.add('CARD');
    const card = await create(mint({ paymentMethodType: 'CARD' }));
    expect(card).toMatchObject({
      status: 400,
      body: { error_code: 'BAD_REQUEST', error_messages: ['card is not valid for creating customer tokens in GB'] },
    });
    simulator.flow.merchantInactive = true;
    expect(await create(mint())).toMatchObject({ status: 403, body: { error_code: 'MERCHANT_INACTIVE' } });
  });

  it('cancels an unused authorization with 204, then knows it no more', async () => {
    const { authorizationToken } = simulator.mintAuthorization();
    expect((await call('DELETE', `/payments/v1/authorizations/${authorizationToken}`)).status).toBe(204);
    expect((await call('DELETE', `/payments/v1/authorizations/${authorizationToken}`)).status).toBe(404);
    expect((await call('POST', `/payments/v1/authorizations/${authorizationToken}/customer-token`, tokenRequest)).status).toBe(404);
    expect(simulator.exchanges.some((e) => e.path.includes(authorizationToken))).toBe(false);
  });

  it('places one order per Klarna-Idempotency-Key, also when the first answer was lost', async () => {
    const tokenId = await newToken();
    const key = { 'klarna-idempotency-key': '4f1c4a5e-0d6b-5a7e-8c3d-2b1a0f9e8d7c' };
    simulator.faults.set({ failNext: 1, failNextKind: 'resetAfterProcessing' });
    await expect(call('POST', `/customer-token/v1/tokens/${tokenId}/order`, order, key)).rejects.toThrow();
    const retried = await call('POST', `/customer-token/v1/tokens/${tokenId}/order`, order, key);
    const again = await call('POST', `/customer-token/v1/tokens/${tokenId}/order`, order, key);
    expect(retried.status).toBe(200);
    expect(again.body.order_id).toBe(retried.body.order_id);
    expect(tokens.validateResponse('POST', `/customer-token/v1/tokens/${tokenId}/order`, 200, retried.body)).toEqual({
      valid: true,
      errors: [],
    });
    const other = await call('POST', `/customer-token/v1/tokens/${tokenId}/order`, order, { 'klarna-idempotency-key': 'another-key' });
    expect(other.body.order_id).not.toBe(retried.body.order_id);
    expect(simulator.orderLedger.filter((o) => o.tokenId === tokenId).map((o) => o.orderId)).toEqual([
      retried.body.order_id,
      other.body.order_id,
    ]);
    const sent = simulator.exchanges.filter(
      (e) => e.operation === 'createOrder' && e.requestHeaders['klarna-idempotency-key'] === key['klarna-idempotency-key'],
    );
    expect(sent).toHaveLength(3);
    for (const exchange of sent)
      expect(tokens.validateRequest('POST', exchange.path, exchange.requestBody, exchange.requestHeaders)).toEqual({
        valid: true,
        errors: [],
      });
  });

  it('answers the token-order errors [K7][K8][K30]', async () => {
    expect(await call('POST', '/customer-token/v1/tokens/unknown/order', order)).toMatchObject({
      status: 404,
      body: { error_code: 'TOKEN_NOT_FOUND', error_messages: ['Customer token not found'] },
    });
    expect(await call('GET', '/customer-token/v1/tokens/unknown')).toMatchObject({ status: 404, body: { error_code: 'TOKEN_NOT_FOUND' } });
    const tokenId = await newToken();
    for (const [fault, status] of [
      ['PAYMENT_METHOD_FAILED', 403],
      ['UNAVAILABLE_PAYMENT_METHOD', 403],
      ['PAYMENT_METHOD_CURRENCY_MISMATCH', 403],
      ['TOKEN_FORBIDDEN', 403],
      ['SERVICE_UNAVAILABLE', 503],
      ['INTERNAL_SERVER_ERROR', 500],
    ] as const) {
      simulator.setOrderFault(tokenId, fault);
      expect(await call('POST', `/customer-token/v1/tokens/${tokenId}/order`, order)).toMatchObject({
        status,
        body: { error_code: fault },
      });
    }
    simulator.setOrderFault(tokenId, undefined);
    simulator.setTokenStatus(tokenId, 'SUSPENDED');
    expect((await call('POST', `/customer-token/v1/tokens/${tokenId}/order`, order)).body.error_code).toBe('TOKEN_SUSPENDED');
    simulator.setTokenStatus(tokenId, 'CANCELLED');
    const cancelled = await call('POST', `/customer-token/v1/tokens/${tokenId}/order`, order);
    expect(cancelled.body.error_code).toBe('TOKEN_CANCELLED');
    expect(payments.validateSchema('ErrorV2', cancelled.body)).toEqual({ valid: true, errors: [] });
  });

  it('in rate-limit mode answers 429 beyond the per-second limit, with the X-Ratelimit headers [K4]', async () => {
    simulator.rateLimits.set({ enabled: true, perSecond: { create: 2 } });
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(
        await call('POST', `/payments/v1/authorizations/${simulator.mintAuthorization().authorizationToken}/customer-token`, tokenRequest),
      );
    const last = answers[2];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ error_code: 'RATE_LIMITED' });
    expect(last.headers.get('x-ratelimit-limit')).toBe('2');
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(last.headers.get('x-ratelimit-reset')).toBe('1');
    expect(answers[0].headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await call('GET', '/customer-token/v1/tokens/x')).headers.get('x-ratelimit-limit')).toBe('50');
  });
});
