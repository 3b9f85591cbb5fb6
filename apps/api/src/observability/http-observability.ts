import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { IDEMPOTENT_REPLAYED_HEADER } from '../klarna/idempotency-key';
import { type AccessLine, accessLineWriter } from './access-line';
import { type ApiMetrics, UNMATCHED_ROUTE } from './api-metrics';
import { PathMasker } from './path-masker';
import { REQUEST_ID_HEADER } from './request-id';
import { routeTemplateOf } from '../http/route-template';

/** What the HTTP hooks report to. */
export interface HttpObservabilityTargets {
  /** Writes the access lines; they are built here from safe parts only, so it need not scrub. */
  accessLogger: Logger;
  metrics: ApiMetrics;
}

const REPLAYED = IDEMPOTENT_REPLAYED_HEADER.toLowerCase();
// Probes and scrapes arrive every few seconds; their access lines are debug, so info stays readable.
const QUIET_ROUTE = /^\/(?:health|metrics|docs)(?:\/|$)/;
// The hot route's answers that went well are debug too: at thousands a second, writing a line for each
// cost the route about 40% of its throughput in the benchmark. They are all in http_requests_total; its
// refusals and failures are logged like any other.
const QUIET_WHEN_OK = new Set(['/v1/zenki/access-tokens']);

/**
 * Request ids, access logs and request metrics as plain Fastify hooks (no Nest interceptor, nothing
 * per-request that reflects on metadata): the id is echoed in `X-Request-Id` as soon as the request
 * arrives, and when the answer is sent one access line (never a body, never a header; ids in the path
 * masked) and the request metrics are written. Registered first, so that every answer, a 429 included,
 * gets its id. (No AsyncLocalStorage to put the id on other lines: on Node 20 it hooks every promise,
 * which costs the hot route more than all of this together.)
 */
export function registerHttpObservability(fastify: FastifyInstance, targets: HttpObservabilityTargets): void {
  const { accessLogger, metrics } = targets;
  const writeAccessLine = accessLineWriter(accessLogger, 'request completed');
  const paths = new PathMasker();
  fastify.addHook('onRoute', (route) => paths.learnRoute(route.url));
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const template = routeTemplateOf(request);
    const route = template ?? UNMATCHED_ROUTE;
    const status = reply.statusCode;
    const durationMs = reply.elapsedTime;
    metrics.observeRequest(request.method, route, status, durationMs / 1000);
    if (reply.getHeader(REPLAYED) === 'true') metrics.countIdempotencyReplay();
    const level =
      status >= 500
        ? 'error'
        : (status < 400 && QUIET_WHEN_OK.has(route)) || QUIET_ROUTE.test(route === UNMATCHED_ROUTE ? '' : route)
          ? 'debug'
          : 'info';
    if (accessLogger.isLevelEnabled(level)) writeAccessLine(level, accessLine(request, reply, template, paths, durationMs));
    done();
  });
}

function accessLine(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string | undefined,
  paths: PathMasker,
  durationMs: number,
): AccessLine {
  return {
    reqId: request.id,
    method: request.method,
    route: template ?? UNMATCHED_ROUTE,
    // A matched route without parameters is its template; anything else is masked segment by segment.
    path: template !== undefined && !template.includes(':') && !template.includes('*') ? template : paths.mask(request.url),
    status: reply.statusCode,
    durationMs: Math.round(durationMs * 100) / 100,
    keyId: (request as { apiKeyId?: string }).apiKeyId,
  };
}
