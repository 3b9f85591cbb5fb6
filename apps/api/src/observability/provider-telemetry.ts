import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ProviderEvents } from '../resilience/provider-events';
import { TELEMETRY } from './observability.constants';
import type { Telemetry } from './telemetry';

/**
 * Feeds the adapters' provider-call events and circuit transitions (through ResilienceModule's
 * ProviderEvents) into the metrics and the log; the circuits' starting states are read once the app is up.
 */
@Injectable()
export class ProviderTelemetry implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[];

  constructor(
    @Inject(TELEMETRY) private readonly telemetry: Telemetry,
    private readonly events: ProviderEvents,
  ) {
    this.unsubscribe = [
      events.onProviderCall(telemetry.onProviderCall),
      events.onCircuitStateChange(({ provider, account, state }) => telemetry.onCircuitState(provider, account, state)),
    ];
  }

  onApplicationBootstrap(): void {
    for (const circuit of this.events.circuits()) this.telemetry.metrics.setCircuitState(circuit.provider, circuit.account, circuit.state);
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }
}
