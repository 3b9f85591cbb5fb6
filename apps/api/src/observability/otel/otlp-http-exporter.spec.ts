import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { OtlpHttpSpanExporter } from './otlp-http-exporter';

describe('OtlpHttpSpanExporter (a loopback collector)', () => {
  let server: Server;
  let url: string;
  let status = 200;
  const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function oneSpan(): ReadableSpan[] {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
    provider.getTracer('t').startSpan('GET /v1/pay/{id}').end();
    return memory.getFinishedSpans();
  }

  const exportWith = (exporter: OtlpHttpSpanExporter) => new Promise<ExportResult>((resolve) => exporter.export(oneSpan(), resolve));

  it('posts protobuf by default, JSON when asked, with the configured headers', async () => {
    expect((await exportWith(new OtlpHttpSpanExporter({ url, protocol: 'http/protobuf', headers: { 'x-collector-key': 'k' } }))).code).toBe(
      ExportResultCode.SUCCESS,
    );
    expect((await exportWith(new OtlpHttpSpanExporter({ url, protocol: 'http/json', headers: {} }))).code).toBe(ExportResultCode.SUCCESS);
    const [protobuf, json] = received.splice(0);
    expect(protobuf.headers).toMatchObject({ 'content-type': 'application/x-protobuf', 'x-collector-key': 'k' });
    expect(protobuf.body.includes(Buffer.from('GET /v1/pay/{id}'))).toBe(true);
    expect(json.headers['content-type']).toBe('application/json');
    expect(JSON.parse(json.body.toString('utf8')).resourceSpans[0].scopeSpans[0].spans[0].name).toBe('GET /v1/pay/{id}');
  });

  it('reports a refused export or an unreachable collector as failed, without throwing', async () => {
    status = 503;
    expect((await exportWith(new OtlpHttpSpanExporter({ url, protocol: 'http/json', headers: {} }))).code).toBe(ExportResultCode.FAILED);
    status = 200;
    expect(
      (await exportWith(new OtlpHttpSpanExporter({ url: 'http://127.0.0.1:1/v1/traces', protocol: 'http/json', headers: {} }))).code,
    ).toBe(ExportResultCode.FAILED);
  });
});
