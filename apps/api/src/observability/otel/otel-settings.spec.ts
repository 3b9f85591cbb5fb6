import { ConfigurationError } from '../../config/configuration.error';
import { otelSettingsOf } from './otel-settings';
import { startOpenTelemetryFromEnv } from './otel-start';

// Loading any SDK module without the variables would fail these tests.
jest.mock('@opentelemetry/sdk-trace-node', () => {
  throw new Error('the trace SDK was loaded');
});
jest.mock('@opentelemetry/sdk-metrics', () => {
  throw new Error('the metrics SDK was loaded');
});

describe('otelSettingsOf', () => {
  it('asks for nothing without an endpoint, with OTEL_SDK_DISABLED=true, or with both exporters none', async () => {
    expect(otelSettingsOf({})).toBeUndefined();
    expect(otelSettingsOf({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_EXPORTER: 'otlp' })).toBeUndefined();
    expect(otelSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(
      otelSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' }),
    ).toBeUndefined();
    await expect(startOpenTelemetryFromEnv({ OTEL_SERVICE_NAME: 'x' })).resolves.toBeUndefined();
  });

  it('derives the signal URLs from the base endpoint, per-signal endpoints win, protobuf by default', () => {
    expect(otelSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_HEADERS: 'x-key=a%20b' })).toEqual({
      serviceName: 'paytokens-api',
      tracesUrl: 'http://collector:4318/v1/traces',
      metricsUrl: 'http://collector:4318/v1/metrics',
      protocol: 'http/protobuf',
      headers: { 'x-key': 'a b' },
      scheduleDelayMs: 5_000,
      metricIntervalMs: 60_000,
    });
    expect(
      otelSettingsOf({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
        OTEL_SERVICE_NAME: 'api-eu',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      }),
    ).toMatchObject({ serviceName: 'api-eu', tracesUrl: 'https://traces.example/otlp', metricsUrl: undefined, protocol: 'http/json' });
  });

  it('refuses what it cannot honour, naming every variable', () => {
    const read = () =>
      otelSettingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_TRACES_EXPORTER: 'zipkin',
        OTEL_BSP_SCHEDULE_DELAY: 'soon',
      });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      /OTEL_TRACES_EXPORTER[\s\S]*OTEL_EXPORTER_OTLP_METRICS_ENDPOINT[\s\S]*OTEL_EXPORTER_OTLP_PROTOCOL[\s\S]*OTEL_BSP_SCHEDULE_DELAY/,
    );
  });
});
