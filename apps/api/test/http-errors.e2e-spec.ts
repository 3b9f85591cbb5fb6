import { startTestApi, type TestApi } from './support/api-harness';

describe('HTTP-level errors are problems too (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it.each(['/v1/klarna/customer-tokens', '/v1/zenki/access-tokens'])('malformed JSON on %s is a 400', async (path) => {
    const response = await api.call('POST', path, { body: '{"authorizationToken": ', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: 'MALFORMED_REQUEST',
      status: 400,
      type: 'https://paytokens.dev/problems/malformed-request',
    });
  });

  it('refuses prototype poisoning in JSON', async () => {
    const response = await api.call('POST', '/v1/zenki/access-tokens', {
      body: '{"__proto__": {"forceRefresh": true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('a %s body is a 415', async (contentType) => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', { body: 'a=b', headers: { 'content-type': contentType } });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
  });

  it('a body over 64 KiB is a 413', async () => {
    const response = await api.call('POST', '/v1/klarna/customer-tokens', {
      json: { description: 'x'.repeat(65 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });

  it.each([
    ['GET', '/nowhere'],
    ['GET', '/v1/klarna/customer-tokens'],
    ['PUT', '/v1/zenki/access-tokens'],
    ['GET', '/v2/zenki/access-tokens?secret=1'],
  ] as const)('%s %s is a 404 problem', async (method, path) => {
    const response = await api.call(method, path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404, title: 'Not Found' });
    expect(response.text).not.toContain('secret=1');
  });
});
