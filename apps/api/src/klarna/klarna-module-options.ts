import { Logger } from '@nestjs/common';
import type { KlarnaModuleOptions } from '@paytokens/adapters-klarna';
import type { PersistenceStores } from '../persistence/persistence-stores';
import type { ProviderEvents } from '../resilience/provider-events';
import { simulatorCredentials, type ProviderSimulators } from '../simulation/provider-simulators';
import type { KlarnaAccountConfig, KlarnaConfig } from './klarna.config';

const idempotencyLogger = new Logger('Idempotency');

/**
 * One account's KlarnaModule options from the `klarna` namespace. While simulating, the adapter talks to the
 * embedded simulator with its credentials (real ones in the environment are never sent to it); the
 * timeout still applies.
 */
export function klarnaModuleOptions(
  config: KlarnaConfig,
  account: KlarnaAccountConfig,
  simulators: ProviderSimulators | null,
): KlarnaModuleOptions {
  if (simulators) {
    // The account's region stays: routing by purchase country reads it.
    return {
      ...simulatorCredentials(account.name).klarna,
      region: account.region,
      baseUrl: simulators.klarna.url,
      timeoutMs: config.timeoutMs,
      createTimeoutMs: config.createTimeoutMs,
    };
  }
  // Configuration validation refused to start without both; the adapter re-checks.
  return {
    username: account.username ?? '',
    password: account.password ?? '',
    region: account.region,
    environment: account.environment,
    baseUrl: account.baseUrl,
    timeoutMs: config.timeoutMs,
    createTimeoutMs: config.createTimeoutMs,
  };
}

/** One account's circuit breaker, call observer and idempotency store (shared through Redis when configured, under its own key ring). */
export function klarnaReliabilityOptions(
  config: KlarnaConfig,
  account: KlarnaAccountConfig,
  events: ProviderEvents,
  stores: PersistenceStores,
): Pick<KlarnaModuleOptions, 'circuitBreaker' | 'onProviderCall' | 'idempotencyStore' | 'onIdempotencyStoreError'> {
  return {
    circuitBreaker: config.circuitBreaker,
    onProviderCall: events.publish,
    idempotencyStore: stores.forAccount('klarna', account.name, account.redisEncryptionKeys).idempotencyStore,
    // The caller got its token; only the record is missing, so a retry with the key cannot be replayed.
    onIdempotencyStoreError: (operation, error) =>
      idempotencyLogger.error(
        `Idempotency record ${operation} failed after Klarna answered: ${error instanceof Error ? error.message : 'unknown error'}`,
      ),
  };
}
