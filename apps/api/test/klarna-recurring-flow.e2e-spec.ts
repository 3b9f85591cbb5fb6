// The whole Klarna recurring flow over real HTTP against the embedded simulator (issue 16), and each fidelity point.
import { SAMPLE_ORDER_LINE, sampleChargeFields, sampleSessionFields } from '@paytokens/testing';
import { customerTokenBody, startTestApi, type TestApi } from './support/api-harness';

describe('Klarna recurring flow (e2e, embedded simulator)', () => {
  let api: TestApi;
  const klarna = () => api.simulators!.klarna;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterEach(() => {
    klarna().faults.reset();
    klarna().rateLimits.reset();
    klarna().flow.merchantInactive = false;
    klarna().flow.notTokenizable.clear();
  });
  afterAll(async () => {
    await api.close();
  });

  async function openSession(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await api.call('POST', '/v1/klarna/sessions', { json: sampleSessionFields(overrides) });
    expect(created.status).toBe(201);
    return created.body.sessionId as string;
  }
  async function authorize(sessionId: string, paymentMethodType = 'CARD'): Promise<string> {
    const minted = await api.call('POST', '/v1/simulator/klarna/authorizations', { json: { sessionId, paymentMethodType } });
    expect(minted.status).toBe(201);
    return minted.body.authorizationToken as string;
  }
  async function tokenFor(intent = 'tokenize'): Promise<string> {
    const authorizationToken = await authorize(await openSession({ intent }));
    const created = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(created.status).toBe(201);
    return created.body.tokenId as string;
  }
  const charge = (tokenId: string, key: string | undefined, json: unknown = sampleChargeFields()) =>
    api.call('POST', `/v1/klarna/customer-tokens/${tokenId}/orders`, {
      json,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  it('session with its intent → authorization → customer token → two periodic charges, one retried after a lost answer → cancel', async () => {
    const created = await api.call('POST', '/v1/klarna/sessions', { json: sampleSessionFields() });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toEqual({
      sessionId: expect.any(String),
      clientToken: expect.any(String),
      paymentMethodCategories: [
        { identifier: 'pay_later', name: 'Pay later.' },
        { identifier: 'pay_over_time', name: 'Financing.' },
      ],
      account: 'default',
    });
    const { sessionId } = created.body;
    const before = await api.call('GET', `/v1/klarna/sessions/${sessionId}`);
    expect(before.body).toMatchObject({
      sessionId,
      status: 'incomplete',
      intent: 'tokenize',
      purchaseCountry: 'GB',
      orderAmount: 2500,
      account: 'default',
    });

    const authorizationToken = await authorize(sessionId);
    expect((await api.call('GET', `/v1/klarna/sessions/${sessionId}`)).body.status).toBe('complete');
    const token = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(token.status).toBe(201);
    const tokenId = token.body.tokenId as string;
    const ordersBefore = klarna().orderLedger.length;

    const first = await charge(tokenId, 'renewal-2026-11');
    expect(first.status).toBe(201);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toEqual({
      orderId: expect.any(String),
      fraudStatus: 'ACCEPTED',
      redirectUrl: expect.any(String),
      authorizedPaymentMethod: { type: 'card' },
      account: 'default',
    });

    // The second period's answer is lost after Klarna placed the order: the one retry gets that same order.
    klarna().faults.set({ failNext: 1, failNextKind: 'resetAfterProcessing' });
    const second = await charge(tokenId, 'renewal-2026-12', sampleChargeFields({ merchantReference1: 'renewal-2026-12' }));
    expect(second.status).toBe(201);
    const orders = klarna().orderLedger.slice(ordersBefore);
    expect(orders.map((o) => o.orderId)).toEqual([first.body.orderId, second.body.orderId]);
    const attempts = klarna()
      .exchanges.filter((e) => e.operation === 'createOrder')
      .slice(-2);
    expect(attempts[0].fault).toBe('resetAfterProcessing');
    expect(attempts[0].requestHeaders['klarna-idempotency-key']).toBe(attempts[1].requestHeaders['klarna-idempotency-key']);

    // A replay with the key answers the stored order without calling Klarna.
    const calls = klarna().requestCounts.createOrder;
    const replay = await charge(tokenId, 'renewal-2026-11');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(klarna().requestCounts.createOrder).toBe(calls);
    expect(klarna().orderLedger.length).toBe(ordersBefore + 2);

    // An abandoned checkout: its authorization is released.
    const abandoned = await authorize(await openSession());
    const cancelled = await api.call('DELETE', `/v1/klarna/authorizations/${abandoned}`);
    expect(cancelled.status).toBe(204);
    expect(cancelled.text).toBe('');
    expect((await api.call('DELETE', `/v1/klarna/authorizations/${abandoned}`)).status).toBe(404);
    // Logs show at most the token's last four characters.
    expect(api.logs.lines.some((line) => line.includes(abandoned))).toBe(false);
    expect(api.logs.lines.some((line) => line.includes(`/v1/klarna/authorizations/…${abandoned.slice(-4)}`))).toBe(true);
  });

  it('the same key with another body is 422, a second concurrent request 409', async () => {
    const tokenId = await tokenFor();
    expect((await charge(tokenId, 'period-x')).status).toBe(201);
    const other = await charge(tokenId, 'period-x', sampleChargeFields({ merchantReference1: 'other' }));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    klarna().faults.set({ latencyMs: 300 });
    const [a, b] = await Promise.all([
      charge(tokenId, 'period-y'),
      new Promise((r) => setTimeout(r, 80)).then(() => charge(tokenId, 'period-y')),
    ]);
    expect([a.status, b.status]).toEqual([201, 409]);
    expect(b.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
  });

  it('Idempotency-Key is required to charge, and one 400 lists every invalid field', async () => {
    const before = klarna().requestCounts.createOrder;
    const missing = await charge('some-token', undefined);
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.stringContaining('is required') }]);
    const bad = await charge('some-token', undefined, {
      purchaseCurrency: 'pounds',
      orderAmount: 2600,
      orderTaxAmount: 417,
      orderLines: [SAMPLE_ORDER_LINE],
      tokenId: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'Idempotency-Key',
      'body.tokenId',
      'orderAmount',
      'purchaseCurrency',
    ]);
    expect(klarna().requestCounts.createOrder).toBe(before);
  });

  it("refuses before any call: billing country other than the purchase country, and combinations outside Klarna's table", async () => {
    const before = klarna().requestCounts.createSession;
    const billing = await api.call('POST', '/v1/klarna/sessions', { json: sampleSessionFields({ billingAddress: { country: 'SE' } }) });
    expect(billing.status).toBe(400);
    expect(billing.body.errors).toEqual([{ field: 'billingAddress.country', message: 'must be the purchase country (GB)' }]);
    const market = await api.call('POST', '/v1/klarna/sessions', {
      json: sampleSessionFields({ purchaseCountry: 'JP', purchaseCurrency: 'JPY', locale: 'ja-JP' }),
    });
    expect(market.body.errors.map((e: { field: string }) => e.field)).toEqual(['purchaseCountry']);
    const combination = await api.call('POST', '/v1/klarna/sessions', {
      json: sampleSessionFields({ purchaseCurrency: 'EUR', locale: 'de-DE', orderLines: [{ ...SAMPLE_ORDER_LINE, totalAmount: 1 }] }),
    });
    expect(combination.status).toBe(400);
    expect(combination.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'locale',
      'orderAmount',
      'orderLines[0].totalAmount',
      'orderLines[0].totalTaxAmount',
      'purchaseCurrency',
    ]);
    expect(klarna().requestCounts.createSession).toBe(before);
    // The customer-token create refuses a billing country other than the purchase country before any call, too.
    const creates = klarna().requestCounts.create;
    const token = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody('any-authorization', { billingAddress: { country: 'SE' } }),
    });
    expect(token.status).toBe(400);
    expect(klarna().requestCounts.create).toBe(creates);
  });

  it('intent buy: 422 INTENT_NOT_TOKENIZABLE, keeping Klarna code and correlation id', async () => {
    const authorizationToken = await authorize(await openSession({ intent: 'buy' }));
    const refused = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'INTENT_NOT_TOKENIZABLE',
      providerCode: 'INVALID_OPERATION',
      correlationId: expect.any(String),
      detail: expect.stringContaining('intent tokenize'),
    });
  });

  it("a payment method that cannot be tokenized: 422 PAYMENT_METHOD_NOT_TOKENIZABLE, not the caller's malformed request", async () => {
    klarna().flow.notTokenizable.add('INVOICE');
    const authorizationToken = await authorize(await openSession(), 'INVOICE');
    const refused = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PAYMENT_METHOD_NOT_TOKENIZABLE', providerCode: 'BAD_REQUEST' });
  });

  it('MERCHANT_INACTIVE is an operator problem: 502 with guidance, on sessions, tokens and charges', async () => {
    const tokenId = await tokenFor();
    klarna().flow.merchantInactive = true;
    for (const answer of [
      await api.call('POST', '/v1/klarna/sessions', { json: sampleSessionFields() }),
      await charge(tokenId, 'inactive-1'),
    ]) {
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({
        code: 'MERCHANT_INACTIVE',
        providerCode: 'MERCHANT_INACTIVE',
        detail: expect.stringContaining('operator'),
      });
    }
  });

  it('token-order refusals each get their own code: TOKEN_NOT_FOUND, TOKEN_NOT_CHARGEABLE, PAYMENT_METHOD_FAILED, REAUTHORIZATION_REQUIRED, CURRENCY_MISMATCH', async () => {
    const unknown = await charge('no-such-token', 'unknown-1');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'TOKEN_NOT_FOUND', providerCode: 'TOKEN_NOT_FOUND', correlationId: expect.any(String) });
    const tokenId = await tokenFor();
    const cases: [Parameters<ReturnType<typeof klarna>['setOrderFault']>[1], number, string][] = [
      ['PAYMENT_METHOD_FAILED', 422, 'PAYMENT_METHOD_FAILED'],
      ['UNAVAILABLE_PAYMENT_METHOD', 422, 'REAUTHORIZATION_REQUIRED'],
      ['PAYMENT_METHOD_CURRENCY_MISMATCH', 422, 'CURRENCY_MISMATCH'],
      ['TOKEN_FORBIDDEN', 422, 'TOKEN_NOT_CHARGEABLE'],
    ];
    for (const [fault, status, code] of cases) {
      klarna().setOrderFault(tokenId, fault);
      const answer = await charge(tokenId, `fault-${fault}`);
      expect({ fault, status: answer.status, code: answer.body.code, providerCode: answer.body.providerCode }).toEqual({
        fault,
        status,
        code,
        providerCode: fault,
      });
    }
    klarna().setOrderFault(tokenId, undefined);
    await api.call('DELETE', `/v1/klarna/customer-tokens/${tokenId}`);
    const cancelled = await charge(tokenId, 'after-cancel');
    expect(cancelled.body).toMatchObject({ code: 'TOKEN_NOT_CHARGEABLE', providerCode: 'TOKEN_CANCELLED' });
  });

  it('409 BAD_VALUE for data not matching the session, 404 SESSION_COMPLETED for a used authorization, 404 for an unknown session', async () => {
    const authorizationToken = await authorize(await openSession());
    const mismatch = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody(authorizationToken, { purchaseCurrency: 'EUR', purchaseCountry: 'IE', locale: 'en-IE' }),
    });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body).toMatchObject({ code: 'CONFLICT', providerCode: 'BAD_VALUE' });
    expect((await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) })).status).toBe(201);
    const used = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) });
    expect(used.status).toBe(404);
    expect(used.body.providerCode).toBe('SESSION_COMPLETED');
    expect((await api.call('GET', '/v1/klarna/sessions/no-such-session')).status).toBe(404);
  });

  it('429 from Klarna gives callers its X-Ratelimit-Reset as Retry-After', async () => {
    klarna().rateLimits.set({ enabled: true, perSecond: { createSession: 1 } });
    const answers = await Promise.all([1, 2, 3].map(() => api.call('POST', '/v1/klarna/sessions', { json: sampleSessionFields() })));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    const reset = klarna().exchanges.filter((e) => e.operation === 'createSession' && e.status === 429);
    expect(reset.length).toBe(limited.length);
    for (const answer of limited) {
      expect(answer.body).toMatchObject({ code: 'RATE_LIMITED', providerCode: 'RATE_LIMITED' });
      expect(answer.headers['retry-after']).toBe('1');
    }
  });

  it('the simulator route refuses an unknown session', async () => {
    const minted = await api.call('POST', '/v1/simulator/klarna/authorizations', { json: { sessionId: 'no-such-session' } });
    expect(minted.status).toBe(400);
    expect(minted.body.errors).toEqual([{ field: 'sessionId', message: 'is not a session of the simulator' }]);
  });
});

describe('Klarna create-token deadline (e2e)', () => {
  it('KLARNA_CREATE_TIMEOUT_MS lets a slow create finish where a read times out', async () => {
    const api = await startTestApi({ KLARNA_TIMEOUT_MS: '150', KLARNA_CREATE_TIMEOUT_MS: '5000' });
    try {
      const { authorizationToken } = api.simulators!.klarna.mintAuthorization();
      api.simulators!.klarna.faults.set({ latencyMs: 400 });
      expect((await api.call('GET', '/v1/klarna/customer-tokens/some-token')).status).toBe(504);
      expect((await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(authorizationToken) })).status).toBe(201);
    } finally {
      await api.close();
    }
  });

  it('refuses to start with a create deadline shorter than the others', async () => {
    await expect(startTestApi({ KLARNA_TIMEOUT_MS: '5000', KLARNA_CREATE_TIMEOUT_MS: '1000' })).rejects.toThrow(
      /KLARNA_CREATE_TIMEOUT_MS must not be shorter than KLARNA_TIMEOUT_MS/,
    );
  });
});
