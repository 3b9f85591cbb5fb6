import { ConfigurationError } from '../../config/configuration.error';
import type { Environment } from '../../config/environment';

/** The OTLP/HTTP encodings the app exports in. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** What the standard OTEL_* variables ask for; undefined when they ask for nothing (then no SDK is loaded). */
export interface OtelSettings {
  serviceName: string;
  /** Where spans go (OTLP/HTTP); absent: no traces exported. */
  tracesUrl?: string;
  /** Where metrics go (OTLP/HTTP); absent: no OpenTelemetry metrics exported (Prometheus /metrics is unaffected). */
  metricsUrl?: string;
  protocol: OtlpProtocol;
  /** Headers for the collector (OTEL_EXPORTER_OTLP_HEADERS); may hold a credential, so never logged. */
  headers: Record<string, string>;
  /** OTEL_BSP_SCHEDULE_DELAY: how long spans are batched before they are sent. */
  scheduleDelayMs: number;
  /** OTEL_METRIC_EXPORT_INTERVAL: how often metrics are sent. */
  metricIntervalMs: number;
}

/**
 * Reads the standard variables: OTEL_SDK_DISABLED, OTEL_SERVICE_NAME, OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER
 * (`otlp` or `none`), OTEL_EXPORTER_OTLP_ENDPOINT (base URL; `/v1/traces` and `/v1/metrics` are appended) or the
 * per-signal OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / _METRICS_ENDPOINT (used as they are), OTEL_EXPORTER_OTLP_PROTOCOL
 * (`http/protobuf`, the default, or `http/json`), OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_SCHEDULE_DELAY,
 * OTEL_METRIC_EXPORT_INTERVAL. A signal is exported when it has an endpoint and its exporter is not `none`.
 */
export function otelSettingsOf(env: Environment): OtelSettings | undefined {
  const read = (name: string) => env[name]?.trim() || undefined;
  if (read('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const problems: string[] = [];
  const base = read('OTEL_EXPORTER_OTLP_ENDPOINT')?.replace(/\/+$/, '');
  const signalUrl = (signal: 'TRACES' | 'METRICS', path: string): string | undefined => {
    const exporter = read(`OTEL_${signal}_EXPORTER`);
    if (exporter !== undefined && exporter !== 'otlp') {
      if (exporter !== 'none') problems.push(`OTEL_${signal}_EXPORTER must be otlp or none (got "${exporter}")`);
      return undefined;
    }
    const url = read(`OTEL_EXPORTER_OTLP_${signal}_ENDPOINT`) ?? (base ? `${base}${path}` : undefined);
    if (url !== undefined && !/^https?:\/\/[^/\s]+/.test(url))
      problems.push(`OTEL_EXPORTER_OTLP_${signal}_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL`);
    return url;
  };
  const tracesUrl = signalUrl('TRACES', '/v1/traces');
  const metricsUrl = signalUrl('METRICS', '/v1/metrics');
  const protocol = read('OTEL_EXPORTER_OTLP_PROTOCOL') ?? 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json')
    problems.push(`OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (got "${protocol}"; gRPC is not bundled)`);
  const scheduleDelayMs = milliseconds(read('OTEL_BSP_SCHEDULE_DELAY'), 5_000, 'OTEL_BSP_SCHEDULE_DELAY', problems);
  const metricIntervalMs = milliseconds(read('OTEL_METRIC_EXPORT_INTERVAL'), 60_000, 'OTEL_METRIC_EXPORT_INTERVAL', problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  if (tracesUrl === undefined && metricsUrl === undefined) return undefined;
  return {
    serviceName: read('OTEL_SERVICE_NAME') ?? 'paytokens-api',
    tracesUrl,
    metricsUrl,
    protocol: protocol as OtlpProtocol,
    headers: parseHeaders(read('OTEL_EXPORTER_OTLP_HEADERS')),
    scheduleDelayMs,
    metricIntervalMs,
  };
}

function milliseconds(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) problems.push(`${name} must be a positive whole number of milliseconds`);
  return parsed;
}

/** `key=value,key2=value2` (values URL-encoded), as the OpenTelemetry specification writes headers. */
function parseHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text?.split(',') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0) headers[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}
