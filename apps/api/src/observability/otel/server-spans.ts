import { type Attributes, context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routeTemplateOf } from '../../http/route-template';

const tracer = trace.getTracer('@paytokens/api');
const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A SERVER span per request (`POST /v1/klarna/customer-tokens`: the route template, never the path), continuing
 * the caller's W3C `traceparent`, active for everything the request does: Fastify's hooks and Nest's handler run
 * in it, and so do the body parser's stream events (the request and reply emitters are bound to it). Registered
 * only when the SDK runs. Attributes: method, `http.route`, `url.scheme`, status and `error.type` for 5xx.
 */
export function registerServerSpans(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const route = routeTemplateOf(request);
    const attributes: Attributes = { 'http.request.method': request.method, 'url.scheme': 'http' };
    if (route !== undefined) attributes['http.route'] = route;
    const span = tracer.startSpan(
      route === undefined ? request.method : `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes },
      parent,
    );
    spans.set(request, span);
    const active = trace.setSpan(parent, span);
    context.bind(active, request.raw);
    context.bind(active, reply.raw);
    context.with(active, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) {
        span.setAttribute('error.type', String(reply.statusCode));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    }
    done();
  });
}

/** `trace_id` and `span_id` of the active span, for every log line (pino's mixin); nothing outside a span. */
export function traceLogFields(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
