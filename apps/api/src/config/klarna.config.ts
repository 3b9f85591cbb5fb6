import { registerAs } from '@nestjs/config';
import type { Secret } from '@paytokens/domain';
import type { AppConfig } from './app.config';
import { readValidated, type EnvironmentReader } from './environment';

/** Name of the `klarna` config namespace. */
export const KLARNA_NAMESPACE = 'klarna';

/** Klarna's API regions. */
export const KLARNA_REGIONS = ['eu', 'na', 'oc'] as const;
/** Klarna's environments: test (playground) or live (production). */
export const KLARNA_ENVIRONMENTS = ['playground', 'production'] as const;

/** The `klarna` config namespace. Without credentials only while simulating (the simulator's are used). */
export interface KlarnaConfig {
  region: (typeof KLARNA_REGIONS)[number];
  environment: (typeof KLARNA_ENVIRONMENTS)[number];
  /** Overrides region and environment; ignored while simulating. */
  baseUrl?: string;
  username?: string;
  password?: Secret;
  timeoutMs?: number;
}

/** What the provider namespaces need to know about the app. */
export type ProviderContext = Pick<AppConfig, 'production' | 'simulateProviders'>;

/** Reads the `klarna` namespace; problems are collected on the reader. */
export function readKlarnaConfig(env: EnvironmentReader, app: ProviderContext): KlarnaConfig {
  const config: KlarnaConfig = {
    region: env.oneOf('KLARNA_REGION', KLARNA_REGIONS, 'eu'),
    environment: env.oneOf('KLARNA_ENVIRONMENT', KLARNA_ENVIRONMENTS, 'playground'),
    baseUrl: env.url('KLARNA_BASE_URL', { requireHttps: app.production }),
    username: env.string('KLARNA_USERNAME'),
    password: env.secret('KLARNA_PASSWORD'),
    timeoutMs: optionalInteger(env, 'KLARNA_TIMEOUT_MS', 1, 120_000),
  };
  if (!app.simulateProviders) {
    const missing = [config.username ? undefined : 'KLARNA_USERNAME', config.password ? undefined : 'KLARNA_PASSWORD'].filter(Boolean);
    if (missing.length > 0) {
      env.problems.push(`Klarna credentials are missing: set ${missing.join(' and ')} (or SIMULATE_PROVIDERS=true to use the embedded simulator)`);
    }
  }
  return config;
}

/** The `klarna` namespace. Its KEY injects the KlarnaConfig AppModule was given; on its own it reads process.env. */
export const klarnaConfig = registerAs(KLARNA_NAMESPACE, (): KlarnaConfig =>
  readValidated(process.env, (env) => readKlarnaConfig(env, providerContext(env))),
);

/** The two app flags the provider namespaces depend on. */
export function providerContext(env: EnvironmentReader): ProviderContext {
  return {
    production: env.string('NODE_ENV')?.toLowerCase() === 'production',
    simulateProviders: env.boolean('SIMULATE_PROVIDERS', false),
  };
}

/** An optional whole number: undefined when unset, so the adapter's own default applies. */
export function optionalInteger(env: EnvironmentReader, name: string, min: number, max: number): number | undefined {
  return env.string(name) === undefined ? undefined : env.integer(name, min, min, max);
}
