import type { AccessToken } from '../entities/access-token.entity';
import type { AccessTokenCache } from '../ports/access-token-cache.port';
import type { AccessTokenIssuer } from '../ports/access-token-issuer.port';
import type { Clock } from '../ports/clock.port';

/** What happened on a token request, for metrics and logs. */
export type AccessTokenEvent =
  | { type: 'hit' }
  | { type: 'miss' }
  | { type: 'fetched'; background: boolean; cached: boolean }
  | { type: 'fetch-failed'; background: boolean; error: unknown }
  | { type: 'waited-for-peer'; gotToken: boolean }
  /** The cache failed around a fetch (storing, or releasing the lock); the caller still got its token. */
  | { type: 'cache-error'; operation: 'set' | 'release'; error: unknown };

/** Tuning of {@link GetAccessToken}. */
export interface GetAccessTokenSettings {
  /** Cache key; distinct per provider endpoint and credential set (never the secret in clear). */
  cacheKey: string;
  /** A token counts as expired this long before its real expiry (clock drift, request time). Default 60 s. */
  skewMs: number;
  /** Start a background refresh this long before the token would turn stale (capped at half its usable life). Default 120 s. */
  refreshAheadMs: number;
  /** Lifetime of the cross-process fetch lock; a crashed holder blocks others at most this long. Default 15 s. */
  lockTtlMs: number;
  /** How long a process waits for another process's fetch before fetching itself. Default 15 s. */
  lockWaitMs: number;
  /** How often a waiting process looks for the other's token. Default 50 ms. */
  lockPollMs: number;
  /** A forced refresh returns a token younger than this instead of fetching again. Default 2 s. */
  forcedRefreshCooldownMs: number;
  /** After a background refresh failed, wait this long before trying again in the background. Default 5 s. */
  backgroundRetryMs: number;
  onEvent?: (event: AccessTokenEvent) => void;
  /** Runs a background refresh (it must call `refresh` at once); an adapter may give it a trace of its own. Default: calls it. */
  runInBackground?: <T>(refresh: () => Promise<T>) => Promise<T>;
}

const DEFAULTS: Omit<GetAccessTokenSettings, 'cacheKey'> = {
  skewMs: 60_000,
  refreshAheadMs: 120_000,
  lockTtlMs: 15_000,
  lockWaitMs: 15_000,
  lockPollMs: 50,
  forcedRefreshCooldownMs: 2_000,
  backgroundRetryMs: 5_000,
};

/**
 * Gives a valid access token at any moment without hammering the provider: answers from the cache
 * while the token is fresh, refreshes ahead of expiry in the background, lets all concurrent callers in
 * this process share one fetch, and with a shared cache lets processes share one fetch through a lock.
 */
export class GetAccessToken {
  private readonly settings: GetAccessTokenSettings;
  private inFlight?: Promise<AccessToken>;
  private backgroundBlockedUntil = 0;

  constructor(
    private readonly issuer: AccessTokenIssuer,
    private readonly cache: AccessTokenCache,
    private readonly clock: Clock,
    settings: Partial<GetAccessTokenSettings> & Pick<GetAccessTokenSettings, 'cacheKey'>,
  ) {
    this.settings = { ...DEFAULTS, ...settings };
    if (this.settings.skewMs < 0 || this.settings.refreshAheadMs < 0)
      throw new RangeError('skewMs and refreshAheadMs must not be negative');
    if (!(this.settings.lockPollMs > 0) || !(this.settings.lockWaitMs >= 0))
      throw new RangeError('lockPollMs must be positive and lockWaitMs not negative');
  }

  /** A fresh token; `forceRefresh` fetches a new one unless the cached one is brand new. */
  async execute(options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    const cached = await this.cache.get(this.settings.cacheKey);
    const now = this.clock.now();
    if (cached && cached.isFreshAt(now, this.settings.skewMs)) {
      const brandNew = now - cached.issuedAt < this.settings.forcedRefreshCooldownMs;
      if (!options.forceRefresh || brandNew) {
        this.emit({ type: 'hit' });
        if (now >= this.refreshAt(cached)) this.refreshInBackground(cached.value.reveal());
        return cached;
      }
      return this.refresh(cached.value.reveal());
    }
    this.emit({ type: 'miss' });
    return this.refresh(cached?.value.reveal());
  }

  /**
   * Forgets `token` after the provider refused it (a 401), unless a newer token replaced it already;
   * the next `execute` then fetches a new one.
   */
  async invalidate(token: AccessToken | string): Promise<void> {
    const value = typeof token === 'string' ? token : token.value.reveal();
    await this.cache.delete(this.settings.cacheKey, value);
  }

  /** One fetch for every concurrent caller in this process; `staleValue` is the value being replaced. */
  private refresh(staleValue?: string, background = false): Promise<AccessToken> {
    if (!this.inFlight) {
      const flight = this.fetchShared(staleValue, background).finally(() => {
        if (this.inFlight === flight) this.inFlight = undefined;
      });
      this.inFlight = flight;
    }
    return this.inFlight;
  }

  private refreshInBackground(agingValue: string): void {
    if (this.inFlight || this.clock.now() < this.backgroundBlockedUntil) return;
    const run = this.settings.runInBackground ?? ((refresh) => refresh());
    run(() => this.refresh(agingValue, true)).catch(() => {
      // Reported through onEvent by fetchAndStore; the cached token is still valid, so callers go on.
      this.backgroundBlockedUntil = this.clock.now() + this.settings.backgroundRetryMs;
    });
  }

  /** Takes the cross-process lock, or waits for the process holding it to publish its token. */
  private async fetchShared(staleValue: string | undefined, background: boolean): Promise<AccessToken> {
    const lock = await this.cache.tryLock(this.settings.cacheKey, this.settings.lockTtlMs);
    if (!lock) {
      const token = await this.waitForPeer(staleValue);
      this.emit({ type: 'waited-for-peer', gotToken: token !== undefined });
      // The holder took too long (or died): fetch ourselves rather than leave callers without a token.
      return token ?? this.fetchAndStore(background);
    }
    try {
      // Another process may have stored a new token between our miss and our lock.
      const current = await this.cache.get(this.settings.cacheKey);
      if (current && current.value.reveal() !== staleValue && this.isUsable(current)) return current;
      return await this.fetchAndStore(background);
    } finally {
      // The token is already in hand; a lock that cannot be released simply expires after lockTtlMs.
      await lock.release().catch((error: unknown) => this.emit({ type: 'cache-error', operation: 'release', error }));
    }
  }

  private async waitForPeer(staleValue: string | undefined): Promise<AccessToken | undefined> {
    const attempts = Math.max(1, Math.ceil(this.settings.lockWaitMs / this.settings.lockPollMs));
    for (let attempt = 0; attempt < attempts; attempt++) {
      await delay(this.settings.lockPollMs);
      const token = await this.cache.get(this.settings.cacheKey);
      if (token && token.value.reveal() !== staleValue && this.isUsable(token)) return token;
    }
    return undefined;
  }

  private async fetchAndStore(background: boolean): Promise<AccessToken> {
    let token: AccessToken;
    try {
      token = await this.issuer.issue();
    } catch (error) {
      this.emit({ type: 'fetch-failed', background, error });
      throw error;
    }
    // A token that lives no longer than the skew would be stale on arrival: hand it out, never cache it.
    // The same holds for one whose answer came so late that it is stale already (ttlMs <= 0).
    const ttlMs = token.expiresAt - this.settings.skewMs - this.clock.now();
    let cacheable = token.lifetimeMs > this.settings.skewMs && ttlMs > 0;
    if (cacheable) {
      // A token we failed to store is still valid: hand it out, and let the next caller try the cache again.
      await this.cache.set(this.settings.cacheKey, token, ttlMs).catch((error: unknown) => {
        cacheable = false;
        this.emit({ type: 'cache-error', operation: 'set', error });
      });
    }
    this.emit({ type: 'fetched', background, cached: cacheable });
    return token;
  }

  private isUsable(token: AccessToken): boolean {
    return token.isFreshAt(this.clock.now(), this.settings.skewMs);
  }

  /** When a background refresh should start: ahead of staleness, by at most half the usable life. */
  private refreshAt(token: AccessToken): number {
    const staleAt = token.expiresAt - this.settings.skewMs;
    const usableMs = Math.max(0, staleAt - token.issuedAt);
    return staleAt - Math.min(this.settings.refreshAheadMs, usableMs / 2);
  }

  private emit(event: AccessTokenEvent): void {
    try {
      this.settings.onEvent?.(event);
    } catch {
      // A listener (metrics, logs) must never break token delivery.
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    // Unref'd where the runtime allows it, so a waiting poll never holds a process open at shutdown.
    const timer: { unref?: () => void } = setTimeout(resolve, ms);
    timer.unref?.();
  });
}
