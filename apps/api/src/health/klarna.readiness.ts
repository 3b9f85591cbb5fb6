import type { HealthIndicatorResult } from '@nestjs/terminus';
import { KlarnaAccounts } from '../klarna/klarna-accounts';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { withSimulated, type ReadinessCheck } from './readiness-check';

/**
 * Readiness checks, one per Klarna account (its line is `klarna`, or `klarna:<account>`), from the adapter's own
 * indicator: down while the account's circuit is open (no probe sent), else up when its base URL (the simulator's
 * while simulating) answers HTTP at all through the gateway's pool.
 */
export function klarnaReadinessChecks(accounts: KlarnaAccounts, simulators: ProviderSimulators | null): ReadinessCheck[] {
  return accounts.all.map(({ health }) => ({
    check: async (): Promise<HealthIndicatorResult> => withSimulated(await health.isHealthy(), simulators !== null),
  }));
}
