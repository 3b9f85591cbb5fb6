import { ErrorCode, isPaytokensError, ProviderUnavailableError } from '@paytokens/domain';
import type { OptionProblems } from './option-problems';
import { DEFAULT_ACCOUNT } from './provider-account';
import { recordCircuitTransition } from './telemetry/circuit-telemetry';
import {
  BrokenCircuitError,
  CircuitState as CockatielState,
  circuitBreaker,
  ConsecutiveBreaker,
  handleAll,
  type CircuitBreakerPolicy,
} from 'cockatiel';

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
export function resolveCircuitBreaker(value: unknown, problems: OptionProblems): CircuitBreakerSettings | false {
  if (value === false) return false;
  if (value === undefined) return { ...DEFAULT_CIRCUIT_BREAKER };
  if (typeof value !== 'object' || value === null) {
    problems.add('circuitBreaker', 'must be an object or false');
    return { ...DEFAULT_CIRCUIT_BREAKER };
  }
  const raw = value as Partial<Record<keyof CircuitBreakerOptions, unknown>>;
  return {
    consecutiveFailures: problems.integer(
      'circuitBreaker.consecutiveFailures',
      raw.consecutiveFailures,
      DEFAULT_CIRCUIT_BREAKER.consecutiveFailures,
    ),
    halfOpenAfterMs: problems.milliseconds('circuitBreaker.halfOpenAfterMs', raw.halfOpenAfterMs, DEFAULT_CIRCUIT_BREAKER.halfOpenAfterMs),
  };
}

/**
 * True for the errors that say the provider is in trouble; a refusal, a 404 or a 429 is an answer, not a fault.
 * Recognised by `code`, so errors from another copy of @paytokens/domain count too.
 */
export function isProviderFault(error: unknown): boolean {
  return isPaytokensError(error) && (error.code === ErrorCode.ProviderUnavailable || error.code === ErrorCode.ProviderTimeout);
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
    /** Which provider, as in errors and events: `klarna`. */
    readonly provider: string,
    /** The provider's name in messages: `Klarna`. */
    private readonly displayName: string,
    /** The breaker's settings; `false` turns it off. */
    readonly settings: CircuitBreakerSettings | false,
    /** The provider account this breaker guards: one breaker per account, so one account's outage never trips another's. */
    readonly account: string = DEFAULT_ACCOUNT,
  ) {
    if (settings === false) return;
    this.policy = circuitBreaker(handleAll, {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.consecutiveFailures),
    });
    this.policy.onStateChange((state) => {
      if (state === CockatielState.Open || state === CockatielState.Isolated) this.openedAt = Date.now();
      const name = toName(state);
      recordCircuitTransition(provider, account, name);
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

  /** A plain description, for logs. */
  toJSON(): Record<string, unknown> {
    return { provider: this.provider, account: this.account, state: this.state, settings: this.settings };
  }

  private retryAfterMs(): number {
    if (this.settings === false) return 0;
    return Math.max(0, this.openedAt + this.settings.halfOpenAfterMs - Date.now());
  }

  private openError(): ProviderUnavailableError {
    const retryAfterSeconds = Math.max(1, Math.ceil(this.retryAfterMs() / 1000));
    const failures = this.settings === false ? 0 : this.settings.consecutiveFailures;
    return new ProviderUnavailableError(
      `${this.displayName}${this.account === DEFAULT_ACCOUNT ? '' : ` (account ${this.account})`} is unavailable (circuit open after ${failures} failures in a row); not called, retry in ${retryAfterSeconds} s`,
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
