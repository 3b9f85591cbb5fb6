import {
  InMemoryAccessTokenCache,
  SystemClock,
  type AccessToken,
  type AccessTokenCache,
  type CacheLock,
  type Clock,
} from '@paytokens/domain';

/** Options of {@link FallbackAccessTokenCache}. */
export interface FallbackAccessTokenCacheOptions {
  /** Where tokens go while the primary is down (default: a new InMemoryAccessTokenCache). */
  fallback?: AccessTokenCache;
  /** Told once when the primary starts failing (not again until it has recovered). */
  onDegraded?: (error: unknown) => void;
  /** Told once when the primary answers again after a degradation. */
  onRecovered?: () => void;
  /** While degraded, how often one call tries the primary again; the others go straight to the fallback (default 1000 ms). */
  retryPrimaryAfterMs?: number;
  clock?: Clock;
}

/**
 * An {@link AccessTokenCache} that keeps the token path working when the shared cache (Redis) fails:
 * it then serves from and writes to an in-process cache, so each instance fetches its own token at
 * most once per token lifetime, and goes back to the primary as soon as a retry succeeds.
 *
 * While healthy, tokens are written to the primary only: one source of truth, and no local copy that a
 * compare-and-delete on the primary (another instance's 401 invalidation) would miss. The price is one
 * extra token fetch per instance when an outage starts. Deletes go to both, which is always safe.
 */
export class FallbackAccessTokenCache implements AccessTokenCache {
  private readonly fallback: AccessTokenCache;
  private readonly clock: Clock;
  private readonly retryPrimaryAfterMs: number;
  private degraded = false;
  private nextPrimaryTryAt = 0;

  constructor(
    private readonly primary: AccessTokenCache,
    private readonly options: FallbackAccessTokenCacheOptions = {},
  ) {
    this.clock = options.clock ?? new SystemClock();
    this.fallback = options.fallback ?? new InMemoryAccessTokenCache(this.clock);
    this.retryPrimaryAfterMs = options.retryPrimaryAfterMs ?? 1000;
    if (!(this.retryPrimaryAfterMs >= 0)) throw new RangeError('retryPrimaryAfterMs must not be negative');
  }

  /** True while the primary is failing and the in-process fallback is in use (for readiness and metrics). */
  get isDegraded(): boolean {
    return this.degraded;
  }

  get(key: string): Promise<AccessToken | undefined> {
    return this.route(
      (cache) => cache.get(key),
      (cache) => cache.get(key),
    );
  }

  set(key: string, token: AccessToken, ttlMs: number): Promise<void> {
    return this.route(
      (cache) => cache.set(key, token, ttlMs),
      (cache) => cache.set(key, token, ttlMs),
    );
  }

  async delete(key: string, expectedValue?: string): Promise<void> {
    // The fallback may still hold a token from an earlier outage: forget it there too.
    await this.fallback.delete(key, expectedValue);
    await this.route(
      (cache) => cache.delete(key, expectedValue),
      async () => undefined,
    );
  }

  tryLock(key: string, ttlMs: number): Promise<CacheLock | undefined> {
    return this.route(
      async (cache) => {
        const lock = await cache.tryLock(key, ttlMs);
        return lock && this.tolerantLock(lock);
      },
      (cache) => cache.tryLock(key, ttlMs),
    );
  }

  private async route<T>(
    onPrimary: (cache: AccessTokenCache) => Promise<T>,
    onFallback: (cache: AccessTokenCache) => Promise<T>,
  ): Promise<T> {
    if (this.degraded) {
      const now = this.clock.now();
      // One call at a time retries the primary; the rest do not wait on a Redis that may time out.
      if (now < this.nextPrimaryTryAt) return onFallback(this.fallback);
      this.nextPrimaryTryAt = now + this.retryPrimaryAfterMs;
    }
    let result: T;
    try {
      result = await onPrimary(this.primary);
    } catch (error) {
      this.primaryFailed(error);
      return onFallback(this.fallback);
    }
    this.primaryAnswered();
    return result;
  }

  /** A primary lock whose release cannot fail the caller: an unreleased lock expires by itself. */
  private tolerantLock(lock: CacheLock): CacheLock {
    return {
      release: async () => {
        try {
          await lock.release();
        } catch (error) {
          this.primaryFailed(error);
        }
      },
    };
  }

  private primaryFailed(error: unknown): void {
    this.nextPrimaryTryAt = this.clock.now() + this.retryPrimaryAfterMs;
    if (this.degraded) return;
    this.degraded = true;
    notify(() => this.options.onDegraded?.(error));
  }

  private primaryAnswered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    notify(() => this.options.onRecovered?.());
  }
}

/** A listener (a logger, a metric) must never break the token path. */
function notify(listener: () => void): void {
  try {
    listener();
  } catch {
    // Deliberately ignored: see above.
  }
}
