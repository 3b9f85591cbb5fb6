import type { ZenkiModuleOptions } from '@paytokens/adapters-zenki';
import type { AccessTokenEvent } from '@paytokens/domain';
import type { PersistenceStores } from '../persistence/persistence-stores';
import type { ProviderEvents } from '../resilience/provider-events';
import { SIMULATOR_CREDENTIALS, type ProviderSimulators } from '../simulation/provider-simulators';
import type { ZenkiConfig } from './zenki.config';

/**
 * ZenkiModule's options from the `zenki` namespace. While simulating, the adapter talks to the embedded
 * simulator with its credentials (real ones in the environment are never sent to it); timeout and skew still apply.
 * `onTokenEvent` hears every token cache hit, miss, fetch and failure (metrics and logs).
 */
export function zenkiModuleOptions(
  config: ZenkiConfig,
  simulators: ProviderSimulators | null,
  onTokenEvent?: (event: AccessTokenEvent) => void,
): ZenkiModuleOptions {
  const tuning = { timeoutMs: config.timeoutMs, tokenSkewSeconds: config.tokenSkewSeconds, onTokenEvent };
  if (simulators) return { ...SIMULATOR_CREDENTIALS.zenki, baseUrl: simulators.zenki.url, ...tuning };
  // Configuration validation refused to start without both; the adapter re-checks.
  return { clientId: config.clientId ?? '', clientSecret: config.clientSecret ?? '', baseUrl: config.baseUrl, ...tuning };
}

/** ZenkiModule's circuit breaker, call observer and token cache (shared through Redis when configured). */
export function zenkiReliabilityOptions(
  config: ZenkiConfig,
  events: ProviderEvents,
  stores: PersistenceStores,
): Pick<ZenkiModuleOptions, 'circuitBreaker' | 'onProviderCall' | 'cache'> {
  return { circuitBreaker: config.circuitBreaker, onProviderCall: events.publish, cache: stores.tokenCache };
}
