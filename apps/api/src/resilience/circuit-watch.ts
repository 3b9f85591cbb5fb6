import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import { KlarnaAccounts } from '../klarna/klarna-accounts';
import { ZenkiAccounts } from '../zenki/zenki-accounts';
import { ProviderEvents, type ProviderName } from './provider-events';

const NAMES: Record<ProviderName, string> = { klarna: 'Klarna', zenki: 'Zenki' };

/** Registers every provider account's circuit breaker with ProviderEvents and logs every transition once. */
@Injectable()
export class CircuitWatch implements OnModuleDestroy {
  private readonly logger = new Logger('ProviderCircuits');
  private readonly unsubscribe: (() => void)[] = [];

  constructor(events: ProviderEvents, klarna: KlarnaAccounts, zenki: ZenkiAccounts) {
    const circuits = new Map<string, { retryAfterSeconds: number | undefined }>();
    // In the constructor, so the circuits are listed as soon as anything can ask.
    for (const [provider, accounts] of [
      ['klarna', klarna.all],
      ['zenki', zenki.all],
    ] as const) {
      for (const { name, circuit } of accounts) {
        circuits.set(`${provider}:${name}`, circuit);
        this.unsubscribe.push(events.registerCircuit(provider, circuit, name));
      }
    }
    this.unsubscribe.push(
      events.onCircuitStateChange(({ provider, account, state }) => {
        const circuit = circuits.get(`${provider}:${account}`);
        const who = account === DEFAULT_ACCOUNT ? NAMES[provider] : `${NAMES[provider]} (account ${account})`;
        if (state === 'open') {
          this.logger.warn(
            `${who} circuit open: calls fail fast without reaching ${NAMES[provider]} for ${circuit?.retryAfterSeconds ?? 1} s`,
          );
        } else if (state === 'closed') {
          // A warning too, so that with the default log levels the recovery shows next to the outage.
          this.logger.warn(`${who} circuit closed: calls reach ${NAMES[provider]} again`);
        }
      }),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }
}
