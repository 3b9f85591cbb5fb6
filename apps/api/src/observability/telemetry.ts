import type { ZenkiSecretFallbackEvent } from '@paytokens/adapters-zenki';
import type { AccessTokenEvent } from '@paytokens/domain';
import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import type { Logger } from 'pino';
import { ApiMetrics, type CircuitStateName, type ProviderCallSample } from './api-metrics';
import { type AppLoggerOptions, createAppLogger } from './app-logger';
import type { OpenTelemetryRuntime } from './otel/otel-sdk';

/** A provider call as the adapters report it (their ProviderCallEvent). */
export interface ProviderCallReport extends ProviderCallSample {
  status?: number;
  correlationId?: string;
  attempt?: number;
}

/** How to build an app's telemetry. */
export interface TelemetryOptions extends AppLoggerOptions {
  /** The OpenTelemetry SDK, when the OTEL_* variables started one. */
  openTelemetry?: OpenTelemetryRuntime;
}

/**
 * One app's loggers and metrics, and the listeners that feed them from the adapters
 * (provider calls, token cache events, circuit changes). Built by bootstrap before Nest, since the
 * Fastify hooks and Nest's logger need it first; handed to Nest by ObservabilityModule.
 */
export class Telemetry {
  readonly logger: Logger;
  /** Access and provider-call lines: built from safe fields only, so not scrubbed (see AppLogger.accessLogger). */
  readonly accessLogger: Logger;
  readonly metrics = new ApiMetrics();
  /** The OpenTelemetry SDK, when the OTEL_* variables started one (shut down with the app). */
  readonly openTelemetry?: OpenTelemetryRuntime;
  private readonly flushLogger: () => void;

  constructor(options: TelemetryOptions) {
    const { logger, accessLogger, flush } = createAppLogger(options);
    this.openTelemetry = options.openTelemetry;
    this.logger = logger;
    this.accessLogger = accessLogger;
    this.flushLogger = flush;
  }

  /**
   * Every HTTP call to a provider: a metric, and a log line: `warn` when it failed, `debug` when it succeeded
   * (ADR 10: the request's own access line says it went well; a line per successful call cost the Klarna routes
   * 8–10 % of their instructions per request, issue 19). The line holds only fields the adapters set (names,
   * outcome, status, duration, the provider's correlation id), no secret and no free text, so it skips the
   * scrubbing logger like the access lines do.
   */
  readonly onProviderCall = (call: ProviderCallReport): void => {
    this.metrics.observeProviderCall(call);
    if (call.outcome !== 'success') this.accessLogger.warn(providerCallLine(call), 'provider call failed');
    else if (this.accessLogger.isLevelEnabled('debug')) this.accessLogger.debug(providerCallLine(call), 'provider call');
  };

  /** GetAccessToken's events: counted; fetches and failures logged (a hit, the hot path, never is). */
  readonly onTokenEvent = (event: AccessTokenEvent, account = DEFAULT_ACCOUNT): void => {
    this.metrics.observeTokenEvent(event);
    switch (event.type) {
      case 'fetched':
        this.logger.info(
          { provider: 'zenki', account, event: 'refresh', background: event.background, cached: event.cached },
          'access token fetched',
        );
        break;
      case 'fetch-failed':
        this.logger.warn(
          { provider: 'zenki', account, event: 'refresh_failed', background: event.background, err: event.error },
          'access token fetch failed',
        );
        break;
      case 'cache-error':
        this.logger.warn(
          { provider: 'zenki', account, event: 'cache_error', operation: event.operation, err: event.error },
          'access token cache failed',
        );
        break;
      case 'waited-for-peer':
        this.logger.debug(
          { provider: 'zenki', account, event: 'waited_for_peer', gotToken: event.gotToken },
          'waited for another instance to fetch the access token',
        );
        break;
      default:
        break;
    }
  };

  /** A circuit breaker's new state, for the gauge (ResilienceModule's CircuitWatch logs the transitions). */
  readonly onCircuitState = (provider: string, account: string, state: CircuitStateName): void => {
    this.metrics.setCircuitState(provider, account, state);
  };

  /** Zenki refused an account's first client secret and an older one worked: logged once per account, always counted. */
  readonly onSecretFallback = (event: ZenkiSecretFallbackEvent): void => {
    this.metrics.countSecretFallback(event.account);
    if (this.secretFallbackLogged.has(event.account)) return;
    this.secretFallbackLogged.add(event.account);
    this.logger.warn(
      { provider: 'zenki', account: event.account, event: 'secret_fallback', secretIndex: event.secretIndex },
      'Zenki refused the first client secret and an older one worked: finish the rotation before removing the old secret',
    );
  };
  private readonly secretFallbackLogged = new Set<string>();

  /** Writes out buffered log lines; at shutdown. */
  flush(): void {
    this.flushLogger();
  }
}

/** A provider call's log fields, in a fixed order. */
function providerCallLine(call: ProviderCallReport): Record<string, unknown> {
  return {
    provider: call.provider,
    account: call.account,
    operation: call.operation,
    outcome: call.outcome,
    status: call.status,
    durationMs: Math.round(call.durationMs * 100) / 100,
    correlationId: call.correlationId,
    attempt: call.attempt,
  };
}
