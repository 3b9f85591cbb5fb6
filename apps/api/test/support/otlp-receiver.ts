import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An OTLP attribute value as OTLP/JSON writes it. */
type OtlpValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };

/** A span as the receiver keeps it: ids in hex, attributes as plain values. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  links: { traceId: string; spanId: string }[];
  /** The span as it arrived, for the leak scan. */
  raw: unknown;
}

/**
 * An OTLP/HTTP receiver on loopback for OTLP/JSON (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`): keeps every span
 * posted to `/v1/traces` and every metric name posted to `/v1/metrics`, and answers 200 `{}` like a collector.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly metricNames = new Set<string>();
  /** Every body received, as text. */
  readonly bodies: string[] = [];

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`: what OTEL_EXPORTER_OTLP_ENDPOINT is set to. */
    readonly url: string,
  ) {}

  static async start(): Promise<OtlpReceiver> {
    const holder: { receiver?: OtlpReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        holder.receiver?.receive(req.url ?? '', text);
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.receiver = new OtlpReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.receiver;
  }

  /** The spans of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(path: string, text: string): void {
    this.bodies.push(text);
    const body = JSON.parse(text) as Record<string, unknown[]>;
    if (path === '/v1/traces') {
      for (const resource of (body['resourceSpans'] ?? []) as { scopeSpans: { spans: Record<string, unknown>[] }[] }[]) {
        for (const scope of resource.scopeSpans) for (const span of scope.spans) this.spans.push(toSpan(span));
      }
    } else if (path === '/v1/metrics') {
      for (const resource of (body['resourceMetrics'] ?? []) as { scopeMetrics: { metrics: { name: string }[] }[] }[]) {
        for (const scope of resource.scopeMetrics) for (const metric of scope.metrics) this.metricNames.add(metric.name);
      }
    }
  }
}

function toSpan(span: Record<string, unknown>): ReceivedSpan {
  const events = (span['events'] ?? []) as { name: string; attributes?: { key: string; value: OtlpValue }[] }[];
  const links = (span['links'] ?? []) as { traceId: string; spanId: string }[];
  return {
    traceId: span['traceId'] as string,
    spanId: span['spanId'] as string,
    parentSpanId: (span['parentSpanId'] as string | undefined) || undefined,
    name: span['name'] as string,
    kind: span['kind'] as number,
    attributes: attributesOf(span['attributes'] as { key: string; value: OtlpValue }[] | undefined),
    events: events.map((event) => ({ name: event.name, attributes: attributesOf(event.attributes) })),
    links: links.map((link) => ({ traceId: link.traceId, spanId: link.spanId })),
    raw: span,
  };
}

function attributesOf(list: { key: string; value: OtlpValue }[] | undefined): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const { key, value } of list ?? [])
    attributes[key] = value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.doubleValue ?? value.boolValue));
  return attributes;
}
