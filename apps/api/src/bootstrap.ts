import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InMemoryIdempotencyStore, type Secret } from '@paytokens/domain';
import { AppModule } from './app.module';
import { loadConfiguration, type Configuration } from './config/configuration';
import type { Environment } from './config/environment';
import { DOCS_PATH, setupDocs } from './docs/openapi';
import { ReadinessCache } from './health/readiness-cache';
import { createFastifyAdapter } from './http/fastify-adapter';
import { InFlightRequests, installGracefulShutdown } from './lifecycle/graceful-shutdown';
import type { LogDestination } from './observability/app-logger';
import { registerHttpObservability } from './observability/http-observability';
import { knownSecretsOf } from './observability/known-secrets';
import { registerMetricsRoute } from './observability/metrics.route';
import { NestLogBridge } from './observability/nest-log-bridge';
import { startOpenTelemetryFromEnv } from './observability/otel/otel-start';
import { registerServerSpans, traceLogFields } from './observability/otel/server-spans';
import { requestIdOf } from './observability/request-id';
import { Telemetry } from './observability/telemetry';
import { PersistenceStores } from './persistence/persistence-stores';
import { ProblemFilter } from './problem/problem.filter';
import { problemClientErrorHandler, problemFrameworkErrors } from './security/client-error-handler';
import { applyConnectionLimits, connectionsCheckingIntervalMs } from './security/connection-limits';
import { installSecurity } from './security/install-security';
import { ProviderSimulators, type SimulatedAccounts, type SimulatorClocks } from './simulation/provider-simulators';

/** How to build the app. */
export interface CreateAppOptions {
  /** The variables to configure from; main passes process.env (plus .env), tests their own. */
  env: Environment;
  /** Which of Nest's own messages reach the log (LOG_LEVEL still applies); default errors and warnings only. */
  logLevels?: LogLevel[];
  /** Where the JSON log lines go; default stdout. Tests pass a capture. */
  logDestination?: LogDestination;
  /** Clocks for the embedded simulators (tests move them to expire authorizations). */
  simulatorClocks?: SimulatorClocks;
}

/** A running app and what to tell its operator. */
export interface StartedApp {
  app: NestFastifyApplication;
  configuration: Configuration;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  docsUrl: string;
  /** The key generated because API_KEYS was unset; shown once at start-up, by design. */
  generatedApiKey?: Secret;
  /** The running simulators, when SIMULATE_PROVIDERS=true. */
  simulators?: ProviderSimulators;
  /** The app's logger, metrics and request context. */
  telemetry: Telemetry;
  /** The requests being answered right now (what a forced shutdown would cut). */
  inFlight: InFlightRequests;
}

/**
 * Builds the app (not yet listening) exactly as main runs it. Throws ConfigurationError before anything
 * starts when the environment is invalid; closes the simulators again if Nest fails to start.
 */
export async function createApp(options: CreateAppOptions): Promise<{
  app: NestFastifyApplication;
  configuration: Configuration;
  simulators?: ProviderSimulators;
  telemetry: Telemetry;
  inFlight: InFlightRequests;
}> {
  const configuration = loadConfiguration(options.env);
  // Undefined (and no SDK package loaded) unless the OTEL_* variables ask for an exporter.
  const openTelemetry = await startOpenTelemetryFromEnv(options.env);
  const telemetry = new Telemetry({
    level: configuration.observability.logLevel,
    destination: options.logDestination,
    knownSecrets: knownSecretsOf(configuration),
    mixin: openTelemetry ? traceLogFields : undefined,
    openTelemetry,
  });
  const simulators = configuration.app.simulateProviders
    ? await ProviderSimulators.start(options.simulatorClocks, simulatedAccounts(configuration))
    : undefined;
  const inFlight = new InFlightRequests();
  try {
    const adapter = createFastifyAdapter(configuration.app.bodyLimitBytes, {
      genReqId: requestIdOf,
      clientErrorHandler: problemClientErrorHandler,
      frameworkErrors: problemFrameworkErrors,
      setup: (fastify) => {
        if (openTelemetry) registerServerSpans(fastify);
        registerHttpObservability(fastify, telemetry);
        inFlight.register(fastify);
      },
      connectionsCheckingIntervalMs: connectionsCheckingIntervalMs(configuration.limits),
      jsonLimits: { maxDepth: configuration.limits.jsonMaxDepth, maxKeys: configuration.limits.jsonMaxKeys },
    });
    applyConnectionLimits(adapter.getInstance().server, configuration.limits, telemetry.metrics);
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ configuration, simulators, telemetry }), adapter, {
      logger: new NestLogBridge(telemetry.logger, new Set(options.logLevels ?? ['fatal', 'error', 'warn'])),
      abortOnError: false,
      bodyParser: false,
    });
    await installSecurity(adapter.getInstance(), configuration);
    registerMetricsRoute(adapter.getInstance(), telemetry.metrics, { keys: configuration.observability.metricsKeys });
    const { idempotencyStore, unreadableValues } = app.get(PersistenceStores);
    if (idempotencyStore instanceof InMemoryIdempotencyStore) telemetry.metrics.watchIdempotencyMemory(idempotencyStore);
    if (unreadableValues) telemetry.metrics.watchRedisUnreadableValues(unreadableValues);
    app.useGlobalFilters(new ProblemFilter());
    setupDocs(app);
    return { app, configuration, simulators, telemetry, inFlight };
  } catch (error) {
    await simulators?.close();
    await openTelemetry?.shutdown();
    throw error;
  }
}

/** Builds the app and listens on HOST:PORT. */
export async function startApp(options: CreateAppOptions): Promise<StartedApp> {
  const { app, configuration, simulators, telemetry, inFlight } = await createApp(options);
  try {
    await app.listen(configuration.app.port, configuration.app.host);
  } catch (error) {
    await app.close();
    throw error;
  }
  const url = baseUrl(app);
  return {
    app,
    configuration,
    url,
    docsUrl: `${url}${DOCS_PATH}`,
    generatedApiKey: configuration.app.generatedApiKey,
    simulators,
    telemetry,
    inFlight,
  };
}

/** Drains on SIGTERM/SIGINT as `limits` says (lifecycle/graceful-shutdown.ts); main calls it once the app listens. */
export function handleShutdownSignals(started: StartedApp, exit?: (code: number) => void): void {
  installGracefulShutdown(started.app, {
    graceMs: started.configuration.limits.shutdownGraceMs,
    timeoutMs: started.configuration.limits.shutdownTimeoutMs,
    inFlight: started.inFlight,
    startDraining: () => started.app.get(ReadinessCache).startDraining(),
    logger: started.telemetry.logger,
    exit,
  });
}

function baseUrl(app: NestFastifyApplication): string {
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** The accounts the embedded simulators must accept: every configured one. */
function simulatedAccounts(configuration: Configuration): SimulatedAccounts {
  return { klarna: configuration.klarna.accounts.map(({ name }) => name), zenki: configuration.zenki.accounts.map(({ name }) => name) };
}
