import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import {
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { OtlpProtocol } from './otel-settings';

const EXPORT_TIMEOUT_MS = 10_000;

/** Where and how one signal is posted. */
export interface OtlpTarget {
  url: string;
  protocol: OtlpProtocol;
  headers: Record<string, string>;
}

/**
 * Posts one serialized OTLP request; resolves with success on a 2xx. Written here rather than taken from the
 * `@opentelemetry/exporter-*-otlp-*` packages, which load `http` with a native `import()` that Jest (CommonJS,
 * no --experimental-vm-modules) cannot run: the SDK's own serializers do the OTLP encoding.
 */
function post(target: OtlpTarget, body: Uint8Array | undefined): Promise<ExportResult> {
  if (body === undefined) return Promise.resolve({ code: ExportResultCode.FAILED, error: new Error('OTLP serialization failed') });
  const url = new URL(target.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const contentType = target.protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
  return new Promise((resolve) => {
    const outgoing = send(
      url,
      {
        method: 'POST',
        headers: { ...target.headers, 'content-type': contentType, 'content-length': body.byteLength },
        timeout: EXPORT_TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const ok = (response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300;
          // The collector's answer is not quoted: only its status.
          resolve(
            ok
              ? { code: ExportResultCode.SUCCESS }
              : { code: ExportResultCode.FAILED, error: new Error(`OTLP export answered ${response.statusCode}`) },
          );
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('OTLP export timed out')));
    outgoing.on('error', (error) => resolve({ code: ExportResultCode.FAILED, error }));
    outgoing.end(body);
  });
}

/** Tracks exports in flight, so that a flush or a shutdown can wait for them. */
class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return work;
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}

/** An OTLP/HTTP span exporter (protobuf or JSON). */
export class OtlpHttpSpanExporter implements SpanExporter {
  private readonly inFlight = new InFlight();

  constructor(private readonly target: OtlpTarget) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const serializer = this.target.protocol === 'http/json' ? JsonTraceSerializer : ProtobufTraceSerializer;
    void this.inFlight.track(post(this.target, serializer.serializeRequest(spans))).then(done);
  }

  forceFlush(): Promise<void> {
    return this.inFlight.settle();
  }

  shutdown(): Promise<void> {
    return this.inFlight.settle();
  }
}

/** An OTLP/HTTP metric exporter (protobuf or JSON), cumulative temporality (the SDK's default). */
export class OtlpHttpMetricExporter implements PushMetricExporter {
  private readonly inFlight = new InFlight();

  constructor(private readonly target: OtlpTarget) {}

  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
    const serializer = this.target.protocol === 'http/json' ? JsonMetricsSerializer : ProtobufMetricsSerializer;
    void this.inFlight.track(post(this.target, serializer.serializeRequest(metrics))).then(done);
  }

  forceFlush(): Promise<void> {
    return this.inFlight.settle();
  }

  shutdown(): Promise<void> {
    return this.inFlight.settle();
  }
}
