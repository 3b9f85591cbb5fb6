import { registerAs } from '@nestjs/config';
import { ApiKeyRing } from '../auth/api-key-ring';
import { LOG_LEVELS, type LogLevelName } from '../observability/app-logger';
import { readValidated, type EnvironmentReader } from './environment';

/** Name of the `observability` config namespace. */
export const OBSERVABILITY_NAMESPACE = 'observability';

/** The `observability` config namespace: how much to log, and who may read /metrics. */
export interface ObservabilityConfig {
  logLevel: LogLevelName;
  /** Keys that may read /metrics; unset: loopback clients only. */
  metricsKeys?: ApiKeyRing;
}

/** Reads the `observability` namespace; problems are collected on the reader. */
export function readObservabilityConfig(env: EnvironmentReader): ObservabilityConfig {
  const logLevel = env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const metricsKey = env.secret('METRICS_API_KEY');
  let metricsKeys: ApiKeyRing | undefined;
  if (metricsKey) {
    // The same forms as API_KEYS (a key of 16+ characters, or sha256:<hex>); messages name this variable.
    const parsed = ApiKeyRing.parse(metricsKey.reveal());
    env.problems.push(...parsed.problems.map((problem) => problem.replace(/^API_KEYS/, 'METRICS_API_KEY')));
    metricsKeys = parsed.ring;
  }
  return { logLevel, metricsKeys };
}

/** The `observability` namespace. Its KEY injects the ObservabilityConfig AppModule was given; on its own it reads process.env. */
export const observabilityConfig = registerAs(OBSERVABILITY_NAMESPACE, (): ObservabilityConfig =>
  readValidated(process.env, readObservabilityConfig),
);
