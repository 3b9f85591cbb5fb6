import type { EnvironmentReader } from './environment';

/** A provider's circuit breaker as configured: `false` when `<PROVIDER>_CIRCUIT_FAILURES=0` turned it off. */
export type CircuitBreakerConfig = { consecutiveFailures: number; halfOpenAfterMs: number } | false;

/**
 * `<PROVIDER>_CIRCUIT_FAILURES` (faults in a row that open the circuit, default 5, 0 turns the breaker off) and
 * `<PROVIDER>_CIRCUIT_HALF_OPEN_MS` (how long it stays open before a probe, default 10 000).
 */
export function readCircuitBreaker(env: EnvironmentReader, provider: 'KLARNA' | 'ZENKI'): CircuitBreakerConfig {
  const consecutiveFailures = env.integer(`${provider}_CIRCUIT_FAILURES`, 5, 0, 1000);
  const halfOpenAfterMs = env.integer(`${provider}_CIRCUIT_HALF_OPEN_MS`, 10_000, 1, 3_600_000);
  return consecutiveFailures === 0 ? false : { consecutiveFailures, halfOpenAfterMs };
}
