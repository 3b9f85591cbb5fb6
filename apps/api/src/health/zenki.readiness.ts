import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { GetAccessToken, isPaytokensError } from '@paytokens/domain';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import type { ReadinessCheck } from './readiness-check';

/**
 * Zenki is ready when an access token can be had: from the cache when it is warm, else fetched (which
 * warms it). So readiness also proves the credentials work. Never shows the token.
 */
@Injectable()
export class ZenkiReadiness implements ReadinessCheck {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly getAccessToken: GetAccessToken,
    @Inject(PROVIDER_SIMULATORS) private readonly simulators: ProviderSimulators | null,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('zenki');
    const simulated = this.simulators !== null;
    try {
      const token = await this.getAccessToken.execute();
      return indicator.up({ simulated, accessToken: 'available', expiresIn: token.expiresInSecondsAt(Date.now()) });
    } catch (error) {
      return indicator.down({ simulated, accessToken: 'unavailable', code: isPaytokensError(error) ? error.code : 'UNKNOWN' });
    }
  }
}
