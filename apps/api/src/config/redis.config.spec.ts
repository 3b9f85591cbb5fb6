import { inspect } from 'node:util';
import { loadConfiguration } from './configuration';
import { ConfigurationError } from './configuration.error';

const SIMULATING = { SIMULATE_PROVIDERS: 'true' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfiguration({ ...SIMULATING, ...env });
  } catch (error) {
    if (error instanceof ConfigurationError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('redis configuration', () => {
  it('keeps everything in memory when neither REDIS_URL nor REDIS_CLUSTER_NODES is set', () => {
    expect(loadConfiguration(SIMULATING).redis).toEqual({ keyPrefix: 'paytokens:', commandTimeoutMs: 1000, startupWaitMs: 5000 });
  });

  it('reads one server from REDIS_URL, keeping the URL (it may hold a password) a Secret', () => {
    const { redis } = loadConfiguration({
      ...SIMULATING,
      REDIS_URL: 'rediss://app:S3cret-redis-pw@redis.internal:6380/2',
      REDIS_KEY_PREFIX: 'blue:',
      REDIS_COMMAND_TIMEOUT_MS: '250',
      REDIS_STARTUP_WAIT_MS: '0',
    });
    expect(redis).toMatchObject({ keyPrefix: 'blue:', commandTimeoutMs: 250, startupWaitMs: 0, target: { kind: 'server' } });
    expect(redis.target?.kind === 'server' && redis.target.url.reveal()).toBe('rediss://app:S3cret-redis-pw@redis.internal:6380/2');
    for (const form of [JSON.stringify(redis), inspect(redis, { depth: 5 }), String(redis.target)])
      expect(form).not.toContain('S3cret-redis-pw');
  });

  it('reads a Cluster from REDIS_CLUSTER_NODES with its own credentials and TLS', () => {
    const { redis } = loadConfiguration({
      ...SIMULATING,
      REDIS_CLUSTER_NODES: '10.0.0.1:6379, 10.0.0.2:6379,[::1]:7000',
      REDIS_USERNAME: 'app',
      REDIS_PASSWORD: 'Cluster-pw-123',
      REDIS_TLS: 'true',
    });
    expect(redis.target).toMatchObject({
      kind: 'cluster',
      nodes: ['10.0.0.1:6379', '10.0.0.2:6379', '[::1]:7000'],
      username: 'app',
      tls: true,
    });
    expect(redis.target?.kind === 'cluster' && redis.target.password?.reveal()).toBe('Cluster-pw-123');
    expect(inspect(redis, { depth: 5 })).not.toContain('Cluster-pw-123');
  });

  it('refuses bad values, naming the variable and never quoting a URL or a password', () => {
    const problems = [
      ...problemsOf({ REDIS_URL: 'http://:Leaky-pw@redis:6379' }),
      ...problemsOf({ REDIS_URL: 'redis://:Leaky-pw@redis:6379', REDIS_CLUSTER_NODES: 'a:1' }),
      ...problemsOf({ REDIS_CLUSTER_NODES: 'redis-a:6379,redis-b' }),
      ...problemsOf({ REDIS_URL: 'redis://redis:6379', REDIS_PASSWORD: 'Leaky-pw' }),
      ...problemsOf({ REDIS_COMMAND_TIMEOUT_MS: '0', REDIS_STARTUP_WAIT_MS: 'soon' }),
    ];
    expect(problems).toEqual([
      expect.stringMatching(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/),
      'Set REDIS_URL (one Redis server) or REDIS_CLUSTER_NODES (a Redis Cluster), not both',
      expect.stringMatching(/^REDIS_CLUSTER_NODES must be comma-separated host:port pairs .*\(not host:port: "redis-b"\)$/),
      expect.stringMatching(/^REDIS_PASSWORD applies to REDIS_CLUSTER_NODES only/),
      'REDIS_COMMAND_TIMEOUT_MS must be a whole number from 1 to 60000 (got "0")',
      'REDIS_STARTUP_WAIT_MS must be a whole number from 0 to 120000 (got "soon")',
    ]);
    expect(problems.join('\n')).not.toContain('Leaky-pw');
  });
});

describe('circuit breaker configuration', () => {
  it('defaults each provider to 5 failures and 10 s', () => {
    const { klarna, zenki } = loadConfiguration(SIMULATING);
    expect(klarna.circuitBreaker).toEqual({ consecutiveFailures: 5, halfOpenAfterMs: 10_000 });
    expect(zenki.circuitBreaker).toEqual({ consecutiveFailures: 5, halfOpenAfterMs: 10_000 });
  });

  it('reads KLARNA_CIRCUIT_* and ZENKI_CIRCUIT_*; 0 failures turns a breaker off', () => {
    const { klarna, zenki } = loadConfiguration({
      ...SIMULATING,
      KLARNA_CIRCUIT_FAILURES: '3',
      KLARNA_CIRCUIT_HALF_OPEN_MS: '2500',
      ZENKI_CIRCUIT_FAILURES: '0',
    });
    expect(klarna.circuitBreaker).toEqual({ consecutiveFailures: 3, halfOpenAfterMs: 2500 });
    expect(zenki.circuitBreaker).toBe(false);
  });

  it('refuses values out of range', () => {
    expect(problemsOf({ KLARNA_CIRCUIT_FAILURES: '-1', ZENKI_CIRCUIT_HALF_OPEN_MS: '0' })).toEqual([
      'KLARNA_CIRCUIT_FAILURES must be a whole number from 0 to 1000 (got "-1")',
      'ZENKI_CIRCUIT_HALF_OPEN_MS must be a whole number from 1 to 3600000 (got "0")',
    ]);
  });

  describe('REDIS_ENCRYPTION_KEYS', () => {
    const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
    const PRODUCTION = {
      NODE_ENV: 'production',
      API_KEYS: 'a-production-api-key-0123456789',
      KLARNA_BASE_URL: 'https://klarna.example',
      ZENKI_BASE_URL: 'https://zenki.example',
    };

    it('reads the ring, the first key encrypting, and shows only its ids', () => {
      const { redis } = loadConfiguration({
        ...SIMULATING,
        REDIS_URL: 'redis://redis:6379',
        REDIS_ENCRYPTION_KEYS: `k2:${key(2)},k1:${key(1)}`,
      });
      expect(redis.encryptionKeys?.ids).toEqual(['k2', 'k1']);
      expect(inspect(redis, { depth: 5 }) + JSON.stringify(redis)).not.toContain(key(2));
    });

    it('refuses malformed entries naming each by id or position, never quoting key material', () => {
      const problems = problemsOf({ REDIS_URL: 'redis://redis:6379', REDIS_ENCRYPTION_KEYS: `k1:${key(1).slice(0, 20)},${key(3)}` });
      expect(problems).toEqual([
        'REDIS_ENCRYPTION_KEYS: key "k1" (entry 1) must be 32 random bytes in base64',
        'REDIS_ENCRYPTION_KEYS: entry 2 must be id:base64 with an id of 1 to 32 letters, digits, "_" or "-"',
      ]);
      expect(problems.join('\n')).not.toContain(key(1).slice(0, 20));
    });

    it('is required with NODE_ENV=production when Redis is configured, and optional without Redis or outside production', () => {
      const problems = problemsOf({ ...PRODUCTION, SIMULATE_PROVIDERS: 'false', REDIS_URL: 'redis://redis:6379' });
      expect(problems).toContainEqual(
        expect.stringMatching(/^REDIS_ENCRYPTION_KEYS must be set with NODE_ENV=production when Redis is configured/),
      );
      expect(problemsOf({ ...PRODUCTION, SIMULATE_PROVIDERS: 'false' }).join('\n')).not.toContain('REDIS_ENCRYPTION_KEYS');
      expect(problemsOf({ REDIS_URL: 'redis://redis:6379' })).toEqual([]);
    });
  });

  describe('<PROVIDER>_<NAME>_REDIS_ENCRYPTION_KEYS (per account)', () => {
    const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
    const ACCOUNTS = { KLARNA_ACCOUNTS: 'eu,us', ZENKI_ACCOUNTS: 'mx' };
    const PRODUCTION = {
      NODE_ENV: 'production',
      SIMULATE_PROVIDERS: 'false',
      API_KEYS: 'a-production-api-key-0123456789',
      REDIS_URL: 'redis://redis:6379',
      ...ACCOUNTS,
      ...Object.fromEntries(
        ['EU', 'US'].flatMap((name) => [
          [`KLARNA_${name}_USERNAME`, `user-${name}`],
          [`KLARNA_${name}_PASSWORD`, 'pw-0123456789'],
          [`KLARNA_${name}_BASE_URL`, 'https://klarna.example'],
        ]),
      ),
      ZENKI_MX_CLIENT_ID: 'client-mx',
      ZENKI_MX_CLIENT_SECRET: 'secret-0123456789',
      ZENKI_MX_BASE_URL: 'https://zenki.example',
    };

    it("reads a named account's own ring; accounts without one have none (REDIS_ENCRYPTION_KEYS encrypts them)", () => {
      const { klarna, zenki } = loadConfiguration({
        ...SIMULATING,
        ...ACCOUNTS,
        REDIS_URL: 'redis://redis:6379',
        KLARNA_EU_REDIS_ENCRYPTION_KEYS: `eu2:${key(5)},eu1:${key(4)}`,
        ZENKI_MX_REDIS_ENCRYPTION_KEYS: `mx1:${key(6)}`,
      });
      expect(klarna.accounts.map((account) => account.redisEncryptionKeys?.ids)).toEqual([['eu2', 'eu1'], undefined]);
      expect(zenki.accounts[0].redisEncryptionKeys?.ids).toEqual(['mx1']);
      expect(inspect(klarna, { depth: 6 }) + JSON.stringify(klarna)).not.toContain(key(5));
    });

    it('refuses a malformed ring naming the variable and the entry, never key material', () => {
      const problems = problemsOf({
        ...ACCOUNTS,
        KLARNA_US_REDIS_ENCRYPTION_KEYS: `us1:${key(7).slice(0, 30)}`,
        ZENKI_MX_REDIS_ENCRYPTION_KEYS: 'no-colon',
      });
      expect(problems).toEqual([
        'KLARNA_US_REDIS_ENCRYPTION_KEYS: key "us1" (entry 1) must be 32 random bytes in base64',
        'ZENKI_MX_REDIS_ENCRYPTION_KEYS: entry 1 must be id:base64 with an id of 1 to 32 letters, digits, "_" or "-"',
      ]);
      expect(problems.join('\n')).not.toContain(key(7).slice(0, 30));
    });

    it('in production with Redis, every account needs a key: its own or REDIS_ENCRYPTION_KEYS', () => {
      const own = {
        KLARNA_EU_REDIS_ENCRYPTION_KEYS: `eu1:${key(1)}`,
        KLARNA_US_REDIS_ENCRYPTION_KEYS: `us1:${key(2)}`,
        ZENKI_MX_REDIS_ENCRYPTION_KEYS: `mx1:${key(3)}`,
      };
      expect(problemsOf(PRODUCTION)).toEqual([
        expect.stringMatching(
          /^REDIS_ENCRYPTION_KEYS must be set with NODE_ENV=production when Redis is configured \(or KLARNA_EU_REDIS_ENCRYPTION_KEYS and KLARNA_US_REDIS_ENCRYPTION_KEYS and ZENKI_MX_REDIS_ENCRYPTION_KEYS\): /,
        ),
      ]);
      const { KLARNA_US_REDIS_ENCRYPTION_KEYS: _unset, ...allButUs } = own;
      expect(problemsOf({ ...PRODUCTION, ...allButUs })).toEqual([expect.stringContaining('(or KLARNA_US_REDIS_ENCRYPTION_KEYS)')]);
      expect(problemsOf({ ...PRODUCTION, ...own })).toEqual([]);
      expect(problemsOf({ ...PRODUCTION, ...allButUs, REDIS_ENCRYPTION_KEYS: `k1:${key(9)}` })).toEqual([]);
    });

    it('the account default has no variable of its own: only REDIS_ENCRYPTION_KEYS covers it', () => {
      const { KLARNA_ACCOUNTS: _unset, ...zenkiNamed } = PRODUCTION;
      const problems = problemsOf({
        ...zenkiNamed,
        KLARNA_USERNAME: 'user',
        KLARNA_PASSWORD: 'pw-0123456789',
        KLARNA_BASE_URL: 'https://klarna.example',
        ZENKI_MX_REDIS_ENCRYPTION_KEYS: `mx1:${key(3)}`,
      });
      expect(problems).toEqual([
        expect.stringMatching(/^REDIS_ENCRYPTION_KEYS must be set with NODE_ENV=production when Redis is configured: /),
      ]);
    });
  });
});
