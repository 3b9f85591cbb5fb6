import {
  ManualClock,
  ProviderAuthenticationError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  ValidationError,
} from '@paytokens/domain';
import { JSON_HEADERS, ScriptedServer } from '@paytokens/testing';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '../simulator';
import { ZenkiAccessTokenIssuer } from './zenki-access-token.issuer';
import type { ZenkiModuleOptions } from './zenki-options';

const credentials = { clientId: ZENKI_SIMULATOR_CLIENT_ID, clientSecret: ZENKI_SIMULATOR_CLIENT_SECRET };
const fastRetry = { maxAttempts: 3, baseDelayMs: 5, maxElapsedMs: 5_000 };

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('ZenkiAccessTokenIssuer against the simulator', () => {
  let clock: ManualClock;
  let simulator: ZenkiSimulator;
  let issuer: ZenkiAccessTokenIssuer;
  const issuerFor = (overrides: Partial<ZenkiModuleOptions> = {}) =>
    new ZenkiAccessTokenIssuer({ ...credentials, baseUrl: simulator.url, timeoutMs: 1_000, retry: fastRetry, ...overrides }, { clock });

  beforeEach(async () => {
    clock = new ManualClock();
    simulator = await ZenkiSimulator.start({ clock });
    issuer = issuerFor();
  });
  afterEach(async () => {
    await issuer.close();
    await simulator.close();
  });

  it('fetches a token with the lifetime Zenki gives, counted from the request start', async () => {
    simulator.setExpiresIn(900);
    const token = await issuer.issue();
    expect(issuer.provider).toBe('zenki');
    expect(token.value.reveal()).toMatch(/^zsim_/);
    expect(token.tokenType).toBe('Bearer');
    expect(token.issuedAt).toBe(clock.now());
    expect(token.lifetimeMs).toBe(900_000);
    expect(simulator.issuedCount).toBe(1);
  });

  it('fetches a brand-new token on every call (caching is GetAccessToken’s job)', async () => {
    const first = await issuer.issue();
    const second = await issuer.issue();
    expect(first.value.equals(second.value)).toBe(false);
    expect(simulator.tokenRequests).toBe(2);
  });

  it('retries a 500 and succeeds on the second attempt', async () => {
    simulator.faults.set({ failNext: 1, failKind: 'error' });
    await expect(issuer.issue()).resolves.toBeDefined();
    expect(simulator.tokenRequests).toBe(2);
    expect(simulator.issuedCount).toBe(1);
  });

  it('stops at maxAttempts and reports the 500 as ProviderUnavailableError', async () => {
    simulator.faults.set({ failNext: 10, failKind: 'error' });
    const error = await failure(issuer.issue());
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({
      provider: 'zenki',
      providerCode: 'server_error',
      providerMessages: ['Unexpected error'],
      providerStatus: 500,
    });
    expect(simulator.tokenRequests).toBe(3);
  });

  it('retries a connection reset', async () => {
    simulator.faults.set({ failNext: 2, failKind: 'reset' });
    await expect(issuer.issue()).resolves.toBeDefined();
    expect(simulator.tokenRequests).toBe(3);
  });

  it('times out a stalled request, retries it and succeeds', async () => {
    await issuer.close();
    issuer = issuerFor({ timeoutMs: 400 });
    simulator.faults.set({ failNext: 1, failKind: 'stall' });
    await expect(issuer.issue()).resolves.toBeDefined();
    expect(simulator.tokenRequests).toBe(2);
  });

  it('reports stalls that outlast every attempt as ProviderTimeoutError', async () => {
    await issuer.close();
    issuer = issuerFor({ timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 5, maxElapsedMs: 5_000 } });
    simulator.faults.set({ failNext: 5, failKind: 'stall' });
    const error = await failure(issuer.issue());
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect(error.message).toBe('Zenki did not answer the token request within 100 ms');
    expect(simulator.tokenRequests).toBe(2);
  });

  it('keeps all attempts within maxElapsedMs', async () => {
    await issuer.close();
    issuer = issuerFor({ timeoutMs: 200, retry: { maxAttempts: 10, baseDelayMs: 5, maxElapsedMs: 300 } });
    simulator.faults.set({ stallRate: 1 });
    await expect(issuer.issue()).rejects.toBeInstanceOf(ProviderTimeoutError);
    // The first attempt uses 200 ms of the 300 ms budget, the second at most what is left; no third fits.
    expect(simulator.tokenRequests).toBeGreaterThanOrEqual(1);
    expect(simulator.tokenRequests).toBeLessThanOrEqual(2);
  });

  it('does not retry bad credentials and says so clearly', async () => {
    await issuer.close();
    issuer = issuerFor({ clientSecret: 'wrong-secret-value' });
    const error = await failure(issuer.issue());
    expect(error).toBeInstanceOf(ProviderAuthenticationError);
    expect(error).toMatchObject({
      code: 'PROVIDER_AUTHENTICATION_FAILED',
      provider: 'zenki',
      providerCode: 'unauthorized_client',
      providerMessages: ['Invalid identity'],
      providerStatus: 400,
    });
    expect(error.message).toBe(
      'Zenki refused the client credentials (unauthorized_client: Invalid identity): check the configured clientId and clientSecret (not retried)',
    );
    expect(simulator.tokenRequests).toBe(1);
  });

  it('treats expiresIn 0 as a provider error, not retried', async () => {
    simulator.setExpiresIn(0);
    const error = await failure(issuer.issue());
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.message).toBe('Zenki answered the token request with a non-positive expiresIn');
    expect(simulator.tokenRequests).toBe(1);
  });

  it('sends to a path below the base URL when the base URL has one', async () => {
    const scripted = await ScriptedServer.start(
      () => ({ status: 200, body: JSON.stringify({ accessToken: 'tk-prefixed', tokenType: 'Bearer', expiresIn: 60 }) }),
      { defaultHeaders: JSON_HEADERS },
    );
    const prefixed = new ZenkiAccessTokenIssuer({ ...credentials, baseUrl: `${scripted.url}/gateway/zenki/` });
    try {
      await prefixed.issue();
      expect(scripted.requests.map((c) => c.path)).toEqual(['/gateway/zenki/v1/oauth/tokens']);
    } finally {
      await prefixed.close();
      await scripted.close();
    }
  });

  it('refuses to work after close()', async () => {
    await issuer.close();
    await expect(issuer.issue()).rejects.toThrow('Zenki client is closed; the token request was not sent');
    expect(simulator.tokenRequests).toBe(0);
  });
});

describe('ZenkiAccessTokenIssuer against answers the simulator never gives', () => {
  let server: ScriptedServer | undefined;
  let issuer: ZenkiAccessTokenIssuer | undefined;
  afterEach(async () => {
    await issuer?.close();
    await server?.close();
  });

  async function issueAgainst(answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
    server = await ScriptedServer.start(
      (_call, i) => {
        const a = answers[Math.min(i, answers.length - 1)];
        return { status: a.status, headers: a.headers, body: typeof a.body === 'string' ? a.body : JSON.stringify(a.body) };
      },
      { defaultHeaders: JSON_HEADERS },
    );
    issuer = new ZenkiAccessTokenIssuer({ ...credentials, baseUrl: server.url, retry: fastRetry });
    return issuer.issue();
  }

  it('treats an answer without accessToken as a provider error, not retried', async () => {
    const error = await failure(issueAgainst([{ status: 200, body: { tokenType: 'Bearer', expiresIn: 1800 } }]));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.message).toBe('Zenki answered the token request with no accessToken');
    expect(server!.requests).toHaveLength(1);
  });

  it('accepts an answer without the undefined "required" fields and with unknown keys', async () => {
    const token = await issueAgainst([
      { status: 200, body: { accessToken: 'tk-1', tokenType: 'Bearer', expiresIn: 1800, notInTheDocument: true } },
    ]);
    expect(token.value.reveal()).toBe('tk-1');
  });

  it('honours Retry-After on a 429 within the budget', async () => {
    const token = await issueAgainst([
      { status: 429, headers: { 'retry-after': '0' }, body: { error: 'rate_limited', errorDescription: 'Too many requests' } },
      { status: 200, body: { accessToken: 'tk-2', tokenType: 'Bearer', expiresIn: 1800 } },
    ]);
    expect(token.value.reveal()).toBe('tk-2');
    expect(server!.requests).toHaveLength(2);
  });

  it('gives up on a 429 whose Retry-After exceeds the budget', async () => {
    const error = await failure(
      issueAgainst([
        { status: 429, headers: { 'retry-after': '60' }, body: { error: 'rate_limited', errorDescription: 'Too many requests' } },
      ]),
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterSeconds: 60, providerStatus: 429 });
    expect(server!.requests).toHaveLength(1);
  });

  it('maps invalid_client to ProviderAuthenticationError and invalid_request to ValidationError', async () => {
    expect(
      await failure(issueAgainst([{ status: 400, body: { error: 'invalid_client', errorDescription: 'Client not found' } }])),
    ).toBeInstanceOf(ProviderAuthenticationError);
    await issuer!.close();
    await server!.close();
    const error = await failure(
      issueAgainst([{ status: 400, body: { error: 'invalid_request', errorDescription: 'grantType is required' } }]),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(server!.requests).toHaveLength(1);
  });

  it('does not retry a 404 (a wrong base URL) and says what to check', async () => {
    const error = await failure(issueAgainst([{ status: 404, body: 'Not Found' }]));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error.message).toBe('Zenki answered 404 to the token request: check baseUrl');
    expect(server!.requests).toHaveLength(1);
  });
});

describe('ZenkiAccessTokenIssuer with nothing listening', () => {
  it('reports an unreachable Zenki as ProviderUnavailableError after its attempts', async () => {
    const server = await ScriptedServer.start(() => ({ status: 200, body: '{}' }), { defaultHeaders: JSON_HEADERS });
    const url = server.url;
    await server.close();
    const issuer = new ZenkiAccessTokenIssuer({ ...credentials, baseUrl: url, retry: { maxAttempts: 2, baseDelayMs: 5 } });
    try {
      const error = await failure(issuer.issue());
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error.message).toBe('Zenki could not be reached for the token request (ECONNREFUSED)');
    } finally {
      await issuer.close();
    }
  });
});
