import type { Environment } from '../../config/environment';
import type { OpenTelemetryRuntime } from './otel-sdk';
import { otelSettingsOf } from './otel-settings';

/**
 * Starts the OpenTelemetry SDK when the OTEL_* variables ask for an exporter; otherwise resolves to undefined
 * without loading any SDK module (the libraries' `@opentelemetry/api` calls stay no-ops).
 */
export async function startOpenTelemetryFromEnv(env: Environment): Promise<OpenTelemetryRuntime | undefined> {
  const settings = otelSettingsOf(env);
  if (!settings) return undefined;
  const { startOpenTelemetry } = await import('./otel-sdk');
  return startOpenTelemetry(settings);
}
