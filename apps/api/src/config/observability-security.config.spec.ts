import { inspect } from 'node:util';
import { hashedApiKeyEntry } from '../auth/api-key-ring';
import { EnvironmentReader } from './environment';
import { readObservabilityConfig } from './observability.config';
import { readSecurityConfig } from './security.config';

describe('readObservabilityConfig', () => {
  it('defaults to info and to /metrics on loopback only', () => {
    const env = new EnvironmentReader({});
    expect(readObservabilityConfig(env)).toEqual({ logLevel: 'info', metricsKeys: undefined });
    expect(env.problems).toEqual([]);
  });

  it('reads LOG_LEVEL case-insensitively and METRICS_API_KEY in clear or hashed, never printing the key', () => {
    const env = new EnvironmentReader({ LOG_LEVEL: 'WARN', METRICS_API_KEY: 'metrics-key-0123456789' });
    const config = readObservabilityConfig(env);
    expect(config.logLevel).toBe('warn');
    expect(config.metricsKeys?.verify('metrics-key-0123456789')).toBeDefined();
    expect(inspect(config)).not.toContain('metrics-key-0123456789');
    expect(
      readObservabilityConfig(new EnvironmentReader({ METRICS_API_KEY: hashedApiKeyEntry('metrics-key-0123456789') })).metricsKeys?.verify(
        'metrics-key-0123456789',
      ),
    ).toBeDefined();
  });

  it('names LOG_LEVEL and METRICS_API_KEY in its problems', () => {
    const env = new EnvironmentReader({ LOG_LEVEL: 'loud', METRICS_API_KEY: 'short' });
    readObservabilityConfig(env);
    expect(env.problems).toEqual([
      'LOG_LEVEL must be one of silent, fatal, error, warn, info, debug, trace (got "loud")',
      'METRICS_API_KEY entry 1 is shorter than 16 characters',
    ]);
  });
});

describe('readSecurityConfig', () => {
  it('defaults to 600 a minute with bursts of 100, and derives the burst from the rate', () => {
    expect(readSecurityConfig(new EnvironmentReader({}))).toEqual({ rateLimitPerMinute: 600, rateLimitBurst: 100 });
    expect(readSecurityConfig(new EnvironmentReader({ RATE_LIMIT_PER_MINUTE: '60' }))).toEqual({
      rateLimitPerMinute: 60,
      rateLimitBurst: 10,
    });
    expect(readSecurityConfig(new EnvironmentReader({ RATE_LIMIT_PER_MINUTE: '0' }))).toEqual({ rateLimitPerMinute: 0, rateLimitBurst: 1 });
    expect(readSecurityConfig(new EnvironmentReader({ RATE_LIMIT_PER_MINUTE: '6000', RATE_LIMIT_BURST: '20' }))).toEqual({
      rateLimitPerMinute: 6000,
      rateLimitBurst: 20,
    });
  });
});
