import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectKlarnaCircuit } from '@paytokens/adapters-klarna';
import { InjectZenkiCircuit } from '@paytokens/adapters-zenki';
import type { ProviderCircuit } from '@paytokens/provider-kit';
import { ProviderEvents, type ProviderName } from './provider-events';

const NAMES: Record<ProviderName, string> = { klarna: 'Klarna', zenki: 'Zenki' };

/** Registers both providers' circuit breakers with ProviderEvents and logs every transition once. */
@Injectable()
export class CircuitWatch implements OnModuleDestroy {
  private readonly logger = new Logger('ProviderCircuits');
  private readonly unsubscribe: (() => void)[] = [];

  constructor(events: ProviderEvents, @InjectKlarnaCircuit() klarna: ProviderCircuit, @InjectZenkiCircuit() zenki: ProviderCircuit) {
    // In the constructor, so the circuits are listed as soon as anything can ask.
    this.unsubscribe.push(events.registerCircuit('klarna', klarna), events.registerCircuit('zenki', zenki));
    this.unsubscribe.push(
      events.onCircuitStateChange(({ provider, state }) => {
        const circuit = provider === 'klarna' ? klarna : zenki;
        if (state === 'open') {
          this.logger.warn(`${NAMES[provider]} circuit open: calls fail fast without reaching ${NAMES[provider]} for ${circuit.retryAfterSeconds ?? 1} s`);
        } else if (state === 'closed') {
          // A warning too, so that with the default log levels the recovery shows next to the outage.
          this.logger.warn(`${NAMES[provider]} circuit closed: calls reach ${NAMES[provider]} again`);
        }
      }),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }
}
