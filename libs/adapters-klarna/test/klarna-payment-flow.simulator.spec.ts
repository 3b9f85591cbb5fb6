import { CustomerTokenRequest, ProviderTimeoutError, ProviderUnavailableError } from '@paytokens/domain';
import { ScriptedServer } from '@paytokens/testing';
import { createKlarna, type KlarnaServices } from '../src/lib/create-klarna';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '../src/simulator';
import { minimalInput } from './support/customer-token-requests';
import { chargeRequest, sessionRequest } from './support/flow-requests';

const credentials = { username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD };

describe('Klarna recurring flow through the gateways, against the simulator', () => {
  let simulator: KlarnaSimulator;
  let klarna: KlarnaServices;

  beforeAll(async () => {
    simulator = await KlarnaSimulator.start();
    klarna = createKlarna({ ...credentials, baseUrl: simulator.url, circuitBreaker: false });
  });
  afterAll(async () => {
    await klarna.close();
    await simulator.close();
  });
  beforeEach(() => {
    simulator.faults.reset();
    simulator.rateLimits.reset();
    simulator.flow.merchantInactive = false;
    simulator.flow.notTokenizable.clear();
  });

  /** A session of `intent`, authorized by the simulated shopper, and a token created from it. */
  async function tokenFromSession(intent = 'tokenize') {
    const session = await klarna.createSession.execute(sessionRequest({ intent }));
    const { authorizationToken } = simulator.authorizeSession(session.sessionId, { paymentMethodType: 'CARD' });
    const tokenRequest = CustomerTokenRequest.create(minimalInput(authorizationToken));
    return { session, authorizationToken, tokenRequest };
  }

  it('session → authorization → token → two charges (one after a lost answer) → one order per charge', async () => {
    const { session, tokenRequest } = await tokenFromSession();
    expect(session).toMatchObject({
      sessionId: expect.any(String),
      clientToken: expect.any(String),
      paymentMethodCategories: [{ identifier: 'pay_later' }, { identifier: 'pay_over_time' }],
    });
    expect(await klarna.readSession.execute(session.sessionId)).toMatchObject({
      status: 'complete',
      intent: 'tokenize',
      purchaseCountry: 'GB',
      orderAmount: 2500,
    });
    const { token } = await klarna.issue.execute(tokenRequest);
    const ordersBefore = simulator.orderLedger.length;

    const first = await klarna.charge.execute(chargeRequest(token.tokenId), { idempotencyKey: 'period-1' });
    simulator.faults.set({ failNext: 1, failNextKind: 'resetAfterProcessing' });
    const second = await klarna.charge.execute(chargeRequest(token.tokenId, { merchantReference1: 'renewal-2' }), {
      idempotencyKey: 'period-2',
    });

    const orders = simulator.orderLedger.slice(ordersBefore);
    expect(orders.map((o) => o.orderId)).toEqual([first.order.orderId, second.order.orderId]);
    expect(second.order).toMatchObject({
      fraudStatus: 'ACCEPTED',
      authorizedPaymentMethod: { type: 'card' },
      redirectUrl: expect.stringContaining(second.order.orderId),
    });
    // The lost attempt and its retry carried the same derived Klarna-Idempotency-Key.
    const keys = simulator.exchanges.filter((e) => e.operation === 'createOrder').map((e) => e.requestHeaders['klarna-idempotency-key']);
    expect(keys.slice(-2)[0]).toBe(keys.slice(-2)[1]);
    expect(keys.slice(-3)[0]).not.toBe(keys.slice(-2)[0]);
    expect(keys.every((k) => /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(k))).toBe(true);
  });

  it('a timeout on a charge is retried once with the same key: still one order', async () => {
    const { tokenRequest } = await tokenFromSession();
    const { token } = await klarna.issue.execute(tokenRequest);
    const slow = createKlarna({ ...credentials, baseUrl: simulator.url, circuitBreaker: false, timeoutMs: 150 });
    try {
      const before = simulator.orderLedger.length;
      simulator.faults.set({ latencyMs: 400 });
      const error = await slow.charge.execute(chargeRequest(token.tokenId), { idempotencyKey: 'slow-1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderTimeoutError);
      expect(simulator.requestCounts.createOrder).toBeGreaterThanOrEqual(2);
      simulator.faults.reset();
      // Both attempts reached Klarna; it placed one order for the key, which the caller's retry now gets.
      const retried = await slow.charge.execute(chargeRequest(token.tokenId), { idempotencyKey: 'slow-1' });
      expect(simulator.orderLedger.slice(before).map((o) => o.orderId)).toEqual([retried.order.orderId]);
    } finally {
      await slow.close();
    }
  });

  it('cancels an unused authorization (204), then Klarna no longer knows it', async () => {
    const { authorizationToken, tokenRequest } = await tokenFromSession();
    await expect(klarna.cancelAuthorization.execute(authorizationToken)).resolves.toBeUndefined();
    await expect(klarna.cancelAuthorization.execute(authorizationToken)).rejects.toMatchObject({ code: 'NOT_FOUND', providerStatus: 404 });
    await expect(klarna.issue.execute(tokenRequest)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const path = simulator.exchanges.filter((e) => e.operation === 'cancelAuthorization').at(-1)!.path;
    expect(path).not.toContain(authorizationToken);
  });

  it('maps the token-order refusals to the domain reasons, keeping Klarna code and correlation id', async () => {
    const { tokenRequest } = await tokenFromSession();
    const { token } = await klarna.issue.execute(tokenRequest);
    const cases: [Parameters<KlarnaSimulator['setOrderFault']>[1], object][] = [
      ['PAYMENT_METHOD_FAILED', { code: 'REJECTED', reason: 'CHARGE_RETRYABLE' }],
      ['UNAVAILABLE_PAYMENT_METHOD', { code: 'REJECTED', reason: 'REAUTHORIZATION_REQUIRED' }],
      ['PAYMENT_METHOD_CURRENCY_MISMATCH', { code: 'REJECTED', reason: 'CURRENCY_MISMATCH' }],
      ['TOKEN_FORBIDDEN', { code: 'REJECTED', reason: 'TOKEN_NOT_CHARGEABLE' }],
      ['SERVICE_UNAVAILABLE', { code: 'PROVIDER_UNAVAILABLE' }],
    ];
    for (const [fault, expected] of cases) {
      simulator.setOrderFault(token.tokenId, fault);
      const error = await klarna.charge
        .execute(chargeRequest(token.tokenId), { idempotencyKey: `fault-${fault}` })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        ...expected,
        provider: 'klarna',
        providerCode: fault,
        correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
    simulator.setOrderFault(token.tokenId, undefined);
    simulator.setTokenStatus(token.tokenId, 'SUSPENDED');
    await expect(klarna.charge.execute(chargeRequest(token.tokenId), { idempotencyKey: 'suspended' })).rejects.toMatchObject({
      reason: 'TOKEN_NOT_CHARGEABLE',
      providerCode: 'TOKEN_SUSPENDED',
    });
    await expect(klarna.charge.execute(chargeRequest('no-such-token'), { idempotencyKey: 'unknown' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      reason: 'TOKEN_NOT_FOUND',
      providerCode: 'TOKEN_NOT_FOUND',
    });
  });

  it('maps the create-token refusals: intent buy, a method that cannot be tokenized, an inactive merchant', async () => {
    const buy = await tokenFromSession('buy');
    await expect(klarna.issue.execute(buy.tokenRequest)).rejects.toMatchObject({
      code: 'REJECTED',
      reason: 'TOKENIZATION_NOT_ALLOWED',
      providerCode: 'INVALID_OPERATION',
      providerStatus: 403,
    });
    simulator.flow.notTokenizable.add('CARD');
    const card = await tokenFromSession();
    await expect(klarna.issue.execute(card.tokenRequest)).rejects.toMatchObject({
      code: 'REJECTED',
      reason: 'PAYMENT_METHOD_NOT_TOKENIZABLE',
      providerCode: 'BAD_REQUEST',
    });
    simulator.flow.merchantInactive = true;
    await expect(klarna.createSession.execute(sessionRequest())).rejects.toMatchObject({
      code: 'PROVIDER_AUTHENTICATION_FAILED',
      providerCode: 'MERCHANT_INACTIVE',
    });
    await expect(klarna.issue.execute((await tokenFromSessionWhileInactive()).tokenRequest)).rejects.toMatchObject({
      reason: 'MERCHANT_INACTIVE',
    });
  });

  /** The simulator refuses sessions while inactive, so the session is opened before switching it back on. */
  async function tokenFromSessionWhileInactive() {
    simulator.flow.merchantInactive = false;
    const minted = await tokenFromSession();
    simulator.flow.merchantInactive = true;
    return minted;
  }

  it('shares one pool and one circuit with the customer-token gateway: closing the account closes every gateway', async () => {
    const own = createKlarna({ ...credentials, baseUrl: simulator.url });
    await own.close();
    await expect(own.createSession.execute(sessionRequest())).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(own.charge.execute(chargeRequest('some-token'), { idempotencyKey: 'closed' })).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
  });
});

describe('Klarna rate limits and deadlines on the new operations', () => {
  it('a 429 gives the true wait from X-Ratelimit-Reset (and Retry-After wins when both come)', async () => {
    const server = await ScriptedServer.start({
      status: 429,
      headers: { 'content-type': 'application/json', 'x-ratelimit-reset': '7' },
      body: '{"error_code":"RATE_LIMITED","error_messages":["Too many requests"]}',
    });
    const klarna = createKlarna({ ...credentials, baseUrl: server.url, circuitBreaker: false });
    try {
      await expect(klarna.charge.execute(chargeRequest('token-1'), { idempotencyKey: 'k' })).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: 7,
      });
      await expect(klarna.createSession.execute(sessionRequest())).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
      server.answer({ status: 429, headers: { 'x-ratelimit-reset': '7', 'retry-after': '3' } });
      await expect(klarna.readSession.execute('session-1')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3 });
      server.answer({ status: 429 });
      await expect(klarna.readSession.execute('session-1')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: undefined });
    } finally {
      await klarna.close();
      await server.close();
    }
  });

  it('the simulator rate-limit mode: 429 RATE_LIMITED with its X-Ratelimit-Reset as the wait', async () => {
    const simulator = await KlarnaSimulator.start();
    const klarna = createKlarna({ ...credentials, baseUrl: simulator.url, circuitBreaker: false });
    try {
      simulator.rateLimits.set({ enabled: true, perSecond: { createSession: 1 } });
      const results = await Promise.allSettled([1, 2, 3].map(() => klarna.createSession.execute(sessionRequest())));
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const error of refused)
        expect(error).toMatchObject({ code: 'RATE_LIMITED', providerCode: 'RATE_LIMITED', retryAfterSeconds: 1 });
    } finally {
      await klarna.close();
      await simulator.close();
    }
  });

  it('creating a token waits createTimeoutMs, longer than read and charge', async () => {
    const simulator = await KlarnaSimulator.start();
    const klarna = createKlarna({ ...credentials, baseUrl: simulator.url, circuitBreaker: false, timeoutMs: 150, createTimeoutMs: 3000 });
    try {
      expect(klarna.options).toMatchObject({ timeoutMs: 150, createTimeoutMs: 3000 });
      const { authorizationToken } = simulator.mintAuthorization();
      simulator.faults.set({ latencyMs: 400 });
      await expect(klarna.read.execute('any-token')).rejects.toBeInstanceOf(ProviderTimeoutError);
      const tokenRequest = CustomerTokenRequest.create(minimalInput(authorizationToken));
      await expect(klarna.issue.execute(tokenRequest)).resolves.toMatchObject({ token: { tokenId: expect.any(String) } });
    } finally {
      await klarna.close();
      await simulator.close();
    }
  });
});
