import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { traceStoreMethods } from './redis-store-tracing';

describe('traceStoreMethods (a real SDK in memory)', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('runs each named method in a CLIENT span with the operation, never its key or value, and keeps results and errors', async () => {
    const failure = Object.assign(new Error('READONLY key idem:jane@example.com'), { code: 'REDIS_UNAVAILABLE' });
    const store = traceStoreMethods(
      {
        get: async (key: string) => `value-of-${key}`,
        set: async (_key: string, _value: string) => {
          throw failure;
        },
        untouched: async () => 'plain',
      },
      'AccessTokenCache',
      ['get', 'set'],
    );
    expect(await store.get('paytokens:zenki:secret-key')).toBe('value-of-paytokens:zenki:secret-key');
    await expect(store.set('k', 'tok_secret')).rejects.toBe(failure);
    expect(await store.untouched()).toBe('plain');

    const [get, set] = exporter.getFinishedSpans();
    expect(exporter.getFinishedSpans()).toHaveLength(2);
    expect(get).toMatchObject({ name: 'redis AccessTokenCache.get', kind: SpanKind.CLIENT });
    expect(get.attributes).toEqual({ 'db.system.name': 'redis', 'db.operation.name': 'get', 'paytokens.store': 'AccessTokenCache' });
    expect(set.attributes).toMatchObject({ 'db.operation.name': 'set', 'error.type': 'REDIS_UNAVAILABLE' });
    expect(JSON.stringify(exporter.getFinishedSpans().map((span) => [span.attributes, span.events]))).not.toMatch(/secret|jane|tok_/);
  });
});
