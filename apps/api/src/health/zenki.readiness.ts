import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ZENKI_CIRCUIT, type ProviderCircuit } from '@paytokens/adapters-zenki';
import { GetAccessToken, isPaytokensError } from '@paytokens/domain';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import type { ReadinessCheck } from './readiness-check';

/**
 * Zenki is ready when an access token can be had: from the cache when it is warm, else fetched (which
 * warms it). So readiness also proves the credentials work. Never shows the token. While Zenki's circuit
 * breaker is open Zenki is down, even though a cached token may still be served (the details say so).
 */
@Injectable()
export class ZenkiReadiness implements ReadinessCheck {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly getAccessToken: GetAccessToken,
    @Inject(PROVIDER_SIMULATORS) private readonly simulators: ProviderSimulators | null,
    @Inject(ZENKI_CIRCUIT) private readonly circuit: ProviderCircuit,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('zenki');
    const simulated = this.simulators !== null;
    // From the cache while it holds a fresh token; an open circuit refuses a fetch at once, without a request.
    let details: Record<string, unknown>;
    let available: boolean;
    try {
      const token = await this.getAccessToken.execute();
      available = true;
      details = { simulated, accessToken: 'available', expiresIn: token.expiresInSecondsAt(Date.now()) };
    } catch (error) {
      available = false;
      details = { simulated, accessToken: 'unavailable', code: isPaytokensError(error) ? error.code : 'UNKNOWN' };
    }
    const circuit = this.circuit.state;
    if (circuit === 'open') return indicator.down({ ...details, circuit, retryAfterSeconds: this.circuit.retryAfterSeconds });
    return available ? indicator.up({ ...details, circuit }) : indicator.down({ ...details, circuit });
  }
}
