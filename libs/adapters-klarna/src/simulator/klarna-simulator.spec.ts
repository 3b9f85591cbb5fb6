import { ManualClock } from '@paytokens/domain';
import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from './klarna-simulator';

describe('KlarnaSimulator over raw HTTP', () => {
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  let simulator: KlarnaSimulator;
  const basic = (user = SIMULATOR_USERNAME, password = SIMULATOR_PASSWORD) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const call = async (method: string, path: string, body?: unknown, authorization: string | null = basic()) => {
    const response = await fetch(`${simulator.url}${path}`, {
      method,
      headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  const minimal = { purchase_country: 'GB', purchase_currency: 'GBP', locale: 'en-GB', description: 'Plan', intended_use: 'SUBSCRIPTION' };

  beforeAll(async () => {
    simulator = await KlarnaSimulator.start({ clock });
  });
  afterAll(() => simulator.close());

  it('listens on loopback', () => {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('mints authorizations over HTTP: 201 with the token and its expiry by the simulator clock', async () => {
    const minted = await call('POST', '/simulator/authorizations', undefined, null);
    expect(minted.status).toBe(201);
    expect(minted.body).toEqual({ authorization_token: expect.any(String), expires_at: new Date(clock.now() + 3_600_000).toISOString() });

    const created = await call('POST', `/payments/v1/authorizations/${minted.body.authorization_token}/customer-token`, minimal);
    expect(created.status).toBe(200);
    const ledger = await call('GET', '/simulator/ledger', undefined, null);
    expect(ledger.body.tokens).toContainEqual(
      expect.objectContaining({ tokenId: created.body.token_id, status: 'ACTIVE', request: minimal }),
    );
  });

  it('mints with a chosen payment method over HTTP, and refuses an unknown one', async () => {
    const minted = await call('POST', '/simulator/authorizations', { payment_method_type: 'DIRECT_DEBIT' });
    const created = await call('POST', `/payments/v1/authorizations/${minted.body.authorization_token}/customer-token`, minimal);
    const read = await call('GET', `/customer-token/v1/tokens/${created.body.token_id}`);
    expect(read.body).toEqual({
      status: 'ACTIVE',
      payment_method_type: 'DIRECT_DEBIT',
      direct_debit: { masked_number: expect.stringMatching(/^\*+\d{4}$/) },
    });
    expect((await call('POST', '/simulator/authorizations', { payment_method_type: 'BITCOIN' })).status).toBe(400);
  });

  it('answers 401 without a JSON body to missing or wrong credentials [K31], before looking at anything else', async () => {
    for (const authorization of [null, basic('PK_sim_user', 'nope'), basic('someone', SIMULATOR_PASSWORD), 'Bearer abc']) {
      const answer = await call('GET', '/customer-token/v1/tokens/whatever', undefined, authorization);
      expect(answer.status).toBe(401);
      expect(answer.body).toBeUndefined();
      expect(answer.headers.get('content-type')).toBeNull();
    }
  });

  it('accepts other credentials when started with them', async () => {
    const other = await KlarnaSimulator.start({ username: 'PK_other', password: 'other-password' });
    try {
      const ok = await fetch(`${other.url}/customer-token/v1/tokens/x`, {
        headers: { authorization: basic('PK_other', 'other-password') },
      });
      expect(ok.status).toBe(404);
      const refused = await fetch(`${other.url}/customer-token/v1/tokens/x`, { headers: { authorization: basic() } });
      expect(refused.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('serves several accounts, each with its own credentials, once they are added', async () => {
    const shared = await KlarnaSimulator.start();
    try {
      const read = (user?: string, password?: string) =>
        fetch(`${shared.url}/customer-token/v1/tokens/x`, { headers: { authorization: basic(user, password) } }).then((r) => r.status);
      expect(await read('PK_na', 'na-password')).toBe(401);
      shared.addAccount('PK_na', 'na-password');
      expect([await read(), await read('PK_na', 'na-password')]).toEqual([404, 404]);
      expect(await read('PK_na', 'sim-password')).toBe(401);
      expect(() => shared.addAccount('PK:na', 'x')).toThrow(RangeError);
    } finally {
      await shared.close();
    }
  });

  it('answers 400 BAD_REQUEST to a body that is not JSON, and BAD_VALUE to a bad status', async () => {
    const token = simulator.mintAuthorization().authorizationToken;
    expect((await call('POST', `/payments/v1/authorizations/${token}/customer-token`, '{oops')).body).toMatchObject({
      error_code: 'BAD_REQUEST',
    });
    const cancelled = await call('PATCH', '/customer-token/v1/tokens/x/status', { status: 'PAUSED' });
    expect(cancelled).toMatchObject({
      status: 400,
      body: { error_code: 'BAD_VALUE', error_messages: ['Bad value: status (must be one of CANCELLED)'] },
    });
  });

  it('answers unknown paths with 404 and wrong methods with 405, each with a correlation id', async () => {
    const unknown = await call('GET', '/payments/v1/orders');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('klarna-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const wrongMethod = await call('DELETE', '/customer-token/v1/tokens/abc');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('returns the fault switches over HTTP and refuses bad ones', async () => {
    expect((await call('GET', '/simulator/faults')).body).toMatchObject({ latencyMs: 0, errorRate: 0 });
    expect((await call('PUT', '/simulator/faults', { latencyMs: 'slow' })).status).toBe(400);
    expect((await call('PUT', '/simulator/faults', '[]')).status).toBe(400);
  });

  it('counts requests per operation', async () => {
    simulator.clearRecords();
    await call('GET', '/customer-token/v1/tokens/a');
    await call('GET', '/customer-token/v1/tokens/b');
    await call('PATCH', '/customer-token/v1/tokens/b/status', { status: 'CANCELLED' });
    expect(simulator.requestCounts).toMatchObject({ create: 0, read: 2, cancel: 1, createOrder: 0 });
  });

  it('closes while a request is stalled', async () => {
    const stalling = await KlarnaSimulator.start();
    stalling.faults.set({ stallRate: 1 });
    const pending = fetch(`${stalling.url}/customer-token/v1/tokens/x`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stalling.close();
    expect(await pending).toBe('failed');
  });
});
