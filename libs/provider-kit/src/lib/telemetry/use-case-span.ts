import { context, type Link, ROOT_CONTEXT, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { paytokensTracer } from './instruments';

/** Runs `work` in an active INTERNAL span named `name`; a failure is recorded by its error code or class only. */
export function traceUseCase<T>(name: string, work: () => Promise<T>, attributes?: Record<string, string>): Promise<T> {
  const span = paytokensTracer.startSpan(name, { attributes });
  // Without an SDK the span is a placeholder: no context to set, nothing to end (the hot path pays one object).
  if (!trace.isSpanContextValid(span.spanContext())) return work();
  return context.with(trace.setSpan(context.active(), span), () => endWith(span, work));
}

/**
 * Runs `work` as its own trace (a new root span, linked to the span active when it was triggered): what a
 * background refresh is, so that it is not counted in the request that happened to start it.
 */
export function traceInNewTrace<T>(name: string, work: () => Promise<T>, attributes?: Record<string, string>): Promise<T> {
  const trigger = trace.getActiveSpan()?.spanContext();
  const links: Link[] = trigger && trace.isSpanContextValid(trigger) ? [{ context: trigger }] : [];
  return paytokensTracer.startActiveSpan(name, { root: true, links, attributes }, ROOT_CONTEXT, (span) => endWith(span, work));
}

/**
 * Wraps `target.execute` (a domain use case) so that every call runs in a span named `name`; returns the same
 * object. The domain knows nothing of tracing: the adapters wrap the use cases they build.
 */
export function traceExecute<T extends { execute(...args: never[]): Promise<unknown> }>(
  target: T,
  name: string,
  attributes?: Record<string, string>,
): T {
  const execute = target.execute.bind(target) as (...args: unknown[]) => Promise<unknown>;
  (target as { execute: unknown }).execute = (...args: unknown[]) => traceUseCase(name, () => execute(...args), attributes);
  return target;
}

/** Adds an event to the active span (if any and recording). */
export function addSpanEvent(name: string, attributes?: Record<string, string | number | boolean>): void {
  const span = trace.getSpan(context.active());
  if (span?.isRecording()) span.addEvent(name, attributes);
}

async function endWith<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (span.isRecording()) {
      const code = (error as { code?: unknown } | null)?.code;
      span.setAttribute('error.type', typeof code === 'string' ? code : error instanceof Error ? error.constructor.name : '_OTHER');
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    throw error;
  } finally {
    span.end();
  }
}
