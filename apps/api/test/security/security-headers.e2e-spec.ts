import { connect } from 'node:net';
import { startTestApi, type TestApi } from '../support/api-harness';

/** Sends raw bytes (what an HTTP client would refuse to send) and reads the whole answer. */
function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** The directives of a Content-Security-Policy header. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('Security headers, body limit, malformed HTTP (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it("sends helmet's headers on API answers, errors included, with the CSP an API wants", async () => {
    for (const response of [
      await api.call('POST', '/v1/zenki/access-tokens'),
      await api.call('POST', '/v1/zenki/access-tokens', { apiKey: null }),
      await api.call('GET', '/nowhere'),
    ]) {
      expect(response.headers).toMatchObject({
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves /docs with a CSP that lets Swagger UI load every asset it names from this origin, and run no inline script', async () => {
    const page = await api.call('GET', '/docs', { apiKey: null });
    expect(page.status).toBe(200);
    const csp = directives(page.headers['content-security-policy'] as string);
    expect(csp).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
    expect(csp['style-src']).toEqual(expect.arrayContaining(["'self'"]));
    expect(csp['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:']));
    expect(page.headers['x-frame-options']).toBe('DENY');

    // Every script is an external file (script-src 'self' allows no inline script) on this origin.
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      expect(attributes).toMatch(/src="\/docs\//);
    }
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/docs\//);
      const response = await api.call('GET', asset, { apiKey: null });
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      expect(response.headers['content-type']).toMatch(/^(application\/javascript|text\/css|image\/png)/);
    }
    // The initializer fetches the OpenAPI document from this origin (connect-src 'self').
    const initializer = await api.call('GET', '/docs/swagger-initializer.js', { apiKey: null });
    expect(initializer.text).toContain('url: "/docs/openapi.json"');
    expect((await api.call('GET', '/docs/openapi.json', { apiKey: null })).status).toBe(200);
  });

  it('refuses a body over the limit with 413 before the handler runs', async () => {
    const calls = api.simulators!.zenki.tokenRequests;
    const response = await api.call('POST', '/v1/zenki/access-tokens', {
      body: `{"forceRefresh":true,"pad":"${'x'.repeat(70_000)}"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(api.simulators!.zenki.tokenRequests).toBe(calls);
  });

  it("answers what Node's HTTP parser refuses as problem+json too, and closes the connection", async () => {
    const control = await rawRequest(api.url, 'POST /v1/zenki/access-tokens HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0001b\r\n\r\n');
    expect(control).toMatch(/^HTTP\/1\.1 400 /);
    expect(control).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(control.slice(control.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });

    const huge = await rawRequest(api.url, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toMatch(/"code":"MALFORMED_REQUEST"/);
  });
});
