import { registerAs } from '@nestjs/config';
import { KLARNA_ENVIRONMENTS, KLARNA_REGIONS, type KlarnaEnvironment, type KlarnaRegion } from '@paytokens/adapters-klarna';
import type { EncryptionKeyRing } from '@paytokens/adapters-redis';
import type { Secret } from '@paytokens/domain';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import { readCircuitBreaker, type CircuitBreakerConfig } from '../config/circuit-breaker.config';
import { readValidated, type EnvironmentReader } from '../config/environment';
import { accountVariable, readAccountKeyRing, readAccountNames } from '../config/provider-accounts';
import { optionalInteger, providerContext, requireCredentials, type ProviderContext } from '../config/provider-context';

/** Name of the `klarna` config namespace. */
export const KLARNA_NAMESPACE = 'klarna';

/** One Klarna merchant account. Without credentials only while simulating (the simulator's are used). */
export interface KlarnaAccountConfig {
  /** `default` for today's single-account variables, else a name from KLARNA_ACCOUNTS. */
  name: string;
  region: KlarnaRegion;
  environment: KlarnaEnvironment;
  /** Overrides region and environment; ignored while simulating. */
  baseUrl?: string;
  username?: string;
  password?: Secret;
  /** KLARNA_<NAME>_REDIS_ENCRYPTION_KEYS: this account's own Redis key ring; unset, REDIS_ENCRYPTION_KEYS encrypts it. */
  redisEncryptionKeys?: EncryptionKeyRing;
}

/** The `klarna` config namespace: the accounts, and the settings they share. */
export interface KlarnaConfig {
  accounts: KlarnaAccountConfig[];
  timeoutMs?: number;
  /** KLARNA_CREATE_TIMEOUT_MS: the create-token deadline, longer than the others (a cut create spends the authorization). */
  createTimeoutMs?: number;
  /** KLARNA_CIRCUIT_FAILURES and KLARNA_CIRCUIT_HALF_OPEN_MS (one breaker per account); `false` when turned off. */
  circuitBreaker: CircuitBreakerConfig;
}

/** Reads the `klarna` namespace; problems are collected on the reader. */
export function readKlarnaConfig(env: EnvironmentReader, app: ProviderContext): KlarnaConfig {
  const config: KlarnaConfig = {
    accounts: readAccountNames(env, 'KLARNA').map((name) => readKlarnaAccount(env, app, name)),
    timeoutMs: optionalInteger(env, 'KLARNA_TIMEOUT_MS', 1, 120_000),
    createTimeoutMs: optionalInteger(env, 'KLARNA_CREATE_TIMEOUT_MS', 1, 300_000),
    circuitBreaker: readCircuitBreaker(env, 'KLARNA'),
  };
  if (config.createTimeoutMs !== undefined && config.createTimeoutMs < (config.timeoutMs ?? 10_000)) {
    env.problems.push('KLARNA_CREATE_TIMEOUT_MS must not be shorter than KLARNA_TIMEOUT_MS');
  }
  return config;
}

function readKlarnaAccount(env: EnvironmentReader, app: ProviderContext, name: string): KlarnaAccountConfig {
  const variable = (setting: string) => accountVariable('KLARNA', name, setting);
  const account: KlarnaAccountConfig = {
    name,
    region: env.oneOf(variable('REGION'), KLARNA_REGIONS, 'eu'),
    environment: env.oneOf(variable('ENVIRONMENT'), KLARNA_ENVIRONMENTS, 'playground'),
    baseUrl: env.url(variable('BASE_URL'), { requireHttps: app.production }),
    username: env.string(variable('USERNAME')),
    password: env.secret(variable('PASSWORD')),
    redisEncryptionKeys: readAccountKeyRing(env, 'KLARNA', name),
  };
  requireCredentials(env, app, name === DEFAULT_ACCOUNT ? 'Klarna' : `Klarna (account ${name})`, {
    [variable('USERNAME')]: account.username,
    [variable('PASSWORD')]: account.password,
  });
  return account;
}

/** The `klarna` namespace. Its KEY injects the KlarnaConfig AppModule was given; on its own it reads process.env. */
export const klarnaConfig = registerAs(KLARNA_NAMESPACE, (): KlarnaConfig =>
  readValidated(process.env, (env) => readKlarnaConfig(env, providerContext(env))),
);
