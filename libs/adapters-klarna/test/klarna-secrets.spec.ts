import { inspect } from 'node:util';
import { CustomerTokenRequest, Secret } from '@paytokens/domain';
import { ScriptedServer, type Script } from '@paytokens/testing';
import { resolveKlarnaOptions } from '../src/lib/klarna-options';
import { KlarnaCustomerTokenGateway } from '../src/lib/klarna-customer-token.gateway';
import { minimalInput } from './support/customer-token-requests';

const PASSWORD = 'klarna-Pa55word-XYZ';
const AUTHORIZATION_TOKEN = 'authz-0b1d9815-165e-42e2-8867-SECRET';
const BASIC = Buffer.from(`PK_user:${PASSWORD}`).toString('base64');
const SECRETS = [PASSWORD, AUTHORIZATION_TOKEN, BASIC, encodeURIComponent(AUTHORIZATION_TOKEN)];

/** Every printable form of a value, its cause chain included. */
function printed(value: unknown): string {
  const error = value as Error & { cause?: unknown };
  return [
    String(value),
    JSON.stringify(value),
    inspect(value, { depth: Infinity, showHidden: true }),
    error?.message,
    error?.stack,
    error?.cause === undefined ? '' : printed(error.cause),
  ].join('\n');
}

function expectNoSecret(value: unknown): void {
  const text = printed(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('secrets stay secret', () => {
  let server: ScriptedServer;
  let gateway: KlarnaCustomerTokenGateway;
  const create = () => gateway.create(CustomerTokenRequest.create(minimalInput(AUTHORIZATION_TOKEN)));

  beforeAll(async () => {
    server = await ScriptedServer.start();
    // Breaker off: many failures in a row here are on purpose, and each must reach the server.
    gateway = new KlarnaCustomerTokenGateway({
      username: 'PK_user',
      password: new Secret(PASSWORD),
      baseUrl: server.url,
      timeoutMs: 300,
      createTimeoutMs: 300,
      circuitBreaker: false,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await server.close();
  });

  it('the config and the gateway print no password and no Authorization header', () => {
    expectNoSecret(resolveKlarnaOptions({ username: 'PK_user', password: PASSWORD }));
    expectNoSecret(gateway);
    expect(printed(gateway)).toContain('PK_user');
  });

  it('the request the domain hands over prints no authorization token', () => {
    expectNoSecret(CustomerTokenRequest.create(minimalInput(AUTHORIZATION_TOKEN)));
  });

  // A misbehaving Klarna (or proxy) echoing what it got must not carry secrets into our errors.
  const echoes: [string, Script][] = [
    ...[400, 401, 403, 404, 409, 429, 500, 503].map((status): [string, Script] => [
      `${status} echoing the secrets`,
      {
        status,
        headers: { 'content-type': 'application/json', 'klarna-correlation-id': `corr-${AUTHORIZATION_TOKEN}` },
        body: JSON.stringify({
          error_code: `CODE_${PASSWORD}`,
          error_messages: [
            `Invalid authorization token ${AUTHORIZATION_TOKEN}`,
            `Bad value: ${PASSWORD}`,
            `path /payments/v1/authorizations/${encodeURIComponent(AUTHORIZATION_TOKEN)}/customer-token`,
          ],
          reason: `reason ${PASSWORD}`,
          correlation_id: AUTHORIZATION_TOKEN,
        }),
      },
    ]),
    ['a non-JSON page echoing the secrets', { status: 502, body: `<html>${AUTHORIZATION_TOKEN} ${PASSWORD}</html>` }],
    ['a reset', 'reset'],
    ['a stall (timeout)', 'stall'],
    [
      'a 200 that is not a token',
      { status: 200, headers: { 'klarna-correlation-id': AUTHORIZATION_TOKEN }, body: `{"oops":"${AUTHORIZATION_TOKEN}"}` },
    ],
  ];

  it.each(echoes)('create failing with %s gives an error without secrets', async (_name, script) => {
    server.answer(script);
    const error = await create().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(error);
  });

  it('a refused connection on create gives an error without secrets', async () => {
    const nowhere = new KlarnaCustomerTokenGateway({
      username: 'PK_user',
      password: PASSWORD,
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 500,
    });
    try {
      const error = await nowhere.create(CustomerTokenRequest.create(minimalInput(AUTHORIZATION_TOKEN))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expectNoSecret(error);
    } finally {
      await nowhere.close();
    }
  });

  it('a validation failure before sending names fields, not the authorization token', async () => {
    const input = minimalInput(AUTHORIZATION_TOKEN);
    input.billingAddress = { city: 'c'.repeat(120) };
    const error = await gateway.create(CustomerTokenRequest.create(input)).catch((e: unknown) => e);
    expect(printed(error)).toContain('billingAddress.city');
    expectNoSecret(error);
  });

  it('the secrets really were sent where they belong (so the checks above are meaningful)', async () => {
    server.requests.length = 0;
    server.answer({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"token_id":"tok-1"}' });
    await create();
    expect(server.requests[0].path).toContain(AUTHORIZATION_TOKEN);
    expect(server.requests[0].headers.authorization).toBe(`Basic ${BASIC}`);
  });
});
