import type { FastifyInstance } from 'fastify';

const API_ROUTE = /^\/v1\//;

/**
 * Every `/v1` answer carries tokens or personal data (customer tokens, billing addresses, access tokens),
 * errors included: `Cache-Control: no-store`, so no proxy or browser cache keeps a copy.
 */
export function registerNoStore(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (API_ROUTE.test(request.url)) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
