import type { FastifyInstance } from 'fastify';
import type { Configuration } from '../config/configuration';
import { registerDuplicateHeaderCheck } from './duplicate-headers.hook';
import { registerNoStore } from './no-store.hook';
import { registerRateLimit } from './rate-limit.hook';
import { registerSecurityHeaders } from './security-headers';

/**
 * Helmet's headers, then the refusal of repeated Authorization / Idempotency-Key headers, then the per-key
 * rate limit; each after helmet, so their refusals carry its headers too.
 */
export async function installSecurity(fastify: FastifyInstance, configuration: Configuration, now?: () => number): Promise<void> {
  await registerSecurityHeaders(fastify);
  registerDuplicateHeaderCheck(fastify);
  registerNoStore(fastify);
  registerRateLimit(fastify, {
    perMinute: configuration.security.rateLimitPerMinute,
    burst: configuration.security.rateLimitBurst,
    keys: configuration.app.apiKeys,
    now,
  });
}
