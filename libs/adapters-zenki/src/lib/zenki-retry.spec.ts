import {
  ProviderAuthenticationError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  ValidationError,
} from '@paytokens/domain';
import { backoffDelayMs, isRetryableTokenError, withRetry, type RetryEnvironment } from './zenki-retry';

/** A clock that moves only when the policy sleeps (or an attempt says it took time). */
function fakeEnvironment(random = 0.5): RetryEnvironment & { sleeps: number[]; advance(ms: number): void } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => random,
    advance: (ms) => (now += ms),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const unavailable = () => new ProviderUnavailableError('down', { provider: 'zenki', providerStatus: 503 });
const policy = { maxAttempts: 3, baseDelayMs: 100, maxElapsedMs: 10_000 };

describe('withRetry', () => {
  it('retries a retryable failure and returns the first success', async () => {
    const env = fakeEnvironment();
    let calls = 0;
    const result = await withRetry(policy, async () => (++calls < 3 ? Promise.reject(unavailable()) : 'ok'), isRetryableTokenError, env);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(env.sleeps).toEqual([75, 150]);
  });

  it('stops at maxAttempts and throws the last error', async () => {
    const env = fakeEnvironment();
    let calls = 0;
    const last = unavailable();
    await expect(
      withRetry(policy, async () => Promise.reject(++calls === 3 ? last : unavailable()), isRetryableTokenError, env),
    ).rejects.toBe(last);
    expect(calls).toBe(3);
  });

  it('does not retry a refusal', async () => {
    for (const error of [
      new ProviderAuthenticationError('no'),
      new ValidationError([]),
      new ProviderUnavailableError('404', { providerStatus: 404 }),
    ]) {
      const env = fakeEnvironment();
      let calls = 0;
      await expect(withRetry(policy, async () => Promise.reject((calls++, error)), isRetryableTokenError, env)).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('gives up rather than sleep past maxElapsedMs, and tells each attempt the time left', async () => {
    const env = fakeEnvironment();
    const remaining: number[] = [];
    await expect(
      withRetry(
        { maxAttempts: 10, baseDelayMs: 100, maxElapsedMs: 1000 },
        async (left) => {
          remaining.push(left);
          env.advance(300);
          throw new ProviderTimeoutError('slow');
        },
        isRetryableTokenError,
        env,
      ),
    ).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(remaining).toEqual([1000, 625, 175]);
  });

  it('honours Retry-After within the budget and makes a too-long one final', async () => {
    const env = fakeEnvironment();
    let calls = 0;
    const result = await withRetry(
      policy,
      async () => (++calls === 1 ? Promise.reject(new RateLimitedError('slow down', { retryAfterSeconds: 2 })) : 'ok'),
      isRetryableTokenError,
      env,
    );
    expect(result).toBe('ok');
    expect(env.sleeps).toEqual([2000]);

    const tooLong = new RateLimitedError('slow down', { retryAfterSeconds: 60 });
    calls = 0;
    await expect(withRetry(policy, async () => Promise.reject((calls++, tooLong)), isRetryableTokenError, env)).rejects.toBe(tooLong);
    expect(calls).toBe(1);
  });
});

describe('backoffDelayMs', () => {
  it('doubles per retry and keeps the jitter within the upper half', () => {
    expect([1, 2, 3].map((n) => backoffDelayMs(n, 100, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((n) => backoffDelayMs(n, 100, () => 0.999_999))).toEqual(
      [1, 2, 3].map((n) => expect.closeTo(100 * 2 ** (n - 1), 2)),
    );
  });
});
