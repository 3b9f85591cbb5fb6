import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@paytokens/adapters-redis');

/**
 * Wraps the named async methods of `store` so that each call runs in an OpenTelemetry CLIENT span
 * `redis <Store>.<method>` (`db.system.name` redis, `db.operation.name` the method); never a key or a value,
 * which may hold an idempotency key or a token. A no-op unless the application installs an SDK. Returns `store`.
 */
export function traceStoreMethods<T extends object>(store: T, storeName: string, methods: readonly (keyof T & string)[]): T {
  for (const method of methods) {
    const original = (store[method] as (...args: unknown[]) => Promise<unknown>).bind(store);
    const attributes = { 'db.system.name': 'redis', 'db.operation.name': method, 'paytokens.store': storeName };
    (store as Record<string, unknown>)[method] = (...args: unknown[]) =>
      tracer.startActiveSpan(`redis ${storeName}.${method}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        try {
          return await original(...args);
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
      });
  }
  return store;
}
