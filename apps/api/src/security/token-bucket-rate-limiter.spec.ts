import { TokenBucketRateLimiter } from './token-bucket-rate-limiter';

describe('TokenBucketRateLimiter', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('lets a caller spend its burst at once, then refuses with the seconds until one request is back', () => {
    const limiter = new TokenBucketRateLimiter({ perMinute: 60, burst: 3, now: clock });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 999;
    expect(limiter.take('a').allowed).toBe(false);
    now += 1;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('refills at perMinute / 60 per second, never above the burst', () => {
    const limiter = new TokenBucketRateLimiter({ perMinute: 6, burst: 2, now: clock });
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 60_000;
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });

  it('keeps callers apart', () => {
    const limiter = new TokenBucketRateLimiter({ perMinute: 60, burst: 1, now: clock });
    expect(limiter.take('key a').allowed).toBe(true);
    expect(limiter.take('key a').allowed).toBe(false);
    expect(limiter.take('key b').allowed).toBe(true);
  });

  it('forgets full buckets on sweep, and drops the oldest callers past maxBuckets', () => {
    const limiter = new TokenBucketRateLimiter({ perMinute: 60, burst: 2, maxBuckets: 10, now: clock });
    limiter.take('a');
    limiter.take('b');
    limiter.take('b');
    now += 1_000;
    limiter.sweep();
    expect(limiter.size).toBe(1);
    for (let i = 0; i < 25; i++) limiter.take(`flood ${i}`);
    expect(limiter.size).toBeLessThanOrEqual(10);
  });

  it('refuses settings that cannot work', () => {
    expect(() => new TokenBucketRateLimiter({ perMinute: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucketRateLimiter({ perMinute: 10, burst: 0 })).toThrow(RangeError);
  });
});
