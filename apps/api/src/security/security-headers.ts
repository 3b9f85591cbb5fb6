import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
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
export const API_SECURITY_HEADERS: HelmetOptions = {
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
export const DOCS_SECURITY_HEADERS: HelmetOptions = {
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

/**
 * The headers helmet sets with `options`. @fastify/helmet builds helmet's middleware anew on every request (two async
 * hooks, option parsing, header-name conversion): on the hot route that costs more than the route itself. The headers
 * are the same for every answer (no directive here depends on the request), so helmet's middleware runs once, on a
 * response that only collects what it sets, and those headers are what the app then sends.
 */
export function helmetHeaders(options: HelmetOptions): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: number | string | readonly string[]): void {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string): void {
      delete headers[name.toLowerCase()];
    },
  };
  return new Promise((resolve, reject) => {
    helmet(options)({} as IncomingMessage, collector as unknown as ServerResponse, (error?: unknown) =>
      error === undefined ? resolve(headers) : reject(error),
    );
  });
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
