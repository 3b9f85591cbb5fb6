import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KLARNA_CIRCUIT, KLARNA_GATEWAY_CONFIG, type KlarnaGatewayConfig, type ProviderCircuit } from '@paytokens/adapters-klarna';
import { Agent, request } from 'undici';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import type { ReadinessCheck } from './readiness-check';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Klarna is ready when its base URL (the simulator's while simulating) answers HTTP at all: any status
 * counts, since the probe carries no credentials. It checks the network path, not the credentials.
 * While Klarna's circuit breaker is open, Klarna is down (calls fail fast) and no probe is sent.
 */
@Injectable()
export class KlarnaReadiness implements ReadinessCheck, OnApplicationShutdown {
  private readonly agent = new Agent({ connectTimeout: PROBE_TIMEOUT_MS, keepAliveTimeout: 1_000 });

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(KLARNA_GATEWAY_CONFIG) private readonly gateway: KlarnaGatewayConfig,
    @Inject(PROVIDER_SIMULATORS) private readonly simulators: ProviderSimulators | null,
    @Inject(KLARNA_CIRCUIT) private readonly circuit: ProviderCircuit,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('klarna');
    const simulated = this.simulators !== null;
    const circuit = this.circuit.state;
    if (circuit === 'open') return indicator.down({ simulated, circuit, retryAfterSeconds: this.circuit.retryAfterSeconds });
    try {
      const response = await request(this.gateway.baseUrl, {
        method: 'HEAD',
        dispatcher: this.agent,
        headersTimeout: PROBE_TIMEOUT_MS,
        bodyTimeout: PROBE_TIMEOUT_MS,
      });
      await response.body.dump();
      return indicator.up({ simulated, reachable: true, circuit });
    } catch (error) {
      return indicator.down({ simulated, reachable: false, reason: (error as { code?: string }).code ?? 'unreachable', circuit });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}
