import type { KlarnaModuleOptions } from '@paytokens/adapters-klarna';
import type { KlarnaConfig } from '../config/klarna.config';
import { SIMULATOR_CREDENTIALS, type ProviderSimulators } from '../simulation/provider-simulators';

/**
 * KlarnaModule's options from the `klarna` namespace. While simulating, the adapter talks to the
 * embedded simulator with its credentials (real ones in the environment are never sent to it); the
 * timeout still applies.
 */
export function klarnaModuleOptions(config: KlarnaConfig, simulators: ProviderSimulators | null): KlarnaModuleOptions {
  if (simulators) {
    return { ...SIMULATOR_CREDENTIALS.klarna, baseUrl: simulators.klarna.url, timeoutMs: config.timeoutMs };
  }
  // Configuration validation refused to start without both; the adapter re-checks.
  return {
    username: config.username ?? '',
    password: config.password ?? '',
    region: config.region,
    environment: config.environment,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
  };
}
