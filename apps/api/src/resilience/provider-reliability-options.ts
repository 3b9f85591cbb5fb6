import { Logger } from '@nestjs/common';
import type { KlarnaModuleOptions } from '@paytokens/adapters-klarna';
import type { ZenkiModuleOptions } from '@paytokens/adapters-zenki';
import type { KlarnaConfig } from '../config/klarna.config';
import type { ZenkiConfig } from '../config/zenki.config';
import type { PersistenceStores } from '../persistence/persistence-stores';
import type { ProviderEvents } from './provider-events';

const idempotencyLogger = new Logger('Idempotency');

/** KlarnaModule's circuit breaker, call observer and idempotency store (shared through Redis when configured). */
export function klarnaReliabilityOptions(
  config: KlarnaConfig,
  events: ProviderEvents,
  stores: PersistenceStores,
): Pick<KlarnaModuleOptions, 'circuitBreaker' | 'onProviderCall' | 'idempotencyStore' | 'onIdempotencyStoreError'> {
  return {
    circuitBreaker: config.circuitBreaker,
    onProviderCall: events.publish,
    idempotencyStore: stores.idempotencyStore,
    // The caller got its token; only the record is missing, so a retry with the key cannot be replayed.
    onIdempotencyStoreError: (operation, error) =>
      idempotencyLogger.error(`Idempotency record ${operation} failed after Klarna answered: ${errorMessage(error)}`),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}

/** ZenkiModule's circuit breaker, call observer and token cache (shared through Redis when configured). */
export function zenkiReliabilityOptions(
  config: ZenkiConfig,
  events: ProviderEvents,
  stores: PersistenceStores,
): Pick<ZenkiModuleOptions, 'circuitBreaker' | 'onProviderCall' | 'cache'> {
  return { circuitBreaker: config.circuitBreaker, onProviderCall: events.publish, cache: stores.tokenCache };
}
