import type { FastifyInstance } from 'fastify';
import type { Configuration } from '../config/configuration';
import { registerRateLimit } from './rate-limit.hook';
import { registerSecurityHeaders } from './security-headers';

/** Helmet's headers, then the per-key rate limit (after helmet, so a 429 carries the headers too). */
export async function installSecurity(fastify: FastifyInstance, configuration: Configuration, now?: () => number): Promise<void> {
  await registerSecurityHeaders(fastify);
  registerRateLimit(fastify, {
    perMinute: configuration.security.rateLimitPerMinute,
    burst: configuration.security.rateLimitBurst,
    keys: configuration.app.apiKeys,
    now,
  });
}
