import type { KlarnaModuleOptions } from '@paytokens/adapters-klarna';
import type { ZenkiModuleOptions } from '@paytokens/adapters-zenki';
import type { KlarnaConfig } from '../config/klarna.config';
import type { ZenkiConfig } from '../config/zenki.config';
import type { PersistenceStores } from '../persistence/persistence-stores';
import type { ProviderEvents } from './provider-events';

/** KlarnaModule's circuit breaker, call observer and idempotency store (shared through Redis when configured). */
export function klarnaReliabilityOptions(
  config: KlarnaConfig,
  events: ProviderEvents,
  stores: PersistenceStores,
): Pick<KlarnaModuleOptions, 'circuitBreaker' | 'onProviderCall' | 'idempotencyStore'> {
  return { circuitBreaker: config.circuitBreaker, onProviderCall: events.publish, idempotencyStore: stores.idempotencyStore };
}

/** ZenkiModule's circuit breaker, call observer and token cache (shared through Redis when configured). */
export function zenkiReliabilityOptions(
  config: ZenkiConfig,
  events: ProviderEvents,
  stores: PersistenceStores,
): Pick<ZenkiModuleOptions, 'circuitBreaker' | 'onProviderCall' | 'cache'> {
  return { circuitBreaker: config.circuitBreaker, onProviderCall: events.publish, cache: stores.tokenCache };
}
