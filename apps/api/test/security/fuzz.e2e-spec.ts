import { connect } from 'node:net';
import fc from 'fast-check';
import { Client } from 'undici';
import { customerTokenBody, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-harness';

// Fixed seed and bounded runs: the same few thousand requests on every run, in well under a minute.
const SEED = 20_260_101;
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
// 3,000 requests take about 4 s on an idle 2-core machine: Jest's 5 s default fails it whenever the machine is busy.
jest.setTimeout(30_000);
const KLARNA = '/v1/klarna/customer-tokens';
const ZENKI = '/v1/zenki/access-tokens';
// The count bounds the suite; the time limit only stops a hang (a busy 2-core CI machine needs more than Jest's 5 s).
jest.setTimeout(120_000);
const MINT = '/v1/simulator/klarna/authorizations';

interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string | string[]>;
  body?: string;
}

const bearer = { authorization: `Bearer ${TEST_API_KEY}` };
const json = { ...bearer, 'content-type': 'application/json' };

// ---- Bodies that must be refused -------------------------------------------------------------------------

/** Text that is not JSON at all: cut-off documents, stray characters, any unicode. */
const malformedJson = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }).filter((text) => text.trim() !== '' && !parses(text)),
  fc
    .jsonValue({ maxDepth: 3 })
    .map((value) => JSON.stringify({ v: value }))
    .chain((text) => fc.integer({ min: 1, max: text.length - 1 }).map((cut) => text.slice(0, cut))),
  fc.constantFrom('{', '{"a":', "{'a': 1}", '{"a":1,}', '[1,2', 'NaN', '{"a":01}', '\u0000', '{"a":"\\x"}', '{"a":1}{"b":2}'),
);

/** JSON whose parsing itself is refused: prototype poisoning. */
const poisoned = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((value) => `{"__proto__": ${JSON.stringify(value ?? null)}}`),
  fc.jsonValue({ maxDepth: 2 }).map((value) => `{"a": 1, "constructor": {"prototype": ${JSON.stringify(value ?? null)}}}`),
  fc.constantFrom('{"__proto__": {"forceRefresh": true}}', '{"billingAddress": {"__proto__": {"isAdmin": true}}}'),
);

const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 300 }));
const longString = fc.integer({ min: 256, max: 3000 }).map((n) => 'é'.repeat(n));
const requiredFields = ['authorizationToken', 'purchaseCountry', 'purchaseCurrency', 'locale', 'description', 'intendedUse'] as const;

/** A customer-token body broken in at least one way: a field missing, mistyped, too long, unknown, or no object at all. */
const invalidCustomerTokenBody = fc.oneof(
  fc.constantFrom(...requiredFields).map((field) => {
    const body = customerTokenBody('fuzz-authorization-token');
    delete body[field];
    return JSON.stringify(body);
  }),
  fc
    .tuple(
      fc.constantFrom(...requiredFields, 'billingAddress', 'customer'),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })),
    )
    .map(([field, value]) => JSON.stringify(customerTokenBody('fuzz-authorization-token', { [field]: value }))),
  fc
    .tuple(fc.constantFrom('authorizationToken', 'description', 'purchaseCountry', 'locale'), longString)
    .map(([field, value]) =>
      JSON.stringify(
        customerTokenBody(
          field === 'authorizationToken' ? 'x'.repeat(1025) : 'fuzz-authorization-token',
          field === 'authorizationToken' ? {} : { [field]: value },
        ),
      ),
    ),
  fc
    .tuple(
      fc
        .string({ unit: 'binary', minLength: 1, maxLength: 20 })
        .filter((key) => !['__proto__', ...requiredFields, 'billingAddress', 'customer'].includes(key)),
      anyValue,
    )
    .map(([key, value]) => JSON.stringify(customerTokenBody('fuzz-authorization-token', { [key]: value }))),
  fc
    .tuple(
      fc.constantFrom('email', 'country', 'planet', 'phone'),
      anyValue.filter((v) => typeof v !== 'string'),
    )
    .map(([key, value]) => JSON.stringify(customerTokenBody('fuzz-authorization-token', { billingAddress: { [key]: value } }))),
  fc
    .constantFrom('GB', 'G', '12', 'gbr', '🇬🇧')
    .map((country) =>
      JSON.stringify(customerTokenBody('fuzz-authorization-token', { purchaseCountry: country, purchaseCurrency: 'XXX', locale: '??' })),
    ),
  anyValue.filter((value) => value === null || typeof value !== 'object' || Array.isArray(value)).map((value) => JSON.stringify(value)),
);

/** A Zenki body that is neither empty, `{}`, nor `{ "forceRefresh": <boolean> }`. */
const invalidZenkiBody = fc.oneof(
  anyValue.filter((value) => !isValidZenkiBody(value)).map((value) => JSON.stringify(value)),
  fc
    .tuple(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter((key) => key !== 'forceRefresh' && key !== '__proto__'),
      anyValue,
    )
    .map(([key, value]) => JSON.stringify({ [key]: value })),
);

/** A mint body with something wrong. */
const invalidMintBody = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('paymentMethodType', 'purchaseCountry', 'purchaseCurrency'),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant('not-a-code-at-all')),
    )
    .map(([key, value]) => JSON.stringify({ [key]: value })),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 10 })
    .filter((key) => !['paymentMethodType', 'purchaseCountry', 'purchaseCurrency', '__proto__'].includes(key))
    .map((key) => JSON.stringify({ [key]: 1 })),
);

// ---- Headers and paths that must be refused --------------------------------------------------------------

/** Credentials that are not a configured key: wrong schemes, near misses, junk, a good key sent second. */
const badAuthorization = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    `Basic ${Buffer.from(`user:${TEST_API_KEY}`).toString('base64')}`,
    `Bearer ${TEST_API_KEY}x`,
    `Bearer ${TEST_API_KEY.toUpperCase()}`,
    `Token ${TEST_API_KEY}`,
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((text) => `Bearer ${text.trim() || 'x'}-not-a-key`),
  fc.integer({ min: 1_000, max: 12_000 }).map((n) => `Bearer ${'k'.repeat(n)}`),
  fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 })
    .map((junk) => [`Bearer ${junk}-bad-key-first`, `Bearer ${TEST_API_KEY}`]),
);

const wrongContentType = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/jsonp',
  'image/png',
  'application/vnd.api+xml',
);

/** A token id the domain refuses (a character outside [A-Za-z0-9._~-], a dot segment), percent-encoded into the path. */
const invalidTokenIdSegment = fc.oneof(
  fc
    .tuple(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }).filter((s) => /[^A-Za-z0-9._~-]/.test(s)),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    )
    .map(([before, bad, after]) => encodeURIComponent(`${before}${bad}${after}`)),
  fc.constantFrom('%2E', '%2e%2E', '..%2F..%2Fetc%2Fpasswd', 'a%2Fb', '%00', 'a%20b', 'a;b', '%F0%9F%92%A3', 'tok%0Aen', '%25'),
);

/** Paths no route has: very long ids, extra segments, encoded slashes, dot segments, odd characters. */
const oddPath = fc.oneof(
  fc.integer({ min: 101, max: 3000 }).map((n) => `${KLARNA}/${'a'.repeat(n)}`),
  fc.constantFrom(
    `${KLARNA}/a/b`,
    `${KLARNA}/..`,
    `${KLARNA}/../../health/live`,
    `${KLARNA}%2Fabc`,
    `/v1/klarna/customer-tokens//`,
    '/v1/%2e%2e/%2e%2e/',
    '/v1//zenki/access-tokens/',
    '/v1/zenki/access-tokens/extra',
    '/v2/zenki/access-tokens',
    '/%2e%2e%2f',
    '/.env',
    '/metrics/x',
    `${KLARNA}/%zz`,
    '/%E0%A4%A',
    `${KLARNA}/%`,
  ),
  fc.webPath().map((path) => `/v1${path.startsWith('/') ? path : `/${path}`}/zz-no-route`),
);

/** Every kind of invalid request, on every route. */
const invalidRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  invalidCustomerTokenBody.map((body) => ({ method: 'POST' as const, path: KLARNA, headers: json, body })),
  invalidZenkiBody.map((body) => ({ method: 'POST' as const, path: ZENKI, headers: json, body })),
  invalidMintBody.map((body) => ({ method: 'POST' as const, path: MINT, headers: json, body })),
  fc
    .tuple(fc.constantFrom(KLARNA, ZENKI, MINT), fc.oneof(malformedJson, poisoned))
    .map(([path, body]) => ({ method: 'POST' as const, path, headers: json, body })),
  fc.tuple(fc.constantFrom(KLARNA, ZENKI, MINT), wrongContentType, fc.string({ maxLength: 100 })).map(([path, type, body]) => ({
    method: 'POST' as const,
    path,
    headers: { ...bearer, 'content-type': type },
    body: body || 'x',
  })),
  fc.tuple(fc.constantFrom(KLARNA, ZENKI), fc.integer({ min: 65 * 1024, max: 90 * 1024 })).map(([path, size]) => ({
    method: 'POST' as const,
    path,
    headers: json,
    body: JSON.stringify({ description: 'x'.repeat(size) }),
  })),
  fc
    .tuple(fc.constantFrom(KLARNA, ZENKI, MINT, `${KLARNA}/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f`), badAuthorization)
    .map(([path, authorization]) => ({
      method: path === `${KLARNA}/7c5f3c58-3d4e-4f6c-9a2f-1e2b3c4d5e6f` ? ('GET' as const) : ('POST' as const),
      path,
      headers: { authorization, 'content-type': 'application/json' },
      body:
        path.startsWith(KLARNA) && !path.includes('7c5f')
          ? JSON.stringify(customerTokenBody('fuzz-authorization-token'))
          : path === ZENKI
            ? '{"forceRefresh":true}'
            : undefined,
    })),
  fc
    .oneof(
      fc.integer({ min: 256, max: 4000 }).map((n) => 'k'.repeat(n)),
      fc.constant(''),
      fc.constant('é-not-ascii'),
    )
    .map((key) => ({
      method: 'POST' as const,
      path: KLARNA,
      headers: { ...json, 'idempotency-key': key },
      body: JSON.stringify(customerTokenBody('fuzz-authorization-token')),
    })),
  fc.constant<FuzzRequest>({
    method: 'POST',
    path: KLARNA,
    headers: { ...json, 'idempotency-key': ['one', 'two'] },
    body: JSON.stringify(customerTokenBody('fuzz-authorization-token')),
  }),
  fc
    .tuple(fc.constantFrom('GET' as const, 'DELETE' as const), invalidTokenIdSegment)
    .map(([method, id]) => ({ method, path: `${KLARNA}/${id}`, headers: bearer })),
  fc
    .tuple(fc.constantFrom('GET' as const, 'POST' as const, 'DELETE' as const, 'PUT' as const), oddPath)
    .map(([method, path]) => ({ method, path, headers: bearer })),
  fc
    .tuple(
      fc.constantFrom('PUT' as const, 'PATCH' as const, 'DELETE' as const, 'POST' as const),
      fc.constantFrom('/health/live', '/health/ready', '/metrics', '/docs', '/docs/openapi.json', ZENKI, KLARNA),
    )
    .filter(([method, path]) => !(method === 'POST' && (path === ZENKI || path === KLARNA)))
    .map(([method, path]) => ({ method, path, headers: bearer })),
);

/** Header bytes no HTTP client would send (control characters, broken lines, oversized): refused by Node's parser. */
const malformedHttp = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('X-Odd', 'Authorization', 'Idempotency-Key', 'Content-Type'),
      fc.integer({ min: 0, max: 31 }).filter((c) => c !== 9),
      fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
    )
    .map(
      ([name, code, text]) =>
        `POST ${ZENKI} HTTP/1.1\r\nHost: fuzz\r\n${name}: a${String.fromCharCode(code)}${text}\r\nContent-Length: 0\r\n\r\n`,
    ),
  fc.constantFrom(
    `POST ${ZENKI} HTTP/1.1\r\nHost: fuzz\r\nBad Header: x\r\n\r\n`,
    `POST ${ZENKI} HTTP/1.1\r\nHost: fuzz\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello`,
    `POST ${ZENKI} HTTP/1.1\r\nHost: fuzz\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
    `GET /v1/klarna/customer-tokens/a b HTTP/1.1\r\nHost: fuzz\r\n\r\n`,
    `GET /\u0001 HTTP/1.1\r\nHost: fuzz\r\n\r\n`,
    `GET ${ZENKI} HTTP/9.9\r\nHost: fuzz\r\n\r\n`,
    `POST ${ZENKI} HTTP/1.1\r\nHost: fuzz\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
  ),
);

describe('Fuzzing every route with malformed requests (e2e, fast-check)', () => {
  let api: TestApi;
  let client: Client;
  const providerCalls = (): number => {
    const { klarna, zenki } = api.simulators!;
    const counts = klarna.requestCounts;
    return counts.create + counts.read + counts.cancel + zenki.tokenRequests + zenki.apiRequests;
  };

  beforeAll(async () => {
    // No rate limit here: thousands of requests from one key is what this suite is for.
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '0' });
    client = new Client(api.url, { pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
  });

  afterAll(async () => {
    await client.close();
    await api.close();
  });

  it('answers every invalid request with a 4xx problem+json, never a 5xx, and never calls a provider', async () => {
    const before = providerCalls();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(invalidRequest, async (request) => {
        const response = await client.request({ method: request.method, path: request.path, headers: request.headers, body: request.body });
        const text = await response.body.text();
        seen.set(response.statusCode, (seen.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode < 400 || response.statusCode >= 500)
          throw new Error(`${response.statusCode} ${text.slice(0, 200)} for ${summary(request)}`);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = JSON.parse(text);
        expect(problem).toMatchObject({
          status: response.statusCode,
          code: expect.any(String),
          type: expect.stringMatching(/^https:\/\/paytokens\.dev\/problems\//),
        });
        expect(providerCalls()).toBe(before);
      }),
      { seed: SEED, numRuns: RUNS * 6, endOnFailure: true },
    );
    // The generators reach the refusals they are meant to: validation, authentication, parsing, size, type and routing.
    for (const status of [400, 401, 404, 413, 415]) expect(seen.get(status) ?? 0).toBeGreaterThan(0);
  }, 60_000); // hundreds of requests: Jest's 5 s default fails it on a loaded machine, with or without a bug

  it("answers header bytes Node's parser refuses with a problem+json 4xx too", async () => {
    const before = providerCalls();
    await fc.assert(
      fc.asyncProperty(malformedHttp, async (bytes) => {
        const answer = await rawRequest(api.url, bytes);
        const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1]);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(answer).toMatch(/\r\ncontent-type: application\/problem\+json/i);
      }),
      { seed: SEED, numRuns: RUNS / 2 },
    );
    expect(providerCalls()).toBe(before);
  });
});

function isValidZenkiBody(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 0 ||
    (keys.length === 1 && keys[0] === 'forceRefresh' && typeof (value as { forceRefresh: unknown }).forceRefresh === 'boolean')
  );
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What a failure report shows of a request (its body cut short). */
function summary(request: FuzzRequest): string {
  return `${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.headers).slice(0, 200)} ${request.body?.slice(0, 120) ?? ''}`;
}

/** Sends raw bytes and reads the answer until the server closes or 2 s pass. */
function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(bytes, 'latin1'));
    socket.setEncoding('latin1');
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', (chunk: string) => {
      answer += chunk;
      // A complete problem answer: stop reading, whether or not the server closes.
      const split = answer.indexOf('\r\n\r\n');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(answer)?.[1]);
      if (split >= 0 && Number.isFinite(length) && answer.length - split - 4 >= length) socket.destroy();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}
