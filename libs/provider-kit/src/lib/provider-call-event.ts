import type { ErrorCode } from '@paytokens/domain';

/**
 * One HTTP call to a provider, or one call the open circuit refused, for metrics and logs. Every provider
 * adapter reports this shape. Never holds a secret, a token, an authorization or a URL: only what the call
 * was and how it ended.
 */
export interface ProviderCallEvent {
  /** The provider's name, as in errors: e.g. `klarna`. */
  provider: string;
  /** The account (credential set) the call was made for; `default` for a single unnamed one. */
  account: string;
  /** What the call was, in the adapter's words (e.g. `create`, `token`). */
  operation: string;
  /** `success`, the domain error code the call ended with, or `circuit-open` when the breaker refused it (no request made). */
  outcome: 'success' | ErrorCode | 'circuit-open';
  /** The HTTP status, when an answer came. */
  status?: number;
  /** From the start of the request to the end of its answer (0 when refused by the circuit). */
  durationMs: number;
  /** The provider's correlation id, when it sent one. */
  correlationId?: string;
  /** 1 for the first request of a call, 2 for its retry, and so on. */
  attempt?: number;
}

/** A listener of {@link ProviderCallEvent}s; it must not throw (if it does, the error is ignored). */
export type ProviderCallListener = (event: ProviderCallEvent) => void;

/** Milliseconds since `startedAt` (a `performance.now()` value), to two decimals. */
export function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 100) / 100;
}

/** Calls `listener` with `event`, swallowing anything it throws: observing must never break a provider call. */
export function notifyProviderCall(listener: ProviderCallListener | undefined, event: ProviderCallEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // Deliberately ignored: see above.
  }
}
