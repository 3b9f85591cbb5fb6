import type { ZenkiModuleOptions } from '@paytokens/adapters-zenki';
import type { PersistenceStores } from '../persistence/persistence-stores';
import type { ProviderEvents } from '../resilience/provider-events';
import { simulatorCredentials, type ProviderSimulators } from '../simulation/provider-simulators';
import type { ZenkiAccountConfig, ZenkiConfig } from './zenki.config';

/**
 * One account's ZenkiModule options from the `zenki` namespace. While simulating, the adapter talks to the embedded
 * simulator with its credentials (real ones in the environment are never sent to it); timeout and skew still apply.
 * `onTokenEvent` hears every token cache hit, miss, fetch and failure, `onSecretFallback` every fall back to an older secret.
 */
export function zenkiModuleOptions(
  config: ZenkiConfig,
  account: ZenkiAccountConfig,
  simulators: ProviderSimulators | null,
  listeners: Pick<ZenkiModuleOptions, 'onTokenEvent' | 'onSecretFallback'> = {},
): ZenkiModuleOptions {
  const tuning = { timeoutMs: config.timeoutMs, tokenSkewSeconds: config.tokenSkewSeconds, ...listeners };
  if (simulators) return { ...simulatorCredentials(account.name).zenki, baseUrl: simulators.zenki.url, ...tuning };
  // Configuration validation refused to start without both; the adapter re-checks.
  return { clientId: account.clientId ?? '', clientSecret: account.clientSecrets ?? [], baseUrl: account.baseUrl, ...tuning };
}

/** One account's circuit breaker, call observer and token cache (shared through Redis when configured, under its own key ring). */
export function zenkiReliabilityOptions(
  config: ZenkiConfig,
  account: ZenkiAccountConfig,
  events: ProviderEvents,
  stores: PersistenceStores,
): Pick<ZenkiModuleOptions, 'circuitBreaker' | 'onProviderCall' | 'cache'> {
  return {
    circuitBreaker: config.circuitBreaker,
    onProviderCall: events.publish,
    cache: stores.forAccount('zenki', account.name, account.redisEncryptionKeys).tokenCache,
  };
}
