import { registerAs } from '@nestjs/config';
import { ZENKI_DEFAULT_BASE_URL } from '@paytokens/adapters-zenki';
import type { Secret } from '@paytokens/domain';
import { readCircuitBreaker, type CircuitBreakerConfig } from '../config/circuit-breaker.config';
import { readValidated, type EnvironmentReader } from '../config/environment';
import { optionalInteger, providerContext, requireCredentials, type ProviderContext } from '../config/provider-context';

/** Name of the `zenki` config namespace. */
export const ZENKI_NAMESPACE = 'zenki';

/** The `zenki` config namespace. Without credentials only while simulating (the simulator's are used). */
export interface ZenkiConfig {
  /** Ignored while simulating. */
  baseUrl: string;
  clientId?: string;
  clientSecret?: Secret;
  timeoutMs?: number;
  /** ZENKI_CIRCUIT_FAILURES and ZENKI_CIRCUIT_HALF_OPEN_MS; `false` when turned off. */
  circuitBreaker: CircuitBreakerConfig;
  tokenSkewSeconds?: number;
}

/** Reads the `zenki` namespace; problems are collected on the reader. */
export function readZenkiConfig(env: EnvironmentReader, app: ProviderContext): ZenkiConfig {
  const config: ZenkiConfig = {
    baseUrl: env.url('ZENKI_BASE_URL', { requireHttps: app.production }) ?? ZENKI_DEFAULT_BASE_URL,
    clientId: env.string('ZENKI_CLIENT_ID'),
    clientSecret: env.secret('ZENKI_CLIENT_SECRET'),
    timeoutMs: optionalInteger(env, 'ZENKI_TIMEOUT_MS', 1, 120_000),
    circuitBreaker: readCircuitBreaker(env, 'ZENKI'),
    tokenSkewSeconds: optionalInteger(env, 'ZENKI_TOKEN_SKEW_SECONDS', 0, 3600),
  };
  requireCredentials(env, app, 'Zenki', { ZENKI_CLIENT_ID: config.clientId, ZENKI_CLIENT_SECRET: config.clientSecret });
  return config;
}

/** The `zenki` namespace. Its KEY injects the ZenkiConfig AppModule was given; on its own it reads process.env. */
export const zenkiConfig = registerAs(ZENKI_NAMESPACE, (): ZenkiConfig =>
  readValidated(process.env, (env) => readZenkiConfig(env, providerContext(env))),
);
