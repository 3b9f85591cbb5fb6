import type { CircuitState } from './provider-circuit';

/** A provider account's health, framework-free: what a readiness endpoint or a terminus indicator reports. */
export interface ProviderHealth {
  status: 'up' | 'down';
  provider: string;
  account: string;
  /** The account's circuit breaker state; `open` is always down (calls fail fast). */
  circuit: CircuitState;
  /** Whole seconds until an open circuit lets a probe through. */
  retryAfterSeconds?: number;
  /** More, per provider: never a secret, a token or a URL with credentials. */
  [detail: string]: unknown;
}

/** The shape of a @nestjs/terminus HealthIndicatorResult, without importing terminus (an optional peer). */
export type HealthIndicatorResultLike = Record<string, { status: 'up' | 'down'; [detail: string]: unknown }>;

/** A {@link ProviderHealth} as a terminus result under `key`, e.g. `{ klarna: { status: 'up', ... } }`. */
export function toIndicatorResult(key: string, health: ProviderHealth): HealthIndicatorResultLike {
  const { status, provider: _provider, ...details } = health;
  return { [key]: { status, ...details } };
}

/** The default indicator key of an account: the provider name, with `:account` unless it is `default`. */
export function indicatorKey(provider: string, account: string): string {
  return account === 'default' ? provider : `${provider}:${account}`;
}
