import { type Counter, type Histogram, type Meter, type MeterProvider, metrics, trace, type Tracer } from '@opentelemetry/api';

/** The instrumentation scope every paytokens library reports under. */
export const TELEMETRY_SCOPE = '@paytokens/provider-kit';

/** The tracer of the paytokens libraries (a proxy: it follows whatever SDK the application registers, or none). */
export const paytokensTracer: Tracer = trace.getTracer(TELEMETRY_SCOPE);

/** The metric instruments the libraries record to. */
export interface PaytokensInstruments {
  /** `http.client.request.duration`, seconds: every provider HTTP call. */
  providerCallDuration: Histogram;
  /** `paytokens.access_token.lifetime_left`, seconds: how long a handed-out access token still lives. */
  tokenLifetimeLeft: Histogram;
  /** `paytokens.access_token.cache.events`: hit, miss, refresh, refresh_failed, waited_for_peer, cache_error. */
  tokenCacheEvents: Counter;
  /** `paytokens.circuit.transitions`: a provider circuit breaker changing state. */
  circuitTransitions: Counter;
}

let built: { provider: MeterProvider; instruments: PaytokensInstruments } | undefined;

/**
 * The instruments on the current global meter provider. The metrics API has no proxy meter (a meter taken before
 * an SDK is registered stays a no-op), so they are rebuilt once whenever the application registers a provider.
 */
export function paytokensInstruments(): PaytokensInstruments {
  const provider = metrics.getMeterProvider();
  if (built?.provider !== provider) built = { provider, instruments: createInstruments(provider.getMeter(TELEMETRY_SCOPE)) };
  return built.instruments;
}

function createInstruments(meter: Meter): PaytokensInstruments {
  return {
    providerCallDuration: meter.createHistogram('http.client.request.duration', {
      unit: 's',
      description: 'Duration of HTTP calls to payment providers (Klarna, Zenki).',
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] },
    }),
    tokenLifetimeLeft: meter.createHistogram('paytokens.access_token.lifetime_left', {
      unit: 's',
      description: 'Seconds an access token still lives when it is handed out.',
      advice: { explicitBucketBoundaries: [0, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200] },
    }),
    tokenCacheEvents: meter.createCounter('paytokens.access_token.cache.events', { description: 'Access token cache events, by event.' }),
    circuitTransitions: meter.createCounter('paytokens.circuit.transitions', {
      description: 'Provider circuit breaker transitions, by provider, account and new state.',
    }),
  };
}
