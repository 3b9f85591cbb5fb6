import { ProviderTimeoutError, ProviderUnavailableError } from '@paytokens/domain';
import { BrokenCircuitError, CircuitState as CockatielState, circuitBreaker, ConsecutiveBreaker, handleAll, type CircuitBreakerPolicy } from 'cockatiel';

/** `closed`: calls go through; `open`: calls fail fast without a request; `half-open`: the next call is a probe. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** When the circuit opens and how long it stays open. */
export interface CircuitBreakerOptions {
  /** Provider faults in a row (5xx, transport failures, timeouts) that open the circuit. Default 5. */
  consecutiveFailures?: number;
  /** How long an open circuit refuses calls before one probe may go through. Default 10 000 ms. */
  halfOpenAfterMs?: number;
}

/** {@link CircuitBreakerOptions} with the defaults applied. */
export type CircuitBreakerSettings = Required<CircuitBreakerOptions>;

/** The defaults of {@link CircuitBreakerOptions}. */
export const DEFAULT_CIRCUIT_BREAKER: Readonly<CircuitBreakerSettings> = Object.freeze({ consecutiveFailures: 5, halfOpenAfterMs: 10_000 });

/** The circuit breaker options checked and defaulted; `false` (breaker off) stays `false`. Problems name the field. */
export function resolveCircuitBreaker(value: unknown, problems: { field: string; message: string }[]): CircuitBreakerSettings | false {
  if (value === false) return false;
  if (value === undefined) return { ...DEFAULT_CIRCUIT_BREAKER };
  if (typeof value !== 'object' || value === null) {
    problems.push({ field: 'circuitBreaker', message: 'must be an object or false' });
    return { ...DEFAULT_CIRCUIT_BREAKER };
  }
  const raw = value as Partial<Record<keyof CircuitBreakerOptions, unknown>>;
  const consecutiveFailures = raw.consecutiveFailures ?? DEFAULT_CIRCUIT_BREAKER.consecutiveFailures;
  if (typeof consecutiveFailures !== 'number' || !Number.isInteger(consecutiveFailures) || consecutiveFailures < 1) {
    problems.push({ field: 'circuitBreaker.consecutiveFailures', message: 'must be a positive integer' });
  }
  const halfOpenAfterMs = raw.halfOpenAfterMs ?? DEFAULT_CIRCUIT_BREAKER.halfOpenAfterMs;
  if (typeof halfOpenAfterMs !== 'number' || !Number.isFinite(halfOpenAfterMs) || halfOpenAfterMs <= 0 || halfOpenAfterMs > 2_147_483_647) {
    problems.push({ field: 'circuitBreaker.halfOpenAfterMs', message: 'must be a positive number of milliseconds' });
  }
  return { consecutiveFailures: consecutiveFailures as number, halfOpenAfterMs: halfOpenAfterMs as number };
}

/** True for the errors that say the provider is in trouble; a refusal, a 404 or a 429 is an answer, not a fault. */
export function isProviderFault(error: unknown): boolean {
  return error instanceof ProviderUnavailableError || error instanceof ProviderTimeoutError;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * The circuit breaker of one provider (cockatiel's ConsecutiveBreaker): after `consecutiveFailures` provider
 * faults in a row it opens, and calls fail at once with ProviderUnavailableError (with `retryAfterSeconds`)
 * without reaching the provider; after `halfOpenAfterMs` one call probes, and its success closes it again.
 * Any answer that is not a fault (a refusal, a 404) counts as a success: the provider is up.
 * Constructed with `false`, it is always closed and passes every call through.
 */
export class ProviderCircuit {
  private readonly policy?: CircuitBreakerPolicy;
  private readonly listeners = new Set<(state: CircuitState) => void>();
  private openedAt = 0;

  constructor(
    /** Which provider, as in errors and events: `zenki`. */
    readonly provider: string,
    /** The provider's name in messages: `Zenki`. */
    private readonly displayName: string,
    /** The breaker's settings; `false` turns it off. */
    readonly settings: CircuitBreakerSettings | false,
  ) {
    if (settings === false) return;
    this.policy = circuitBreaker(handleAll, { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.consecutiveFailures) });
    this.policy.onStateChange((state) => {
      if (state === CockatielState.Open || state === CockatielState.Isolated) this.openedAt = Date.now();
      const name = toName(state);
      for (const listener of this.listeners) {
        try {
          listener(name);
        } catch {
          // A listener (a metric, a log line) must never break a provider call.
        }
      }
    });
  }

  /** Whether the breaker is on at all. */
  get enabled(): boolean {
    return this.policy !== undefined;
  }

  /** The state now. An open circuit whose wait is over reports `half-open`: the next call will be let through as a probe. */
  get state(): CircuitState {
    if (!this.policy) return 'closed';
    const state = toName(this.policy.state);
    return state === 'open' && this.retryAfterMs() === 0 ? 'half-open' : state;
  }

  /** Whole seconds until an open circuit lets a probe through (at least 1); undefined unless it is open. */
  get retryAfterSeconds(): number | undefined {
    if (this.state !== 'open') return undefined;
    return Math.max(1, Math.ceil(this.retryAfterMs() / 1000));
  }

  /** Calls `listener` on every transition (open, half-open when a probe starts, closed); returns the unsubscribe. */
  onStateChange(listener: (state: CircuitState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Runs `call` unless the circuit is open; then `onRefused` is told and a ProviderUnavailableError is thrown
   * without calling. Errors of `call` pass through unchanged.
   */
  async execute<T>(call: () => Promise<T>, onRefused?: () => void): Promise<T> {
    if (!this.policy) return call();
    let outcome: Outcome<T>;
    try {
      outcome = await this.policy.execute(async (): Promise<Outcome<T>> => {
        try {
          return { ok: true, value: await call() };
        } catch (error) {
          if (isProviderFault(error)) throw error;
          // An answer, if not the hoped-for one: the provider is up, so this counts as a success.
          return { ok: false, error };
        }
      });
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) throw error;
      onRefused?.();
      throw this.openError();
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  toJSON(): Record<string, unknown> {
    return { provider: this.provider, state: this.state, settings: this.settings };
  }

  private retryAfterMs(): number {
    if (this.settings === false) return 0;
    return Math.max(0, this.openedAt + this.settings.halfOpenAfterMs - Date.now());
  }

  private openError(): ProviderUnavailableError {
    const retryAfterSeconds = Math.max(1, Math.ceil(this.retryAfterMs() / 1000));
    const failures = this.settings === false ? 0 : this.settings.consecutiveFailures;
    return new ProviderUnavailableError(
      `${this.displayName} is unavailable (circuit open after ${failures} failures in a row); not called, retry in ${retryAfterSeconds} s`,
      { provider: this.provider, retryAfterSeconds },
    );
  }
}

function toName(state: CockatielState): CircuitState {
  switch (state) {
    case CockatielState.Closed:
      return 'closed';
    case CockatielState.HalfOpen:
      return 'half-open';
    default:
      return 'open';
  }
}
