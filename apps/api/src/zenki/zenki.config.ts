import { registerAs } from '@nestjs/config';
import { ZENKI_DEFAULT_BASE_URL } from '@paytokens/adapters-zenki';
import type { EncryptionKeyRing } from '@paytokens/adapters-redis';
import type { Secret } from '@paytokens/domain';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import { readCircuitBreaker, type CircuitBreakerConfig } from '../config/circuit-breaker.config';
import { readValidated, type EnvironmentReader } from '../config/environment';
import { accountVariable, readAccountKeyRing, readAccountNames } from '../config/provider-accounts';
import { optionalInteger, providerContext, requireCredentials, type ProviderContext } from '../config/provider-context';

/** Name of the `zenki` config namespace. */
export const ZENKI_NAMESPACE = 'zenki';

/** One Zenki client. Without credentials only while simulating (the simulator's are used). */
export interface ZenkiAccountConfig {
  /** `default` for today's single-account variables, else a name from ZENKI_ACCOUNTS. */
  name: string;
  /** Ignored while simulating. */
  baseUrl: string;
  clientId?: string;
  /** The current secret first; during a rotation the old one after it (`new,old`). */
  clientSecrets?: Secret[];
  /** ZENKI_<NAME>_REDIS_ENCRYPTION_KEYS: this account's own Redis key ring; unset, REDIS_ENCRYPTION_KEYS encrypts it. */
  redisEncryptionKeys?: EncryptionKeyRing;
}

/** The `zenki` config namespace: the accounts, and the settings they share. */
export interface ZenkiConfig {
  accounts: ZenkiAccountConfig[];
  timeoutMs?: number;
  /** ZENKI_CIRCUIT_FAILURES and ZENKI_CIRCUIT_HALF_OPEN_MS (one breaker per account); `false` when turned off. */
  circuitBreaker: CircuitBreakerConfig;
  tokenSkewSeconds?: number;
}

/** Reads the `zenki` namespace; problems are collected on the reader. */
export function readZenkiConfig(env: EnvironmentReader, app: ProviderContext): ZenkiConfig {
  return {
    accounts: readAccountNames(env, 'ZENKI').map((name) => readZenkiAccount(env, app, name)),
    timeoutMs: optionalInteger(env, 'ZENKI_TIMEOUT_MS', 1, 120_000),
    circuitBreaker: readCircuitBreaker(env, 'ZENKI'),
    tokenSkewSeconds: optionalInteger(env, 'ZENKI_TOKEN_SKEW_SECONDS', 0, 3600),
  };
}

function readZenkiAccount(env: EnvironmentReader, app: ProviderContext, name: string): ZenkiAccountConfig {
  const variable = (setting: string) => accountVariable('ZENKI', name, setting);
  const account: ZenkiAccountConfig = {
    name,
    baseUrl: env.url(variable('BASE_URL'), { requireHttps: app.production }) ?? ZENKI_DEFAULT_BASE_URL,
    clientId: env.string(variable('CLIENT_ID')),
    clientSecrets: env.secrets(variable('CLIENT_SECRET')),
    redisEncryptionKeys: readAccountKeyRing(env, 'ZENKI', name),
  };
  requireCredentials(env, app, name === DEFAULT_ACCOUNT ? 'Zenki' : `Zenki (account ${name})`, {
    [variable('CLIENT_ID')]: account.clientId,
    [variable('CLIENT_SECRET')]: account.clientSecrets,
  });
  return account;
}

/** The `zenki` namespace. Its KEY injects the ZenkiConfig AppModule was given; on its own it reads process.env. */
export const zenkiConfig = registerAs(ZENKI_NAMESPACE, (): ZenkiConfig =>
  readValidated(process.env, (env) => readZenkiConfig(env, providerContext(env))),
);
