import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { routeTemplateOf } from '../http/route-template';

/** Where the Swagger UI page and its assets live (the only HTML this app serves). */
const DOCS_ROUTE = /^\/docs(?:\/|$)/;

/** Helmet's headers for any answer: HSTS, nosniff, no framing, no referrer, same-origin resource policy. */
const COMMON_SECURITY_HEADERS = {
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
} as const;

/**
 * Helmet's headers for the API's JSON answers: the Content-Security-Policy an API wants (nothing may
 * load, nothing may frame it; OWASP's REST Security Cheat Sheet), and without the headers that only
 * mean something for an HTML page a browser renders (opener policy, origin-agent cluster, DNS prefetch,
 * IE's download and XSS switches, Flash's cross-domain policies). Every byte here is sent on the hot route.
 */
export const API_SECURITY_HEADERS: FastifyHelmetOptions = {
  ...COMMON_SECURITY_HEADERS,
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/**
 * Helmet's headers for /docs, a page: all of helmet's defaults, and a CSP that lets Swagger UI load its
 * own scripts, styles and images from this origin (the UI sets inline styles and shows `data:` images)
 * and fetch the OpenAPI document, and nothing else; no inline script runs.
 */
export const DOCS_SECURITY_HEADERS: FastifyHelmetOptions = {
  ...COMMON_SECURITY_HEADERS,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
};

// What the probe's answer carries that is not helmet's: left to the real answer.
const NOT_HELMET = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The headers @fastify/helmet sets with `options`. The plugin builds helmet's middleware anew on every
 * request (two async hooks, option parsing, header-name conversion): on the hot route that costs more
 * than the route itself. The headers are the same for every answer, so the plugin runs once, on a probe
 * instance, and its answer's headers are what the app then sends.
 */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(fastifyHelmet, options);
    probe.get('/', (_request, reply) => reply.send(''));
    const answer = await probe.inject({ method: 'GET', url: '/' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!NOT_HELMET.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return headers;
  } finally {
    await probe.close();
  }
}

/** Sends helmet's headers on every answer, from the first hooks on: a 429 or a 404 carries them too. */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  const [api, docs] = await Promise.all([helmetHeaders(API_SECURITY_HEADERS), helmetHeaders(DOCS_SECURITY_HEADERS)]);
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = routeTemplateOf(request);
    reply.headers(route !== undefined && DOCS_ROUTE.test(route) ? docs : api);
    done();
  });
}
