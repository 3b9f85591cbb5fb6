/** Response headers as undici and Node give them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** The first value of a header that may be repeated. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Seconds from a `Retry-After` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(headers: ResponseHeaders, now = Date.now()): number | undefined {
  const value = headerValue(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

// Above this a reset value is a Unix time in seconds, below it a number of seconds to wait (2001-09-09).
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/**
 * Seconds until a rate limit resets, from `X-Ratelimit-Reset` (Klarna sends it with a 429): a number of
 * seconds to wait, a Unix time in seconds, or an HTTP date.
 */
export function rateLimitResetSeconds(headers: ResponseHeaders, now = Date.now()): number | undefined {
  const value = headerValue(headers, 'x-ratelimit-reset')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    return n >= EPOCH_SECONDS_THRESHOLD ? Math.max(0, Math.ceil(n - now / 1000)) : Math.ceil(n);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** How long to wait after a 429 or 503: `Retry-After` when sent, else `X-Ratelimit-Reset`. */
export function waitSeconds(headers: ResponseHeaders, now = Date.now()): number | undefined {
  return retryAfterSeconds(headers, now) ?? rateLimitResetSeconds(headers, now);
}
