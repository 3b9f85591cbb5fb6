import type { HealthIndicatorResult } from '@nestjs/terminus';

/** One dependency readiness reports on. */
export interface ReadinessCheck {
  check(): Promise<HealthIndicatorResult>;
}

/**
 * Token of the list of readiness checks. A dependency added later (Redis, once REDIS_URL is configured)
 * contributes by adding its check to this list in HealthModule; the controller needs no change.
 */
export const READINESS_CHECKS = Symbol.for('paytokens.api.ReadinessChecks');

/** An adapter indicator's result with `simulated` added to each entry (the API says whether it talks to a simulator). */
export function withSimulated(
  result: Record<string, { status: 'up' | 'down'; [detail: string]: unknown }>,
  simulated: boolean,
): HealthIndicatorResult {
  return Object.fromEntries(
    Object.entries(result).map(([key, { status, ...details }]) => [key, { status, simulated, ...details }]),
  ) as HealthIndicatorResult;
}
