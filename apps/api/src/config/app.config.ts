import { registerAs } from '@nestjs/config';
import type { Secret } from '@paytokens/domain';
import { ApiKeyRing } from '../auth/api-key-ring';
import { readValidated, type EnvironmentReader } from './environment';

/** Name of the `app` config namespace. */
export const APP_NAMESPACE = 'app';

/** Largest request body accepted (bytes); the largest valid customer-token request is well below it. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** The `app` config namespace: how the API listens and whom it lets in. */
export interface AppConfig {
  production: boolean;
  host: string;
  port: number;
  /** Run the embedded Klarna and Zenki simulators and point the adapters at them. */
  simulateProviders: boolean;
  apiKeys: ApiKeyRing;
  /** Set when API_KEYS was unset outside production: printed once at start-up, never again. */
  generatedApiKey?: Secret;
  bodyLimitBytes: number;
}

/** Reads the `app` namespace; problems are collected on the reader. */
export function readAppConfig(env: EnvironmentReader): AppConfig {
  const production = env.string('NODE_ENV')?.toLowerCase() === 'production';
  const simulateProviders = env.boolean('SIMULATE_PROVIDERS', false);
  if (production && simulateProviders) {
    env.problems.push('SIMULATE_PROVIDERS=true is refused with NODE_ENV=production: simulated providers issue no real tokens');
  }
  const keys = readApiKeys(env, production);
  return {
    production,
    host: env.string('HOST') ?? '127.0.0.1',
    port: env.integer('PORT', 3000, 0, 65535),
    simulateProviders,
    apiKeys: keys.ring,
    generatedApiKey: keys.generated,
    bodyLimitBytes: BODY_LIMIT_BYTES,
  };
}

/** The configured keys; outside production, when none are, a generated one (printed once by main). */
function readApiKeys(env: EnvironmentReader, production: boolean): { ring: ApiKeyRing; generated?: Secret } {
  const list = env.secret('API_KEYS');
  if (list) {
    const parsed = ApiKeyRing.parse(list.reveal());
    env.problems.push(...parsed.problems);
    return { ring: parsed.ring };
  }
  if (production)
    env.problems.push('API_KEYS must be set with NODE_ENV=production (comma-separated keys, or sha256:<hex> digests of keys)');
  const generated = ApiKeyRing.generate();
  return { ring: generated.ring, generated: production ? undefined : generated.key };
}

/**
 * The `app` namespace. Its KEY injects the AppConfig that AppModule was given; used on its own (e.g. in
 * `ConfigModule.forFeature`) it reads process.env.
 */
export const appConfig = registerAs(APP_NAMESPACE, (): AppConfig => readValidated(process.env, readAppConfig));
