import { ErrorCode, isPaytokensError } from '@paytokens/domain';
import type { ZenkiRetryOptions } from './zenki-options';

/** Time and chance, injectable so the policy can be tested without waiting. */
export interface RetryEnvironment {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

/** Real time: `performance.now()` and an unref'd timer. */
export const realRetryEnvironment: RetryEnvironment = {
  now: () => performance.now(),
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms).unref();
    }),
  random: () => Math.random(),
};

/**
 * Whether a failed token fetch may be tried again: server errors, transport failures, timeouts and
 * rate limits may pass; a refusal of our request or credentials, or a malformed 2xx answer, will not.
 */
export function isRetryableTokenError(error: unknown): boolean {
  // By code, not instanceof: errors from another copy of @paytokens/domain count too.
  if (!isPaytokensError(error)) return false;
  if (error.code === ErrorCode.ProviderTimeout || error.code === ErrorCode.RateLimited) return true;
  if (error.code === ErrorCode.ProviderUnavailable) return error.providerStatus === undefined || error.providerStatus >= 500;
  return false;
}

/** The delay before retry number `retry` (1-based): exponential from `baseDelayMs`, with half of it jittered. */
export function backoffDelayMs(retry: number, baseDelayMs: number, random: () => number): number {
  const ceiling = baseDelayMs * 2 ** (retry - 1);
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Runs `attempt` until it succeeds, fails for good, runs out of attempts or would overrun `maxElapsedMs`.
 * `attempt` gets the time left in the budget so a request can shorten its own timeout to fit.
 * A `retryAfterSeconds` on the error (429) is honoured when it fits in the budget; otherwise that error is final.
 */
export async function withRetry<T>(
  options: Required<ZenkiRetryOptions>,
  attempt: (remainingMs: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean = isRetryableTokenError,
  env: RetryEnvironment = realRetryEnvironment,
): Promise<T> {
  const startedAt = env.now();
  for (let attemptNo = 1; ; attemptNo++) {
    try {
      return await attempt(options.maxElapsedMs - (env.now() - startedAt));
    } catch (error) {
      if (attemptNo >= options.maxAttempts || !isRetryable(error)) throw error;
      const retryAfterMs = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      const waitMs = Math.max(backoffDelayMs(attemptNo, options.baseDelayMs, env.random), (retryAfterMs ?? 0) * 1000);
      if (env.now() - startedAt + waitMs >= options.maxElapsedMs) throw error;
      await env.sleep(waitMs);
    }
  }
}
