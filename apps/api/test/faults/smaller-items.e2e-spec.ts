import { connect } from 'node:net';
import { customerTokenBody, mintAuthorization, startTestApi, type TestApi } from '../support/api-harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Smaller hardening items (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ METRICS_API_KEY: 'metrics-scraper-key-0123456789', RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '20' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('404 ROUTE_NOT_FOUND never echoes the path (it may hold ids or e-mail addresses)', async () => {
    const response = await api.call('GET', '/v1/customers/jane.doe@example.com/tokens/0d1f2e3c');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
    expect(response.text).not.toContain('jane.doe@example.com');
    expect(response.text).not.toContain('0d1f2e3c');
  });

  it('a client that aborts its upload is not logged as an unhandled error with a stack', async () => {
    const firstLine = api.logs.lines.length;
    const { hostname, port } = new URL(api.url);
    const socket = connect({ host: hostname, port: Number(port) });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /v1/klarna/customer-tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-api-key-0123456789abcdef\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"authorizationToken":',
    );
    await sleep(100);
    socket.destroy();
    await sleep(300);
    const lines = api.logs.lines.slice(firstLine).join('\n');
    expect(lines).not.toMatch(/Unhandled error/);
    expect(lines).not.toMatch(/"stack"|\n\s+at /);
  });

  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
  ])('refuses a %s control character in a free-text field with 400, and Klarna is never called', async (_name, character) => {
    const json = customerTokenBody(await mintAuthorization(api), { description: `Monthly${character}box` });
    const before = api.simulators!.klarna.ledger.length;
    const refused = await api.call('POST', '/v1/klarna/customer-tokens', { json });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'description', message: 'must not contain control characters' }],
    });
    expect(api.simulators!.klarna.ledger.length).toBe(before);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'refuses an unknown field named like Object.prototype.%s instead of ignoring it',
    async (name) => {
      const body = `{${JSON.stringify(name)}:1,"authorizationToken":"x"}`;
      const refused = await api.call('POST', '/v1/klarna/customer-tokens', { body, headers: { 'content-type': 'application/json' } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toContainEqual({ field: name, message: 'is not a known field' });
    },
  );

  it('customer-token answers carry Cache-Control: no-store', async () => {
    const created = await api.call('POST', '/v1/klarna/customer-tokens', { json: customerTokenBody(await mintAuthorization(api)) });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const read = await api.call('GET', `/v1/klarna/customer-tokens/${created.body.tokenId}`);
    expect(read.status).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
  });

  it('wrong METRICS_API_KEY guesses are rate limited like any request without a valid key', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 23; i++) answers.push((await api.call('GET', '/metrics', { apiKey: `wrong-guess-${i}-0123456789` })).status);
    expect(answers.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(answers.slice(20)).toContain(429);
  });

  it("requests from 11,000 distinct addresses do not flush a throttled key's bucket", async () => {
    // LOG_LEVEL=warn: 11,000 access lines of random request ids would only feed the log-leak check false matches.
    const limited = await startTestApi({ RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: '2', LOG_LEVEL: 'warn' });
    try {
      const fastify = limited.app.getHttpAdapter().getInstance();
      const asKey = () =>
        fastify.inject({
          method: 'POST',
          url: '/v1/zenki/access-tokens',
          headers: { authorization: 'Bearer test-api-key-0123456789abcdef' },
        });
      await asKey();
      await asKey();
      expect((await asKey()).statusCode).toBe(429);
      for (let i = 0; i < 11_000; i++) {
        await fastify.inject({ method: 'GET', url: '/nope', remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
      }
      expect((await asKey()).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  }, 30_000);
});
