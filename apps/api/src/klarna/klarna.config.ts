import { registerAs } from '@nestjs/config';
import { KLARNA_ENVIRONMENTS, KLARNA_REGIONS, type KlarnaEnvironment, type KlarnaRegion } from '@paytokens/adapters-klarna';
import type { Secret } from '@paytokens/domain';
import { readCircuitBreaker, type CircuitBreakerConfig } from '../config/circuit-breaker.config';
import { readValidated, type EnvironmentReader } from '../config/environment';
import { optionalInteger, providerContext, requireCredentials, type ProviderContext } from '../config/provider-context';

/** Name of the `klarna` config namespace. */
export const KLARNA_NAMESPACE = 'klarna';

/** The `klarna` config namespace. Without credentials only while simulating (the simulator's are used). */
export interface KlarnaConfig {
  region: KlarnaRegion;
  environment: KlarnaEnvironment;
  /** Overrides region and environment; ignored while simulating. */
  baseUrl?: string;
  username?: string;
  password?: Secret;
  timeoutMs?: number;
  /** KLARNA_CREATE_TIMEOUT_MS: the create-token deadline, longer than the others (a cut create spends the authorization). */
  createTimeoutMs?: number;
  /** KLARNA_CIRCUIT_FAILURES and KLARNA_CIRCUIT_HALF_OPEN_MS; `false` when turned off. */
  circuitBreaker: CircuitBreakerConfig;
}

/** Reads the `klarna` namespace; problems are collected on the reader. */
export function readKlarnaConfig(env: EnvironmentReader, app: ProviderContext): KlarnaConfig {
  const config: KlarnaConfig = {
    region: env.oneOf('KLARNA_REGION', KLARNA_REGIONS, 'eu'),
    environment: env.oneOf('KLARNA_ENVIRONMENT', KLARNA_ENVIRONMENTS, 'playground'),
    baseUrl: env.url('KLARNA_BASE_URL', { requireHttps: app.production }),
    username: env.string('KLARNA_USERNAME'),
    password: env.secret('KLARNA_PASSWORD'),
    timeoutMs: optionalInteger(env, 'KLARNA_TIMEOUT_MS', 1, 120_000),
    createTimeoutMs: optionalInteger(env, 'KLARNA_CREATE_TIMEOUT_MS', 1, 300_000),
    circuitBreaker: readCircuitBreaker(env, 'KLARNA'),
  };
  if (config.createTimeoutMs !== undefined && config.createTimeoutMs < (config.timeoutMs ?? 10_000)) {
    env.problems.push('KLARNA_CREATE_TIMEOUT_MS must not be shorter than KLARNA_TIMEOUT_MS');
  }
  requireCredentials(env, app, 'Klarna', { KLARNA_USERNAME: config.username, KLARNA_PASSWORD: config.password });
  return config;
}

/** The `klarna` namespace. Its KEY injects the KlarnaConfig AppModule was given; on its own it reads process.env. */
export const klarnaConfig = registerAs(KLARNA_NAMESPACE, (): KlarnaConfig =>
  readValidated(process.env, (env) => readKlarnaConfig(env, providerContext(env))),
);
