import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ProviderHttpPool } from '../provider-http-pool';
import { templateOfPath } from './provider-call-span';
import { traceInNewTrace, traceUseCase } from './use-case-span';

describe('provider call spans (a real SDK in memory, a real HTTP server on loopback)', () => {
  const exporter = new InMemorySpanExporter();
  const seen: IncomingHttpHeaders[] = [];
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.statusCode = req.url?.includes('/status') ? 503 : 200;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    trace.disable();
    context.disable();
    propagation.disable();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    exporter.reset();
    seen.length = 0;
  });

  it('names the span by method and route template, with semantic-convention attributes and no id, header or body', async () => {
    const pool = new ProviderHttpPool({ baseUrl, timeoutMs: 1_000, provider: 'klarna' });
    const secretId = 'Tok3nSecretValue123';
    await traceUseCase('ReadCustomerToken', () =>
      pool.request({
        method: 'GET',
        path: `/customer-token/v1/tokens/${secretId}`,
        routeTemplate: '/customer-token/v1/tokens/{customerToken}',
        headers: { authorization: 'Basic c2VjcmV0' },
        signal: new AbortController().signal,
      }),
    );
    await pool.close();
    const [client, useCase] = exporter.getFinishedSpans();
    expect(client.name).toBe('GET /api/customer-token/v1/tokens/{customerToken}');
    expect(client.kind).toBe(SpanKind.CLIENT);
    expect(client.attributes).toEqual({
      'http.request.method': 'GET',
      'url.template': '/api/customer-token/v1/tokens/{customerToken}',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(baseUrl).port),
      'paytokens.provider': 'klarna',
      'http.response.status_code': 200,
    });
    expect(client.parentSpanContext?.spanId).toBe(useCase.spanContext().spanId);
    expect(JSON.stringify(exporter.getFinishedSpans().map((s) => [s.name, s.attributes, s.events]))).not.toMatch(/Tok3n|c2VjcmV0/);
    // The provider receives the client span's context as W3C traceparent.
    expect(seen[0]['traceparent']).toBe(`00-${client.spanContext().traceId}-${client.spanContext().spanId}-01`);
  });

  it('marks a 5xx answer with error.type and derives a template with ids masked when none is given', async () => {
    const pool = new ProviderHttpPool({ baseUrl, timeoutMs: 1_000 });
    await pool.request({
      method: 'PATCH',
      path: '/v1/orders/Ab12cd34/status?x=jane@example.com',
      headers: {},
      signal: new AbortController().signal,
    });
    await pool.close();
    const [client] = exporter.getFinishedSpans();
    expect(client.attributes).toMatchObject({
      'url.template': '/api/v1/orders/{id}/status',
      'http.response.status_code': 503,
      'error.type': '503',
    });
    expect(client.status.code).toBe(2);
  });

  it('records a transport failure by its kind', async () => {
    const pool = new ProviderHttpPool({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 500 });
    await expect(pool.request({ method: 'GET', path: '/x', headers: {}, signal: new AbortController().signal })).rejects.toThrow();
    await pool.close();
    expect(exporter.getFinishedSpans()[0].attributes['error.type']).toBe('connection-refused');
  });

  it('starts a background task as a new trace linked to its trigger', async () => {
    await traceUseCase('GetAccessToken', () => traceInNewTrace('GetAccessToken background refresh', async () => undefined));
    const [background, trigger] = exporter.getFinishedSpans();
    expect(background.spanContext().traceId).not.toBe(trigger.spanContext().traceId);
    expect(background.parentSpanContext).toBeUndefined();
    expect(background.links[0].context.spanId).toBe(trigger.spanContext().spanId);
  });
});

describe('templateOfPath', () => {
  it('keeps versions and lower-case words, masks everything else and drops the query', () => {
    expect(templateOfPath('/v1/oauth/tokens')).toBe('/v1/oauth/tokens');
    expect(templateOfPath('/payments/v1/authorizations/abc-123/customer-token?x=1')).toBe(
      '/payments/v1/authorizations/{id}/customer-token',
    );
    expect(templateOfPath('/v1/pay/7c5f3c58-3d4e-4f6c')).toBe('/v1/pay/{id}');
    expect(templateOfPath('/v1/pay/JaneDoe')).toBe('/v1/pay/{id}');
  });
});
