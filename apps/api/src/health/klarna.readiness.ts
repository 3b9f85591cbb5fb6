import { Inject, Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { InjectKlarnaHealthIndicator, type KlarnaHealthIndicator } from '@paytokens/adapters-klarna';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { withSimulated, type ReadinessCheck } from './readiness-check';

/**
 * Klarna's readiness, from the adapter's own indicator: down while the circuit is open (no probe sent), else
 * up when the base URL (the simulator's while simulating) answers HTTP at all through the gateway's pool.
 */
@Injectable()
export class KlarnaReadiness implements ReadinessCheck {
  constructor(
    @InjectKlarnaHealthIndicator() private readonly indicator: KlarnaHealthIndicator,
    @Inject(PROVIDER_SIMULATORS) private readonly simulators: ProviderSimulators | null,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    return withSimulated(await this.indicator.isHealthy('klarna'), this.simulators !== null);
  }
}
