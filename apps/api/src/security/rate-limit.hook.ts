import { ErrorCode } from '@paytokens/domain';
import type { FastifyInstance } from 'fastify';
import type { ApiKeyRing } from '../auth/api-key-ring';
import { presentedApiKey } from '../auth/authenticate';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { problem } from '../problem/problem-details';
import { sendProblem } from './send-problem';
import { TokenBucketRateLimiter } from './token-bucket-rate-limiter';
import { routeTemplateOf } from '../http/route-template';

/** How the rate limit is set up. */
export interface RateLimitOptions {
  /** Sustained requests per minute per caller; 0: no limit. */
  perMinute: number;
  burst: number;
  /** The keys callers authenticate with: a caller is its key when it presents a valid one. */
  keys: ApiKeyRing;
  /** Milliseconds since some fixed point (tests move it); default `performance.now`. */
  now?: () => number;
}

// Probes and the docs are never limited: an orchestrator must always reach /health. /metrics is limited like
// any request without an API key (per address), so METRICS_API_KEY cannot be guessed at full speed.
const EXEMPT_ROUTE = /^\/(?:health|docs)(?:\/|$)/;
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Limits each caller to `perMinute` requests (with bursts of `burst`) and answers the rest 429
 * `RATE_LIMITED` with `Retry-After`. A caller is its API key's id when the request carries a valid key,
 * else its address, so a flood of bad keys never eats into a real key's allowance. It runs as a Fastify
 * `onRequest` hook, before the body is read: a refused request costs next to nothing. In memory, per instance.
 */
export function registerRateLimit(fastify: FastifyInstance, options: RateLimitOptions): void {
  if (options.perMinute <= 0) return;
  const keys = options.keys;
  // Keys and addresses in separate tables: a flood of new addresses evicts only other addresses' buckets, never
  // a throttled key's (one bucket per configured key, so the key table never evicts).
  const keyLimiter = new TokenBucketRateLimiter({
    perMinute: options.perMinute,
    burst: options.burst,
    now: options.now,
    maxBuckets: keys.size + 1,
  });
  const addressLimiter = new TokenBucketRateLimiter({ perMinute: options.perMinute, burst: options.burst, now: options.now });
  const sweeper = setInterval(() => {
    keyLimiter.sweep();
    addressLimiter.sweep();
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = routeTemplateOf(request);
    if (route !== undefined && EXEMPT_ROUTE.test(route)) return done();
    const presented = presentedApiKey(request.headers.authorization);
    const keyId = presented === undefined ? undefined : keys.verify(presented);
    // The guard reuses this result: hashing the key once per request is enough.
    if (keyId !== undefined) (request as AuthenticatedRequest).apiKeyId = keyId;
    const decision = keyId === undefined ? addressLimiter.take(request.ip) : keyLimiter.take(keyId);
    if (decision.allowed) return done();
    sendProblem(reply, {
      problem: problem(
        429,
        ErrorCode.RateLimited,
        'Too many requests',
        keyId === undefined
          ? 'Too many requests from this client; retry after the number of seconds in Retry-After.'
          : 'Too many requests with this API key; retry after the number of seconds in Retry-After.',
      ),
      headers: { 'retry-after': String(decision.retryAfterSeconds) },
    });
  });
}
