// Public API of @paytokens/provider-kit: what every provider adapter needs, written once.

/** Per-provider, per-account circuit breaker on cockatiel, and its options. */
export {
  ProviderCircuit,
  DEFAULT_CIRCUIT_BREAKER,
  resolveCircuitBreaker,
  isProviderFault,
  type CircuitState,
  type CircuitBreakerOptions,
  type CircuitBreakerSettings,
} from './lib/provider-circuit';
/** The event every adapter reports for each provider call, and how to report it safely. */
export { notifyProviderCall, elapsedMs, type ProviderCallEvent, type ProviderCallListener } from './lib/provider-call-event';
/** Collects every option problem and refuses them all at once. */
export { OptionProblems, InvalidProviderOptionsError, type OptionProblem } from './lib/option-problems';
/** Checks and normalises a provider base URL. */
export { parseBaseUrl } from './lib/base-url';
/** `Retry-After` and `X-Ratelimit-Reset` parsing. */
export { retryAfterSeconds, rateLimitResetSeconds, waitSeconds, headerValue, type ResponseHeaders } from './lib/rate-limit-headers';
/** Transport failures (no complete HTTP answer) classified by error code, and a bounded body reader. */
export {
  TransportFailure,
  classifyTransportError,
  transportErrorCode,
  readLimitedText,
  type TransportFailureKind,
} from './lib/transport-failure';
/** Secret scrubbing of provider text, and lenient JSON reading. */
export { scrubSecrets, cleanProviderText, revealSecretLike, parseJsonObject, REDACTED } from './lib/secret-scrubbing';
/** Named accounts: the default name, name checks and per-account injection tokens. */
export { DEFAULT_ACCOUNT, parseAccountName, providerToken } from './lib/provider-account';
/** Framework-free provider health and its terminus-compatible form. */
export { toIndicatorResult, indicatorKey, type ProviderHealth, type HealthIndicatorResultLike } from './lib/provider-health';
/** One provider call's deadline: a timer and the light abort signal the pool takes. */
export { CallDeadline, type ProviderCallSignal } from './lib/call-deadline';
/** The keep-alive HTTP pool every adapter sends through (undici), with one deadline and a body limit. */
export {
  ProviderHttpPool,
  MAX_RESPONSE_BYTES,
  type ProviderHttpRequest,
  type ProviderHttpResponse,
  type ProviderHttpPoolOptions,
} from './lib/provider-http-pool';
/** OpenTelemetry (through `@opentelemetry/api` only): provider call spans, use case spans, token and circuit telemetry. */
export { traceProviderCall, templateOfPath, type ProviderCallTarget } from './lib/telemetry/provider-call-span';
/** Use case spans: one span per call, a background task as its own trace, span events. */
export { traceUseCase, traceInNewTrace, traceExecute, addSpanEvent } from './lib/telemetry/use-case-span';
/** Access token telemetry: cache events as span events and a counter, the lifetime left, background refreshes as traces. */
export { tokenEventTelemetry, backgroundRefreshInNewTrace, traceGetAccessToken } from './lib/telemetry/token-telemetry';
/** The libraries' tracer, instrumentation scope and metric instruments. */
export { paytokensTracer, paytokensInstruments, TELEMETRY_SCOPE, type PaytokensInstruments } from './lib/telemetry/instruments';
