import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { checkJsonContent } from '../security/json-content-guard';
import { registerRouteTemplate } from './route-template';
import { jsonLimitProblem, jsonLimitViolation, type JsonBodyLimits } from '../security/body-limits';

/** What the app adds at the edge: how request ids are made, how unparseable requests are answered, and hooks. */
export interface FastifyEdgeOptions {
  genReqId?: FastifyServerOptions['genReqId'];
  clientErrorHandler?: FastifyServerOptions['clientErrorHandler'];
  /** Answers the router's own refusals (a malformed or overlong path). */
  frameworkErrors?: (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) => void;
  /** Runs on the Fastify instance before any route exists (hooks registered here apply to every route). */
  setup?: (fastify: FastifyInstance) => void;
  /** How often Node checks the header and request timeouts (ms); set at server creation only. */
  connectionsCheckingIntervalMs?: number;
  /** JSON depth and key-count limits, checked before parsing. */
  jsonLimits?: JsonBodyLimits;
}

/**
 * The Fastify adapter the app runs on: Fastify's own logger off (the app logs through its hooks), a small
 * body limit, and JSON as the only body type.
 */
export function createFastifyAdapter(bodyLimitBytes: number, edge: FastifyEdgeOptions = {}): FastifyAdapter {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: bodyLimitBytes,
    return503OnClosing: true,
    // On shutdown close idle sockets only: requests in flight are drained (lifecycle/graceful-shutdown.ts).
    forceCloseConnections: 'idle',
    // The app has no Nest middleware; skipping the middleware layer removes a hook from every request.
    skipMiddie: true,
    ...(edge.connectionsCheckingIntervalMs ? { http: { connectionsCheckingInterval: edge.connectionsCheckingIntervalMs } as never } : {}),
    genReqId: edge.genReqId,
    clientErrorHandler: edge.clientErrorHandler,
    // The adapter types Fastify's options with its own copy of fastify's types; the shapes are the same.
    frameworkErrors: edge.frameworkErrors as never,
  });
  registerRouteTemplate(adapter.getInstance());
  edge.setup?.(adapter.getInstance());
  acceptJsonOnly(adapter.getInstance(), edge.jsonLimits);
  return adapter;
}

/**
 * Any body that is not JSON is a 415. An empty JSON body counts as no body (clients send
 * `Content-Type: application/json` with nothing after it), and the parser keeps Fastify's defence
 * against `__proto__` / `constructor.prototype` poisoning.
 */
function acceptJsonOnly(fastify: FastifyInstance, limits?: JsonBodyLimits): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    const violation = limits && jsonLimitViolation(text, limits);
    if (violation) {
      done(jsonLimitProblem(violation), undefined);
      return;
    }
    parseJson(request, text, (error: Error | null, body?: unknown) => {
      if (error) return done(error, undefined);
      try {
        checkJsonContent(body);
      } catch (refusal) {
        return done(refusal as Error, undefined);
      }
      done(null, body);
    });
  });
}
