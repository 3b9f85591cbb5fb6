import { type Attributes, context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { paytokensInstruments, paytokensTracer } from './instruments';

/** Where a provider pool sends to, as spans and metrics name it. */
export interface ProviderCallTarget {
  /** `klarna`, `zenki`; absent when the pool was not told. */
  provider?: string;
  /** The base URL's host name. */
  address: string;
  /** The base URL's port (the scheme's default when the URL names none). */
  port: number;
  /** The base URL's path, prepended to every template. */
  pathPrefix: string;
}

/** The answer of a call, as far as a span needs it. */
export interface ProviderCallAnswer {
  status: number;
}

// A segment kept in a derived template: an API version or a lower-case word. Anything else may be an id or a token.
const LITERAL_SEGMENT = /^(?:v\d{1,3}|[a-z][a-z_-]{0,31})$/;

/**
 * A route template for `path` when the caller gave none: the query goes, and every segment that is not a
 * version or a lower-case word becomes `{id}` (`/v1/pay/orders/{id}`). A safety net: adapters pass their templates.
 */
export function templateOfPath(path: string): string {
  const end = path.search(/[?#]/);
  const bare = end < 0 ? path : path.slice(0, end);
  return bare
    .split('/')
    .map((segment) => (segment === '' || LITERAL_SEGMENT.test(segment) ? segment : '{id}'))
    .join('/');
}

/**
 * Runs one provider HTTP call in a CLIENT span named `METHOD /route/{template}` with the HTTP semantic-convention
 * attributes (method, `url.template`, server address and port, status, `error.type`; never a URL with ids, a
 * header or a body), hands `send` the request headers with the W3C `traceparent` of that span added, and records
 * `http.client.request.duration`. Without an SDK the span is a no-op and the headers are passed on untouched.
 */
export async function traceProviderCall<T extends ProviderCallAnswer>(
  target: ProviderCallTarget,
  request: { method: string; path: string; routeTemplate?: string; headers: Record<string, string> },
  send: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  const template = `${target.pathPrefix}${request.routeTemplate ?? templateOfPath(request.path)}` || '/';
  const attributes: Attributes = {
    'http.request.method': request.method,
    'url.template': template,
    'server.address': target.address,
    'server.port': target.port,
  };
  if (target.provider) attributes['paytokens.provider'] = target.provider;
  const span = paytokensTracer.startSpan(`${request.method} ${template}`, { kind: SpanKind.CLIENT, attributes });
  let headers = request.headers;
  if (trace.isSpanContextValid(span.spanContext())) {
    // A copy built by Object.assign: a spread copy that inject() then adds to gets a hidden class per call on Node 20.
    headers = Object.assign({}, request.headers);
    propagation.inject(trace.setSpan(context.active(), span), headers);
  }
  const startedAt = performance.now();
  try {
    const answer = await send(headers);
    attributes['http.response.status_code'] = answer.status;
    if (answer.status >= 400) attributes['error.type'] = String(answer.status);
    return answer;
  } catch (error) {
    attributes['error.type'] = errorTypeOf(error);
    throw error;
  } finally {
    paytokensInstruments().providerCallDuration.record((performance.now() - startedAt) / 1000, attributes);
    if (span.isRecording()) {
      span.setAttributes(attributes);
      if (attributes['error.type'] !== undefined) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }
}

/** A failure's kind (`timeout`, `connection-reset`…) or class name: never its message, which may quote a provider. */
function errorTypeOf(error: unknown): string {
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string') return kind;
  return error instanceof Error ? error.constructor.name : '_OTHER';
}
