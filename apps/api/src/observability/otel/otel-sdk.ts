import { context, metrics, propagation, trace } from '@opentelemetry/api';
import type { OtelSettings } from './otel-settings';

/** A running OpenTelemetry SDK: flush it (tests) and shut it down (at app close). */
export interface OpenTelemetryRuntime {
  readonly settings: OtelSettings;
  /** Exports every span and metric recorded so far. */
  forceFlush(): Promise<void>;
  /** Exports what is left, then unregisters the SDK: the API is a no-op again. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for traces and metrics over OTLP/HTTP and registers it globally (tracer and meter
 * providers, the AsyncLocalStorage context manager, the W3C trace-context propagator). The SDK packages are
 * imported here and only here, so that an app started without OTEL_* variables never loads them.
 */
export async function startOpenTelemetry(settings: OtelSettings): Promise<OpenTelemetryRuntime> {
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const resource = resourceFromAttributes({ 'service.name': settings.serviceName });
  const { OtlpHttpMetricExporter, OtlpHttpSpanExporter } = await import('./otlp-http-exporter');
  const target = (url: string) => ({ url, protocol: settings.protocol, headers: settings.headers });
  const closers: (() => Promise<void>)[] = [];
  const flushers: (() => Promise<void>)[] = [];

  if (settings.tracesUrl) {
    const { NodeTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-node');
    const processor = new BatchSpanProcessor(new OtlpHttpSpanExporter(target(settings.tracesUrl)), {
      scheduledDelayMillis: settings.scheduleDelayMs,
    });
    const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
    provider.register();
    flushers.push(() => provider.forceFlush());
    closers.push(() => provider.shutdown());
  }
  if (settings.metricsUrl) {
    const { MeterProvider, PeriodicExportingMetricReader } = await import('@opentelemetry/sdk-metrics');
    const reader = new PeriodicExportingMetricReader({
      exporter: new OtlpHttpMetricExporter(target(settings.metricsUrl)),
      exportIntervalMillis: settings.metricIntervalMs,
    });
    const provider = new MeterProvider({ resource, readers: [reader] });
    metrics.setGlobalMeterProvider(provider);
    flushers.push(() => provider.forceFlush());
    closers.push(() => provider.shutdown());
  }

  let stopping: Promise<void> | undefined;
  return {
    settings,
    forceFlush: async () => {
      await Promise.all(flushers.map((flush) => flush()));
    },
    shutdown: () =>
      (stopping ??= (async () => {
        // An unreachable collector must not hold up shutdown: what cannot be sent is dropped.
        await Promise.allSettled(closers.map((close) => close()));
        trace.disable();
        metrics.disable();
        propagation.disable();
        context.disable();
      })()),
  };
}
