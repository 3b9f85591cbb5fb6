import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfiguration } from '../src/config/configuration';

const ROOT = join(__dirname, '..', '..', '..');

/** Every variable the configuration reads, observed through a recording environment. */
function variablesRead(): string[] {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_target, name) => {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  expect(() => loadConfiguration(env)).toThrow();
  return [...read].sort();
}

describe('Configuration documentation', () => {
  const variables = variablesRead();

  it('the app reads the variables the issue lists', () => {
    expect(variables).toEqual(
      [
        'API_KEYS',
        'HOST',
        'KLARNA_ACCOUNTS',
        'ZENKI_ACCOUNTS',
        'KLARNA_BASE_URL',
        'KLARNA_ENVIRONMENT',
        'KLARNA_PASSWORD',
        'KLARNA_REGION',
        'KLARNA_TIMEOUT_MS',
        'KLARNA_CREATE_TIMEOUT_MS',
        'KLARNA_USERNAME',
        'NODE_ENV',
        'PORT',
        'SIMULATE_PROVIDERS',
        'ZENKI_BASE_URL',
        'ZENKI_CLIENT_ID',
        'ZENKI_CLIENT_SECRET',
        'ZENKI_TIMEOUT_MS',
        'ZENKI_TOKEN_SKEW_SECONDS',
        // Resilience and many instances: circuit breakers, Redis.
        'KLARNA_CIRCUIT_FAILURES',
        'KLARNA_CIRCUIT_HALF_OPEN_MS',
        'ZENKI_CIRCUIT_FAILURES',
        'ZENKI_CIRCUIT_HALF_OPEN_MS',
        'REDIS_URL',
        'REDIS_CLUSTER_NODES',
        'REDIS_USERNAME',
        'REDIS_PASSWORD',
        'REDIS_TLS',
        'REDIS_KEY_PREFIX',
        'REDIS_COMMAND_TIMEOUT_MS',
        'REDIS_STARTUP_WAIT_MS',
        'REDIS_ENCRYPTION_KEYS',
        // Security and observability: rate limits, logs, metrics.
        'RATE_LIMIT_PER_MINUTE',
        'RATE_LIMIT_BURST',
        'LOG_LEVEL',
        'METRICS_API_KEY',
        // Limits: hostile clients, probes, shutdown, the in-memory idempotency store.
        'JSON_MAX_DEPTH',
        'JSON_MAX_KEYS',
        'HEADERS_TIMEOUT_MS',
        'REQUEST_TIMEOUT_MS',
        'KEEP_ALIVE_TIMEOUT_MS',
        'MAX_CONNECTIONS',
        'MAX_CONNECTIONS_PER_ADDRESS',
        'READINESS_CACHE_MS',
        'SHUTDOWN_GRACE_MS',
        'SHUTDOWN_TIMEOUT_MS',
        'IDEMPOTENCY_MEMORY_MAX_RECORDS',
      ].sort(),
    );
  });

  it('.env.example lists every one of them, and nothing else', () => {
    const example = parseEnv(readFileSync(join(ROOT, '.env.example'), 'utf8'));
    expect(Object.keys(example).sort()).toEqual(variables);
  });

  it('the configuration table (docs/configuration.md) lists every one of them, and nothing else', () => {
    const section = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(variables);
  });

  it('.env.example, copied to .env as it is, starts the simulated app', () => {
    const example = parseEnv(readFileSync(join(ROOT, '.env.example'), 'utf8'));
    const configuration = loadConfiguration({ ...example, SIMULATE_PROVIDERS: 'true' });
    expect(configuration.app).toMatchObject({ host: '127.0.0.1', port: 3000, simulateProviders: true });
    expect(configuration.klarna).toMatchObject({
      accounts: [{ name: 'default', region: 'eu', environment: 'playground' }],
      timeoutMs: 10000,
    });
    expect(configuration.zenki).toMatchObject({
      accounts: [{ name: 'default', baseUrl: 'https://api.zenki.fi' }],
      timeoutMs: 5000,
      tokenSkewSeconds: 60,
    });
  });
});
