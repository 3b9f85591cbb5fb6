import { inspect } from 'node:util';
import { KlarnaSimulator } from '@paytokens/adapters-klarna/simulator';
import { ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { hashedApiKeyEntry } from '../src/auth/api-key-ring';
import { createApp, startApp } from '../src/bootstrap';
import { ConfigurationError } from '../src/config/configuration.error';
import type { Environment } from '../src/config/environment';
import { call } from './support/api-harness';

const SECRETS = {
  KLARNA_PASSWORD: 'klarna-password-do-not-print',
  ZENKI_CLIENT_SECRET: 'zenki-secret-do-not-print',
  API_KEYS: 'api-key-do-not-print-0123456789',
};
const REAL_PROVIDERS: Environment = {
  HOST: '127.0.0.1',
  PORT: '0',
  KLARNA_USERNAME: 'PK_user',
  KLARNA_PASSWORD: SECRETS.KLARNA_PASSWORD,
  ZENKI_CLIENT_ID: 'client',
  ZENKI_CLIENT_SECRET: SECRETS.ZENKI_CLIENT_SECRET,
  API_KEYS: SECRETS.API_KEYS,
};

/** The ConfigurationError createApp refuses to start with. */
async function refusal(env: Environment): Promise<ConfigurationError> {
  const error = await createApp({ env }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  const message = (error as ConfigurationError).message;
  for (const secret of Object.values(SECRETS)) {
    expect(message).not.toContain(secret);
    expect(inspect(error)).not.toContain(secret);
  }
  return error as ConfigurationError;
}

describe('Start-up refusals', () => {
  it('refuses production without API_KEYS', async () => {
    const error = await refusal({ ...REAL_PROVIDERS, NODE_ENV: 'production', API_KEYS: undefined });
    expect(error.message).toMatch(/API_KEYS must be set with NODE_ENV=production/);
  });

  it('refuses SIMULATE_PROVIDERS=true in production', async () => {
    const error = await refusal({ ...REAL_PROVIDERS, NODE_ENV: 'production', SIMULATE_PROVIDERS: 'true' });
    expect(error.message).toMatch(/SIMULATE_PROVIDERS=true is refused with NODE_ENV=production/);
  });

  it('names the missing Klarna and Zenki variables when not simulating', async () => {
    const error = await refusal({
      SIMULATE_PROVIDERS: 'false',
      KLARNA_USERNAME: 'PK_user',
      ZENKI_CLIENT_SECRET: SECRETS.ZENKI_CLIENT_SECRET,
    });
    expect(error.problems).toEqual([
      expect.stringMatching(/^Klarna credentials are missing: set KLARNA_PASSWORD \(/),
      expect.stringMatching(/^Zenki credentials are missing: set ZENKI_CLIENT_ID \(/),
    ]);
  });

  it('treats SIMULATE_PROVIDERS unset as false', async () => {
    const error = await refusal({});
    expect(error.message).toContain('KLARNA_USERNAME and KLARNA_PASSWORD');
    expect(error.message).toContain('ZENKI_CLIENT_ID and ZENKI_CLIENT_SECRET');
  });

  it('refuses a bad KLARNA_REGION, KLARNA_ENVIRONMENT, PORT and SIMULATE_PROVIDERS, all at once', async () => {
    const error = await refusal({
      ...REAL_PROVIDERS,
      KLARNA_REGION: 'asia',
      KLARNA_ENVIRONMENT: 'test',
      PORT: '70000',
      SIMULATE_PROVIDERS: 'maybe',
    });
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'KLARNA_REGION must be one of eu, na, oc (got "asia")',
        'KLARNA_ENVIRONMENT must be one of playground, production (got "test")',
        'PORT must be a whole number from 0 to 65535 (got "70000")',
        'SIMULATE_PROVIDERS must be true or false (got "maybe")',
      ]),
    );
  });

  it.each([
    ['KLARNA_BASE_URL', 'not a url'],
    ['KLARNA_BASE_URL', 'ftp://klarna.example'],
    ['ZENKI_BASE_URL', `https://user:${SECRETS.ZENKI_CLIENT_SECRET}@zenki.example`],
    ['ZENKI_BASE_URL', 'https://zenki.example/?token=1'],
  ])('refuses a bad %s without repeating it (case %#)', async (name, value) => {
    const error = await refusal({ ...REAL_PROVIDERS, [name]: value });
    expect(error.problems).toEqual([expect.stringMatching(new RegExp(`^${name} must`))]);
    expect(error.message).not.toContain(value);
  });

  it('refuses plain-http base URLs in production, except on loopback', async () => {
    const production = { ...REAL_PROVIDERS, NODE_ENV: 'production' };
    const error = await refusal({ ...production, KLARNA_BASE_URL: 'http://klarna.example' });
    expect(error.problems).toEqual(['KLARNA_BASE_URL must use https in production']);
  });

  it('refuses weak and malformed API keys, naming the entry only', async () => {
    const error = await refusal({ ...REAL_PROVIDERS, API_KEYS: `${SECRETS.API_KEYS},short,sha256:abc` });
    expect(error.problems).toEqual([
      'API_KEYS entry 2 is shorter than 16 characters',
      'API_KEYS entry 3 must be sha256: followed by 64 hex digits',
    ]);
    expect(error.message).not.toContain('short,');
  });
});

describe('Start-up in production, against providers at explicit URLs', () => {
  it('starts with hashed API keys and no simulator route', async () => {
    const klarna = await KlarnaSimulator.start({ username: 'PK_user', password: SECRETS.KLARNA_PASSWORD });
    const zenki = await ZenkiSimulator.start({ clientId: 'client', clientSecret: SECRETS.ZENKI_CLIENT_SECRET });
    const started = await startApp({
      env: {
        ...REAL_PROVIDERS,
        NODE_ENV: 'production',
        API_KEYS: hashedApiKeyEntry(SECRETS.API_KEYS),
        KLARNA_BASE_URL: klarna.url,
        ZENKI_BASE_URL: zenki.url,
      },
    });
    try {
      expect(started.generatedApiKey).toBeUndefined();
      expect(started.simulators).toBeUndefined();
      expect(inspect(started.configuration, { depth: 5 })).not.toMatch(/do-not-print/);
      expect(JSON.stringify(started.configuration)).not.toMatch(/do-not-print/);
      const token = await call(started.url, 'POST', '/v1/zenki/access-tokens', { apiKey: SECRETS.API_KEYS });
      expect(token.status).toBe(200);
      expect(zenki.issuedCount).toBe(1);
      expect((await call(started.url, 'POST', '/v1/simulator/klarna/authorizations', { apiKey: SECRETS.API_KEYS })).status).toBe(404);
      const tokenRead = await call(started.url, 'GET', '/v1/klarna/customer-tokens/unknown-token', { apiKey: SECRETS.API_KEYS });
      expect(tokenRead.body).toMatchObject({ status: 404, provider: 'klarna' });
    } finally {
      await started.app.close();
      await klarna.close();
      await zenki.close();
    }
  });
});

describe('Start-up without API_KEYS outside production', () => {
  it('generates a key that works, and the simulators close with the app', async () => {
    const started = await startApp({ env: { HOST: '127.0.0.1', PORT: '0', SIMULATE_PROVIDERS: 'true' } });
    const simulators = started.simulators!;
    try {
      expect(started.generatedApiKey).toBeDefined();
      expect(String(started.generatedApiKey)).toBe('[REDACTED]');
      expect((await call(started.url, 'POST', '/v1/zenki/access-tokens', { apiKey: started.generatedApiKey!.reveal() })).status).toBe(200);
      expect((await call(started.url, 'POST', '/v1/zenki/access-tokens', { apiKey: 'pt_not-the-generated-one' })).status).toBe(401);
    } finally {
      await started.app.close();
    }
    await expect(call(simulators.zenki.url, 'GET', '/simulator/stats')).rejects.toThrow();
    await expect(call(simulators.klarna.url, 'GET', '/simulator/ledger')).rejects.toThrow();
  });
});
