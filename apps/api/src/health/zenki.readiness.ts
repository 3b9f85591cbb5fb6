import { Inject, Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { InjectZenkiHealthIndicator, type ZenkiHealthIndicator } from '@paytokens/adapters-zenki';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { withSimulated, type ReadinessCheck } from './readiness-check';

/**
 * Zenki's readiness, from the adapter's own indicator: up when an access token can be had (from the cache when
 * warm, else fetched, which proves the credentials); down while the circuit is open. Never shows the token.
 */
@Injectable()
export class ZenkiReadiness implements ReadinessCheck {
  constructor(
    @InjectZenkiHealthIndicator() private readonly indicator: ZenkiHealthIndicator,
    @Inject(PROVIDER_SIMULATORS) private readonly simulators: ProviderSimulators | null,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    return withSimulated(await this.indicator.isHealthy('zenki'), this.simulators !== null);
  }
}
