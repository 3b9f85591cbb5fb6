import { rateLimitResetSeconds, retryAfterSeconds, waitSeconds } from './rate-limit-headers';

const now = Date.parse('2026-11-22T10:00:00Z');

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds({ 'retry-after': '7' }, now)).toBe(7);
    expect(retryAfterSeconds({ 'retry-after': ['3', '9'] }, now)).toBe(3);
    expect(retryAfterSeconds({ 'retry-after': 'Sun, 22 Nov 2026 10:00:30 GMT' }, now)).toBe(30);
    expect(retryAfterSeconds({ 'retry-after': 'Sun, 22 Nov 2026 09:00:00 GMT' }, now)).toBe(0);
    expect(retryAfterSeconds({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterSeconds({}, now)).toBeUndefined();
  });

  it("reads Klarna's X-Ratelimit-Reset as seconds to wait, a Unix time or an HTTP date", () => {
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset': '2' }, now)).toBe(2);
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset': '0.4' }, now)).toBe(1);
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset': String(now / 1000 + 12) }, now)).toBe(12);
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset': 'Sun, 22 Nov 2026 10:01:00 GMT' }, now)).toBe(60);
    expect(rateLimitResetSeconds({ 'x-ratelimit-reset': 'later' }, now)).toBeUndefined();
  });

  it('prefers Retry-After and falls back to X-Ratelimit-Reset', () => {
    expect(waitSeconds({ 'retry-after': '5', 'x-ratelimit-reset': '9' }, now)).toBe(5);
    expect(waitSeconds({ 'x-ratelimit-reset': '9' }, now)).toBe(9);
    expect(waitSeconds({}, now)).toBeUndefined();
  });
});
