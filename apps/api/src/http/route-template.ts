import type { FastifyInstance, FastifyRequest } from 'fastify';

const SLOT = 'paytokensRouteTemplate';

type WithSlot = FastifyRequest & { [SLOT]?: string | null };

/**
 * Gives every request a slot for its route template, so that routeTemplateOf reads it once. (Fastify's
 * `request.routeOptions` builds a new object on every access, and half a dozen hooks ask for the template on
 * each request.) Call before any route exists.
 */
export function registerRouteTemplate(fastify: FastifyInstance): void {
  fastify.decorateRequest(SLOT, null);
}

/** The template of the route that matched (e.g. `/v1/klarna/customer-tokens/:tokenId`); undefined when none did. */
export function routeTemplateOf(request: FastifyRequest): string | undefined {
  const slot = request as WithSlot;
  let template = slot[SLOT];
  if (typeof template !== 'string') {
    template = request.routeOptions.url ?? '';
    slot[SLOT] = template;
  }
  return template === '' ? undefined : template;
}
