/**
 * ProviderEvents: what the provider adapters report, for metrics, logs and readiness. Injectable anywhere
 * (ResilienceModule is global):
 *
 *   constructor(private readonly providerEvents: ProviderEvents) {}
 *
 *   providerEvents.onProviderCall(listener: (event: ProviderCallEvent) => void): () => void
 *     Every HTTP call to Klarna or Zenki (Zenki's retries one event each) and every call an open circuit
 *     refused (outcome 'circuit-open', no request made). Returns the unsubscribe function.
 *     ProviderCallEvent = { provider: 'klarna' | 'zenki'; account: string; operation: 'create' | 'read' | 'cancel' | 'token' | 'api';
 *       outcome: 'success' | <domain ErrorCode> | 'circuit-open'; status?: number; durationMs: number;
 *       correlationId?: string; attempt?: number }. Never a secret, a token, an id of the caller's or a URL.
 *
 *   providerEvents.circuits(): CircuitSnapshot[]
 *     The breakers now, one per provider account: [{ provider: 'klarna' | 'zenki', account, state: 'closed' | 'open' |
 *     'half-open', enabled, retryAfterSeconds? }]. Complete once the application has been initialised (app.init() / listen()).
 *
 *   providerEvents.onCircuitStateChange(listener: (change: { provider: 'klarna' | 'zenki'; account: string; state: CircuitState }) => void): () => void
 *     Every transition: 'open', 'half-open' (a probe started), 'closed'. Returns the unsubscribe function.
 *
 * A listener that throws is ignored: observing never breaks a provider call.
 */
import { Injectable } from '@nestjs/common';
import { DEFAULT_ACCOUNT, type ProviderCallEvent as AdapterCallEvent } from '@paytokens/provider-kit';

/** One HTTP call to a provider, or one call its open circuit refused (the adapters' ProviderCallEvent). */
export type ProviderCallEvent = AdapterCallEvent;

/** The providers that have a circuit breaker. */
export type ProviderName = 'klarna' | 'zenki';

/** A circuit breaker's state: `half-open` once an open circuit's wait is over (the next call is a probe). */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** What ProviderEvents needs of an adapter's ProviderCircuit. */
export interface ObservableCircuit {
  readonly state: CircuitState;
  readonly enabled: boolean;
  readonly retryAfterSeconds: number | undefined;
  onStateChange(listener: (state: CircuitState) => void): () => void;
}

/** One circuit breaker, now. */
export interface CircuitSnapshot {
  provider: ProviderName;
  /** The provider account the breaker guards. */
  account: string;
  state: CircuitState;
  /** False when the breaker was turned off (`<PROVIDER>_CIRCUIT_FAILURES=0`): always closed. */
  enabled: boolean;
  /** Seconds until an open circuit lets a probe through. */
  retryAfterSeconds?: number;
}

/** A circuit's transition. */
export interface CircuitStateChange {
  provider: ProviderName;
  account: string;
  state: CircuitState;
}

/** The hub between the adapters' hooks and whoever observes them (metrics, logs, readiness). */
@Injectable()
export class ProviderEvents {
  private readonly callListeners = new Set<(event: ProviderCallEvent) => void>();
  private readonly circuitListeners = new Set<(change: CircuitStateChange) => void>();
  private readonly registered = new Map<string, { provider: ProviderName; account: string; circuit: ObservableCircuit }>();

  /** The adapters' `onProviderCall` option: forwards each event to every listener. */
  readonly publish = (event: ProviderCallEvent): void => {
    for (const listener of this.callListeners) notify(() => listener(event));
  };

  /** Listens to every provider call; returns the unsubscribe function. */
  onProviderCall(listener: (event: ProviderCallEvent) => void): () => void {
    this.callListeners.add(listener);
    return () => {
      this.callListeners.delete(listener);
    };
  }

  /** Listens to every circuit transition; returns the unsubscribe function. */
  onCircuitStateChange(listener: (change: CircuitStateChange) => void): () => void {
    this.circuitListeners.add(listener);
    return () => {
      this.circuitListeners.delete(listener);
    };
  }

  /** The circuit breakers and their state now. */
  circuits(): CircuitSnapshot[] {
    return [...this.registered.values()].map(({ provider, account, circuit }) => snapshot(provider, account, circuit));
  }

  /** One provider account's circuit now (the account `default` unless named), if registered. */
  circuit(provider: ProviderName, account = DEFAULT_ACCOUNT): CircuitSnapshot | undefined {
    const entry = this.registered.get(`${provider}:${account}`);
    return entry && snapshot(provider, account, entry.circuit);
  }

  /** Makes a provider account's circuit visible here (done once at start-up by CircuitWatch); returns the unsubscribe. */
  registerCircuit(provider: ProviderName, circuit: ObservableCircuit, account = DEFAULT_ACCOUNT): () => void {
    this.registered.set(`${provider}:${account}`, { provider, account, circuit });
    return circuit.onStateChange((state) => {
      for (const listener of this.circuitListeners) notify(() => listener({ provider, account, state }));
    });
  }
}

function snapshot(provider: ProviderName, account: string, circuit: ObservableCircuit): CircuitSnapshot {
  const result: CircuitSnapshot = { provider, account, state: circuit.state, enabled: circuit.enabled };
  const retryAfterSeconds = circuit.retryAfterSeconds;
  if (retryAfterSeconds !== undefined) result.retryAfterSeconds = retryAfterSeconds;
  return result;
}

function notify(call: () => void): void {
  try {
    call();
  } catch {
    // A listener (a metric, a log line) must never break a provider call.
  }
}
