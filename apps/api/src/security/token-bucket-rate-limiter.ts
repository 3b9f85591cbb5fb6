/** What a rate limiter answers for one request. */
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How fast a caller may go: `perMinute` sustained, up to `burst` at once. */
export interface RateLimitSettings {
  perMinute: number;
  burst: number;
  /** Buckets kept at most; past it the oldest are dropped (a dropped bucket starts full again). Default 10 000. */
  maxBuckets?: number;
  /** Milliseconds since some fixed point; default `performance.now`. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const ALLOWED: RateLimitDecision = { allowed: true };

/**
 * A token bucket per caller, in this process's memory: each caller may spend `burst` requests at once,
 * and gets `perMinute / 60` back every second. Memory stays bounded: a full bucket is the same as none,
 * so `sweep` drops those, and past `maxBuckets` the least recently created ones go first.
 */
export class TokenBucketRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly tokensPerMs: number;
  private readonly maxBuckets: number;
  private readonly now: () => number;

  constructor(private readonly settings: RateLimitSettings) {
    if (!(settings.perMinute > 0) || !(settings.burst >= 1)) throw new RangeError('perMinute must be positive and burst at least 1');
    this.tokensPerMs = settings.perMinute / 60_000;
    this.maxBuckets = settings.maxBuckets ?? 10_000;
    this.now = settings.now ?? (() => performance.now());
  }

  /** Takes one request from `caller`'s bucket, or says how long until one is back. */
  take(caller: string): RateLimitDecision {
    const now = this.now();
    let bucket = this.buckets.get(caller);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxBuckets) this.evictOldest();
      bucket = { tokens: this.settings.burst, updatedAt: now };
      this.buckets.set(caller, bucket);
    } else {
      bucket.tokens = Math.min(this.settings.burst, bucket.tokens + (now - bucket.updatedAt) * this.tokensPerMs);
      bucket.updatedAt = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.tokensPerMs / 1000)) };
  }

  /** Drops the buckets that have refilled completely: they would behave exactly like new ones. */
  sweep(): void {
    const now = this.now();
    for (const [caller, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.tokensPerMs >= this.settings.burst) this.buckets.delete(caller);
    }
  }

  /** Callers with a bucket right now. */
  get size(): number {
    return this.buckets.size;
  }

  private evictOldest(): void {
    // Map iteration follows insertion order; a tenth at a time keeps eviction rare under a flood of new callers.
    let toDrop = Math.max(1, Math.floor(this.maxBuckets / 10));
    for (const caller of this.buckets.keys()) {
      this.buckets.delete(caller);
      if (--toDrop === 0) break;
    }
  }
}
