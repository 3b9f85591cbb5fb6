import { type ConfigFactory, registerAs } from '@nestjs/config';
import { APP_NAMESPACE, readAppConfig, type AppConfig } from './app.config';
import { ConfigurationError } from './configuration.error';
import { EnvironmentReader, type Environment } from './environment';
import { LIMITS_NAMESPACE, readLimitsConfig, type LimitsConfig } from './limits.config';
import { KLARNA_NAMESPACE, readKlarnaConfig, type KlarnaConfig } from '../klarna/klarna.config';
import { OBSERVABILITY_NAMESPACE, readObservabilityConfig, type ObservabilityConfig } from './observability.config';
import { readRedisConfig, REDIS_NAMESPACE, type RedisConfig } from './redis.config';
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
    redis: readRedisConfig(reader, app),
    limits: readLimitsConfig(reader),
  };
  checkKeyAccounts(reader, configuration);
  if (reader.problems.length > 0) throw new ConfigurationError(reader.problems);
  return configuration;
}

/** Every account an API key is limited to must be a configured Klarna or Zenki account. */
function checkKeyAccounts(reader: EnvironmentReader, { app, klarna, zenki }: Pick<Configuration, 'app' | 'klarna' | 'zenki'>): void {
  const configured = new Set([...klarna.accounts, ...zenki.accounts].map(({ name }) => name));
  const unknown = app.apiKeys.restrictedAccounts.filter((name) => !configured.has(name));
  if (unknown.length > 0) reader.problems.push(`API_KEYS limits keys to accounts that are not configured: ${unknown.join(', ')} (configured: ${[...configured].join(', ')})`);
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
