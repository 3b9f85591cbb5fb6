import { customerTokenBody, mintAuthorization, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type LogRecord = Record<string, unknown>;

describe('Structured logs and request ids (e2e)', () => {
  let api: TestApi;
  const accessLines = (): LogRecord[] => api.logs.records().filter((r) => r['msg'] === 'request completed');
  const lineOf = (reqId: string): LogRecord | undefined => accessLines().find((r) => r['reqId'] === reqId);

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('gives every request an id, echoed in X-Request-Id and on its access line', async () => {
    const first = await api.call('GET', '/v1/klarna/customer-tokens/unknown-token-id');
    const second = await api.call('POST', '/v1/zenki/access-tokens', { apiKey: null });
    const ids = [first, second].map((response) => response.headers['x-request-id'] as string);
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(lineOf(ids[0])).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/v1/klarna/customer-tokens/:tokenId',
      status: 404,
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(lineOf(ids[1])).toMatchObject({ level: 'info', route: '/v1/zenki/access-tokens', status: 401 });
  });

  it("logs the hot route's answers that went well at debug only (they are all counted in the metrics)", async () => {
    const ok = await api.call('POST', '/v1/zenki/access-tokens');
    expect(ok.status).toBe(200);
    expect(lineOf(ok.headers['x-request-id'] as string)).toBeUndefined();
    const refused = await api.call('POST', '/v1/zenki/access-tokens', { json: { forceRefresh: 'yes' } });
    expect(lineOf(refused.headers['x-request-id'] as string)).toMatchObject({ level: 'info', status: 400 });
  });

  it("keeps a caller's sane X-Request-Id and replaces one that is not", async () => {
    const kept = await api.call('GET', '/health/live', { headers: { 'x-request-id': 'upstream-trace:42' } });
    expect(kept.headers['x-request-id']).toBe('upstream-trace:42');
    for (const odd of ['x'.repeat(200), 'with space', '{"level":"fatal"}']) {
      const replaced = await api.call('GET', '/health/live', { headers: { 'x-request-id': odd } });
      expect(replaced.headers['x-request-id']).toMatch(UUID);
    }
  });

  it('writes one access line per request: route template, masked path, status, duration; never a body or a header', async () => {
    const authorizationToken = await mintAuthorization(api);
    const created = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: customerTokenBody(authorizationToken, { billingAddress: { givenName: 'Ada', email: 'ada@example.com', country: 'GB' } }),
    });
    expect(created.status).toBe(201);
    const tokenId = created.body.tokenId as string;
    const read = await api.call('GET', `/v1/klarna/customer-tokens/${tokenId}?expand=secret-query`);
    const line = lineOf(read.headers['x-request-id'] as string)!;
    expect(line).toEqual({
      level: 'info',
      time: expect.any(String),
      pid: process.pid,
      hostname: expect.any(String),
      reqId: read.headers['x-request-id'],
      method: 'GET',
      route: '/v1/klarna/customer-tokens/:tokenId',
      path: `/v1/klarna/customer-tokens/…${tokenId.slice(-4)}`,
      status: 200,
      durationMs: expect.any(Number),
      keyId: expect.any(String),
      msg: 'request completed',
    });
    const createLine = lineOf(created.headers['x-request-id'] as string)!;
    expect(createLine).toMatchObject({ route: '/v1/klarna/customer-tokens', status: 201 });
    const everything = api.logs.lines.join('\n');
    for (const value of [
      tokenId,
      authorizationToken,
      'ada@example.com',
      'Monthly box subscription',
      'secret-query',
      TEST_API_KEY,
      'Bearer',
      '"headers"',
      '"body"',
    ]) {
      expect(everything).not.toContain(value);
    }
  });

  it('masks whatever a request that matched no route had in its path', async () => {
    const response = await api.call('GET', '/v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f/extra/jane@example.com');
    expect(response.status).toBe(404);
    expect(lineOf(response.headers['x-request-id'] as string)).toMatchObject({
      route: 'unmatched',
      path: '/v1/klarna/customer-tokens/…5e6f/…/….com',
      status: 404,
    });
  });

  it('logs a provider call that failed at warn, with its outcome and status; one that went well only at debug', async () => {
    const klarna = api.simulators!.klarna;
    const before = api.logs.lines.length;
    const created = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(await mintAuthorization(api)) });
    expect(created.status).toBe(201);
    const since = (): LogRecord[] => api.logs.records().slice(before);
    // At info the request's own access line says the call went well (ADR 10).
    expect(since().filter((r) => r['msg'] === 'provider call')).toEqual([]);
    expect(since()).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'request completed', status: 201 })]));

    klarna.faults.set({ failNext: 1, failNextKind: 'error' });
    try {
      const failed = await api.call('GET', '/v1/klarna/customer-tokens/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f');
      expect(failed.status).toBeGreaterThanOrEqual(500);
    } finally {
      klarna.faults.reset();
    }
    const failure = since().filter((r) => r['msg'] === 'provider call failed');
    expect(failure).toEqual([
      expect.objectContaining({
        level: 'warn',
        provider: 'klarna',
        account: 'default',
        operation: 'read',
        outcome: 'PROVIDER_UNAVAILABLE',
        status: klarna.exchanges.at(-1)!.status,
        durationMs: expect.any(Number),
        // For Klarna's support: the failed call's correlation id is logged at every level but silent.
        correlationId: klarna.exchanges.at(-1)!.correlationId,
        attempt: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(failure)).not.toContain('7c5f3c58');
  });

  it('logs the Zenki token fetches (never a cache hit, never the token)', async () => {
    const fresh = await startTestApi();
    // One capture serves every app of this file: this app's lines are the ones after this point.
    const start = fresh.logs.lines.length;
    try {
      const token = (await fresh.call('POST', '/v1/zenki/access-tokens')).body.accessToken as string;
      await fresh.call('POST', '/v1/zenki/access-tokens');
      const own = fresh.logs.records().slice(start);
      expect(own.filter((r) => r['msg'] === 'access token fetched')).toEqual([
        expect.objectContaining({ level: 'info', provider: 'zenki', event: 'refresh', background: false, cached: true }),
      ]);
      expect(fresh.logs.lines.join('\n')).not.toContain(token.slice(0, 12));
    } finally {
      await fresh.close();
    }
  });

  it('logs probes and scrapes at debug only, so info stays readable', async () => {
    const probe = await api.call('GET', '/health/live', { apiKey: null });
    expect(lineOf(probe.headers['x-request-id'] as string)).toBeUndefined();
  });
});

describe('LOG_LEVEL (e2e)', () => {
  it('debug adds the probes, the hot route and the provider calls that went well; warn drops the access lines of answers that went well; silent writes nothing', async () => {
    const debug = await startTestApi({ LOG_LEVEL: 'debug' });
    const before = debug.logs.lines.length;
    try {
      const probe = await debug.call('GET', '/health/live', { apiKey: null });
      const token = await debug.call('POST', '/v1/zenki/access-tokens');
      const created = await debug.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(await mintAuthorization(debug)) });
      expect(created.status).toBe(201);
      const exchange = debug.simulators!.klarna.exchanges.at(-1)!;
      expect(debug.logs.records().slice(before)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ level: 'debug', reqId: probe.headers['x-request-id'], route: '/health/live' }),
          expect.objectContaining({ level: 'debug', reqId: token.headers['x-request-id'], route: '/v1/zenki/access-tokens', status: 200 }),
          // Every provider call that went well, with the provider's correlation id for its support.
          {
            level: 'debug',
            time: expect.any(String),
            pid: process.pid,
            hostname: expect.any(String),
            provider: 'klarna',
            account: 'default',
            operation: 'create',
            outcome: 'success',
            status: exchange.status,
            durationMs: expect.any(Number),
            correlationId: exchange.correlationId,
            attempt: 1,
            msg: 'provider call',
          },
        ]),
      );
    } finally {
      await debug.close();
    }
    for (const level of ['warn', 'silent']) {
      const quiet = await startTestApi({ LOG_LEVEL: level });
      const start = quiet.logs.lines.length;
      try {
        expect((await quiet.call('POST', '/v1/zenki/access-tokens')).status).toBe(200);
        expect((await quiet.call('POST', '/v1/zenki/access-tokens', { apiKey: null })).status).toBe(401);
        expect(quiet.logs.lines.slice(start)).toEqual([]);
      } finally {
        await quiet.close();
      }
    }
  });

  it('refuses an unknown level at start-up, naming the variable', async () => {
    await expect(startTestApi({ LOG_LEVEL: 'verbose' })).rejects.toThrow(
      /LOG_LEVEL must be one of silent, fatal, error, warn, info, debug, trace/,
    );
  });
});
