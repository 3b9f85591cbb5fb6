import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { ZenkiAccounts } from '../zenki/zenki-accounts';
import { withSimulated, type ReadinessCheck } from './readiness-check';

/**
 * Readiness checks, one per Zenki account (its line is `zenki`, or `zenki:<account>`), from the adapter's own
 * indicator: up when an access token can be had (from the cache when warm, else fetched, which proves the
 * credentials); down while the account's circuit is open. Never shows the token.
 */
export function zenkiReadinessChecks(accounts: ZenkiAccounts, simulators: ProviderSimulators | null): ReadinessCheck[] {
  return accounts.all.map(({ health }) => ({
    check: async (): Promise<HealthIndicatorResult> => withSimulated(await health.isHealthy(), simulators !== null),
  }));
}
