import { type ConfigFactory, registerAs } from '@nestjs/config';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import { APP_NAMESPACE, readAppConfig, type AppConfig } from './app.config';
import { ConfigurationError } from './configuration.error';
import { EnvironmentReader, type Environment } from './environment';
import { LIMITS_NAMESPACE, readLimitsConfig, type LimitsConfig } from './limits.config';
import { KLARNA_NAMESPACE, readKlarnaConfig, type KlarnaConfig } from '../klarna/klarna.config';
import { OBSERVABILITY_NAMESPACE, readObservabilityConfig, type ObservabilityConfig } from './observability.config';
import { accountVariable, ACCOUNT_ENCRYPTION_KEYS_SETTING } from './provider-accounts';
import { readRedisConfig, REDIS_ENCRYPTION_KEYS, REDIS_NAMESPACE, type RedisConfig } from './redis.config';
import { readSecurityConfig, SECURITY_NAMESPACE, type SecurityConfig } from './security.config';
import { readZenkiConfig, ZENKI_NAMESPACE, type ZenkiConfig } from '../zenki/zenki.config';

/** Every config namespace, read and validated together. */
export interface Configuration {
  app: AppConfig;
  klarna: KlarnaConfig;
  zenki: ZenkiConfig;
  observability: ObservabilityConfig;
  security: SecurityConfig;
  redis: RedisConfig;
  limits: LimitsConfig;
}

/** Reads every namespace from `env`; throws one ConfigurationError listing every problem found. */
export function loadConfiguration(env: Environment): Configuration {
  const reader = new EnvironmentReader(env);
  const app = readAppConfig(reader);
  const configuration = {
    app,
    klarna: readKlarnaConfig(reader, app),
    zenki: readZenkiConfig(reader, app),
    observability: readObservabilityConfig(reader),
    security: readSecurityConfig(reader),
    redis: readRedisConfig(reader),
    limits: readLimitsConfig(reader),
  };
  checkKeyAccounts(reader, configuration);
  checkRedisEncryption(reader, configuration);
  if (reader.problems.length > 0) throw new ConfigurationError(reader.problems);
  return configuration;
}

/** Every account an API key is limited to must be a configured Klarna or Zenki account. */
function checkKeyAccounts(reader: EnvironmentReader, { app, klarna, zenki }: Pick<Configuration, 'app' | 'klarna' | 'zenki'>): void {
  const configured = new Set([...klarna.accounts, ...zenki.accounts].map(({ name }) => name));
  const unknown = app.apiKeys.restrictedAccounts.filter((name) => !configured.has(name));
  if (unknown.length > 0)
    reader.problems.push(
      `API_KEYS limits keys to accounts that are not configured: ${unknown.join(', ')} (configured: ${[...configured].join(', ')})`,
    );
}

/**
 * With Redis configured, production refuses an account whose values would be written in clear: every account needs
 * its own ring or REDIS_ENCRYPTION_KEYS. Problems name the variables, never key material.
 */
function checkRedisEncryption(
  reader: EnvironmentReader,
  { app, klarna, zenki, redis }: Pick<Configuration, 'app' | 'klarna' | 'zenki' | 'redis'>,
): void {
  if (!app.production || !redis.target || redis.encryptionKeys) return;
  const accounts = [
    ...klarna.accounts.map((account) => ({ provider: 'KLARNA' as const, account })),
    ...zenki.accounts.map((account) => ({ provider: 'ZENKI' as const, account })),
  ];
  const bare = accounts.filter(({ account }) => !account.redisEncryptionKeys);
  if (bare.length === 0) return;
  // The account `default` has no variable of its own: only REDIS_ENCRYPTION_KEYS covers it.
  const alternative = bare.some(({ account }) => account.name === DEFAULT_ACCOUNT)
    ? ''
    : ` (or ${bare.map(({ provider, account }) => accountVariable(provider, account.name, ACCOUNT_ENCRYPTION_KEYS_SETTING)).join(' and ')})`;
  reader.problems.push(
    `${REDIS_ENCRYPTION_KEYS} must be set with NODE_ENV=production when Redis is configured${alternative}: ` +
      `comma-separated id:base64 keys of 32 random bytes, e.g. k1:$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")`,
  );
}

/** The namespaces as `ConfigModule.forRoot({ load })` wants them, under the KEYs of appConfig, klarnaConfig and zenkiConfig. */
export function configNamespaces(configuration: Configuration): ConfigFactory[] {
  return [
    registerAs(APP_NAMESPACE, () => configuration.app),
    registerAs(KLARNA_NAMESPACE, () => configuration.klarna),
    registerAs(ZENKI_NAMESPACE, () => configuration.zenki),
    registerAs(OBSERVABILITY_NAMESPACE, () => configuration.observability),
    registerAs(SECURITY_NAMESPACE, () => configuration.security),
    registerAs(REDIS_NAMESPACE, () => configuration.redis),
    registerAs(LIMITS_NAMESPACE, () => configuration.limits),
  ];
}
