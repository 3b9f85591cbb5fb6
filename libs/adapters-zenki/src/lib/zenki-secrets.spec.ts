// No client secret and no access token in any printable form of config, issuer, client or error.
import { inspect } from 'node:util';
import { ManualClock, type AccessTokenEvent } from '@paytokens/domain';
import { JSON_HEADERS, ScriptedServer } from '@paytokens/testing';
import { ZenkiSimulator } from '../simulator';
import { createZenki, type ZenkiServices } from './create-zenki';

const CLIENT_ID = 'secret-test-client';
const CLIENT_SECRET = 'zk-S3cr3t-9b7e4f21c0d8a6';

/** Every way a value commonly ends up in a log. */
function printedForms(value: unknown): string[] {
  const forms = [
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity, getters: true }),
    `${String(value)}`,
  ];
  try {
    forms.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular: JSON.stringify would throw in a logger as well, printing nothing.
  }
  if (value instanceof Error) forms.push(value.message, value.stack ?? '', inspect(value.cause, { depth: Infinity }));
  return forms;
}

function expectNoSecrets(value: unknown, secrets: string[]): void {
  for (const form of printedForms(value)) for (const secret of secrets) expect(form).not.toContain(secret);
}

describe('secrets stay secret', () => {
  let clock: ManualClock;
  let simulator: ZenkiSimulator;
  let zenki: ZenkiServices;
  let events: AccessTokenEvent[];

  beforeEach(async () => {
    clock = new ManualClock();
    events = [];
    simulator = await ZenkiSimulator.start({ clock, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    zenki = createZenki(
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl: simulator.url,
        timeoutMs: 400,
        retry: { maxAttempts: 2, baseDelayMs: 5 },
        onTokenEvent: (e) => events.push(e),
      },
      { clock },
    );
  });
  afterEach(async () => {
    await zenki.close();
    await simulator.close();
  });

  it('in the options, issuer, client, cache and use case, also holding a live token', async () => {
    const token = await zenki.getAccessToken.execute();
    const value = token.value.reveal();
    expect(value).toMatch(/^zsim_/);
    for (const part of [zenki.options, zenki.issuer, zenki.client, zenki.http, zenki.cache, zenki.getAccessToken, token, zenki]) {
      expectNoSecrets(part, [CLIENT_SECRET, value]);
    }
    expect(JSON.stringify(zenki.issuer)).toBe(
      JSON.stringify({ provider: 'zenki', account: 'default', baseUrl: simulator.url, clientId: CLIENT_ID }),
    );
  });

  it('in the errors of refused credentials, timeouts, resets and server errors, and in the events', async () => {
    const wrong = createZenki({ clientId: CLIENT_ID, clientSecret: `${CLIENT_SECRET}-wrong`, baseUrl: simulator.url }, { clock });
    const errors: unknown[] = [];
    try {
      errors.push(await wrong.getAccessToken.execute().catch((e: unknown) => e));
    } finally {
      await wrong.close();
    }
    for (const failKind of ['stall', 'reset', 'error'] as const) {
      simulator.faults.set({ failNext: 2, failKind });
      errors.push(await zenki.getAccessToken.execute().catch((e: unknown) => e));
    }
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual([
      'PROVIDER_AUTHENTICATION_FAILED',
      'PROVIDER_TIMEOUT',
      'PROVIDER_UNAVAILABLE',
      'PROVIDER_UNAVAILABLE',
    ]);
    for (const error of errors) expectNoSecrets(error, [CLIENT_SECRET]);
    expectNoSecrets(events, [CLIENT_SECRET]);
  });

  it('in the error of a refused access token', async () => {
    const token = await zenki.getAccessToken.execute();
    simulator.faults.set({ failNext: 1, failKind: 'error', target: 'api' });
    const error = await zenki.client.getMerchantInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoSecrets(error, [CLIENT_SECRET, token.value.reveal()]);
  });
});

describe('secrets a provider echoes back', () => {
  it('are redacted from the errors built from its answer', async () => {
    const TOKEN = 'tk-echoed-5f1e2d3c4b5a69788';
    const server = await ScriptedServer.start(
      (call) =>
        call.path === '/v1/oauth/tokens'
          ? { status: 200, body: JSON.stringify({ accessToken: TOKEN, tokenType: 'Bearer', expiresIn: 1800 }) }
          : {
              status: 400,
              body: JSON.stringify({
                requestId: 'r',
                title: `bad token ${TOKEN}`,
                errorCode: 400,
                category: 'ERROR',
                humanMessage: `h ${TOKEN}`,
                timestamp: 1,
              }),
            },
      { defaultHeaders: JSON_HEADERS },
    );
    const echoing = await ScriptedServer.start(
      () => ({ status: 400, body: JSON.stringify({ error: 'invalid_request', errorDescription: `no ${CLIENT_SECRET}` }) }),
      { defaultHeaders: JSON_HEADERS },
    );
    const zenki = createZenki({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: server.url });
    const echoed = createZenki({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: echoing.url });
    try {
      const apiError = await zenki.client.getMerchantInfo().catch((e: unknown) => e);
      expect(apiError).toMatchObject({ code: 'VALIDATION_FAILED', providerMessages: ['bad token [REDACTED]', 'h [REDACTED]'] });
      expectNoSecrets(apiError, [TOKEN, CLIENT_SECRET]);
      const tokenError = await echoed.issuer.issue().catch((e: unknown) => e);
      expect(tokenError).toMatchObject({ code: 'VALIDATION_FAILED', providerMessages: ['no [REDACTED]'] });
      expectNoSecrets(tokenError, [CLIENT_SECRET]);
    } finally {
      await zenki.close();
      await echoed.close();
      await server.close();
      await echoing.close();
    }
  });
});
