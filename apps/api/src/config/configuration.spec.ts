import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { appConfig } from './app.config';
import { configNamespaces, loadConfiguration } from './configuration';
import { ConfigurationError } from './configuration.error';
import { readEnvironment } from './environment';
import { klarnaConfig } from '../klarna/klarna.config';
import { zenkiConfig } from '../zenki/zenki.config';

const CREDENTIALS = {
  KLARNA_USERNAME: 'PK_user',
  KLARNA_PASSWORD: 'klarna-password-value',
  ZENKI_CLIENT_ID: 'client-id',
  ZENKI_CLIENT_SECRET: 'zenki-secret-value',
  API_KEYS: 'configured-api-key-value',
};

describe('loadConfiguration', () => {
  it('applies the documented defaults', () => {
    const configuration = loadConfiguration({ ...CREDENTIALS });
    expect(configuration.app).toMatchObject({
      production: false,
      host: '127.0.0.1',
      port: 3000,
      simulateProviders: false,
      bodyLimitBytes: 65536,
    });
    expect(configuration.klarna).toMatchObject({
      accounts: [{ name: 'default', region: 'eu', environment: 'playground', baseUrl: undefined }],
      timeoutMs: undefined,
    });
    expect(configuration.zenki).toMatchObject({
      accounts: [{ name: 'default', baseUrl: 'https://api.zenki.fi' }],
      timeoutMs: undefined,
      tokenSkewSeconds: undefined,
    });
  });

  it('reads every variable, case-insensitively where it is a choice', () => {
    const configuration = loadConfiguration({
      ...CREDENTIALS,
      HOST: '0.0.0.0',
      PORT: '8080',
      KLARNA_REGION: 'NA',
      KLARNA_ENVIRONMENT: 'Production',
      KLARNA_BASE_URL: 'https://klarna-proxy.internal/',
      KLARNA_TIMEOUT_MS: '2500',
      ZENKI_BASE_URL: 'https://zenki-proxy.internal/base/',
      ZENKI_TIMEOUT_MS: '1500',
      ZENKI_TOKEN_SKEW_SECONDS: '30',
    });
    expect(configuration.app).toMatchObject({ host: '0.0.0.0', port: 8080 });
    expect(configuration.klarna).toMatchObject({
      accounts: [
        { name: 'default', region: 'na', environment: 'production', baseUrl: 'https://klarna-proxy.internal', username: 'PK_user' },
      ],
      timeoutMs: 2500,
    });
    expect(configuration.zenki).toMatchObject({
      accounts: [{ name: 'default', baseUrl: 'https://zenki-proxy.internal/base', clientId: 'client-id' }],
      timeoutMs: 1500,
      tokenSkewSeconds: 30,
    });
  });

  it('reads each named account from its own variables, secret lists for rotation included', () => {
    const configuration = loadConfiguration({
      API_KEYS: 'merchant-key-0123456789@eu+mx',
      KLARNA_ACCOUNTS: 'eu, US',
      KLARNA_EU_USERNAME: 'PK_eu',
      KLARNA_EU_PASSWORD: 'eu-password',
      KLARNA_US_USERNAME: 'PK_us',
      KLARNA_US_PASSWORD: 'us-password',
      KLARNA_US_REGION: 'na',
      KLARNA_US_ENVIRONMENT: 'production',
      KLARNA_US_BASE_URL: 'https://klarna-us.internal',
      ZENKI_ACCOUNTS: 'mx',
      ZENKI_MX_CLIENT_ID: 'mx-client',
      ZENKI_MX_CLIENT_SECRET: 'new-secret, old-secret',
    });
    expect(configuration.klarna.accounts).toMatchObject([
      { name: 'eu', region: 'eu', environment: 'playground', username: 'PK_eu' },
      { name: 'us', region: 'na', environment: 'production', baseUrl: 'https://klarna-us.internal', username: 'PK_us' },
    ]);
    expect(configuration.zenki.accounts.map((a) => [a.name, a.clientId, a.clientSecrets?.map((s) => s.reveal())])).toEqual([
      ['mx', 'mx-client', ['new-secret', 'old-secret']],
    ]);
  });

  it('names every wrong or missing account variable, and never a secret', () => {
    let message = '';
    try {
      loadConfiguration({
        API_KEYS: 'merchant-key-0123456789@eu+nowhere',
        KLARNA_ACCOUNTS: 'eu,us,eu,Bad Name',
        KLARNA_EU_USERNAME: 'PK_eu',
        KLARNA_EU_PASSWORD: 'eu-password-secret',
        KLARNA_US_REGION: 'mars',
        ZENKI_ACCOUNTS: 'mx',
        ZENKI_MX_CLIENT_SECRET: 'mx-secret-value',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('KLARNA_ACCOUNTS names the account eu twice');
    expect(message).toContain('KLARNA_ACCOUNTS names accounts with lower-case letters, digits, - and _');
    expect(message).toContain('KLARNA_US_REGION must be one of eu, na, oc (got "mars")');
    expect(message).toContain('set KLARNA_US_USERNAME and KLARNA_US_PASSWORD');
    expect(message).toContain('set ZENKI_MX_CLIENT_ID');
    expect(message).toContain('API_KEYS limits keys to accounts that are not configured: nowhere');
    for (const secret of ['eu-password-secret', 'mx-secret-value', 'merchant-key-0123456789']) expect(message).not.toContain(secret);
  });

  it('needs no provider credentials while simulating, and generates an API key outside production', () => {
    const configuration = loadConfiguration({ SIMULATE_PROVIDERS: 'true' });
    expect(configuration.app.simulateProviders).toBe(true);
    expect(configuration.app.generatedApiKey).toBeDefined();
    expect(configuration.app.apiKeys.verify(configuration.app.generatedApiKey!.reveal())).toBeDefined();
  });

  it('treats blank variables as unset, as a copied .env.example has them', () => {
    expect(() => loadConfiguration({ SIMULATE_PROVIDERS: ' ', KLARNA_USERNAME: '', API_KEYS: '' })).toThrow(
      /KLARNA_USERNAME and KLARNA_PASSWORD/,
    );
  });

  it('keeps every secret out of String, JSON and inspect forms', () => {
    const configuration = loadConfiguration({ ...CREDENTIALS });
    const forms = [JSON.stringify(configuration), inspect(configuration, { depth: 10 }), String(configuration.klarna.accounts[0].password)];
    for (const form of forms) {
      for (const secret of [CREDENTIALS.KLARNA_PASSWORD, CREDENTIALS.ZENKI_CLIENT_SECRET, CREDENTIALS.API_KEYS])
        expect(form).not.toContain(secret);
    }
    expect(configuration.klarna.accounts[0].password!.reveal()).toBe(CREDENTIALS.KLARNA_PASSWORD);
    expect(configuration.zenki.accounts[0].clientSecrets!.map((secret) => secret.reveal())).toEqual([CREDENTIALS.ZENKI_CLIENT_SECRET]);
  });

  it('throws one ConfigurationError listing every problem', () => {
    const error = (() => {
      try {
        loadConfiguration({
          NODE_ENV: 'production',
          SIMULATE_PROVIDERS: 'true',
          KLARNA_TIMEOUT_MS: '-5',
          ZENKI_TOKEN_SKEW_SECONDS: 'soon',
        });
      } catch (e) {
        return e as ConfigurationError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.problems).toEqual([
      expect.stringContaining('SIMULATE_PROVIDERS=true is refused with NODE_ENV=production'),
      expect.stringContaining('API_KEYS must be set with NODE_ENV=production'),
      'KLARNA_TIMEOUT_MS must be a whole number from 1 to 120000 (got "-5")',
      'ZENKI_TOKEN_SKEW_SECONDS must be a whole number from 0 to 3600 (got "soon")',
    ]);
    expect(error.message).toMatch(/^Refusing to start: the configuration is invalid\.\n {2}- /);
  });

  it('hands the loaded namespaces out under the KEYs of appConfig, klarnaConfig and zenkiConfig', () => {
    const configuration = loadConfiguration({ ...CREDENTIALS });
    const [app, klarna, zenki] = configNamespaces(configuration) as unknown as { KEY: string; (): unknown }[];
    expect([app.KEY, klarna.KEY, zenki.KEY]).toEqual([appConfig.KEY, klarnaConfig.KEY, zenkiConfig.KEY]);
    expect([app(), klarna(), zenki()]).toEqual([configuration.app, configuration.klarna, configuration.zenki]);
  });
});

describe('readEnvironment', () => {
  it('fills in from a dotenv file what the environment does not set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paytokens-env-'));
    try {
      writeFileSync(join(dir, '.env'), 'PORT=4000\nHOST=0.0.0.0\n# a comment\n');
      expect(readEnvironment(join(dir, '.env'), { PORT: '5000' })).toEqual({ PORT: '5000', HOST: '0.0.0.0' });
      expect(readEnvironment(join(dir, 'missing', '.env'), { PORT: '5000' })).toEqual({ PORT: '5000' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
