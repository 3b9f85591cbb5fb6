import type { AccessTokenEvent } from '@paytokens/domain';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A provider call as the metrics see it (the adapters' ProviderCallEvent has these fields and more). */
export interface ProviderCallSample {
  provider: string;
  operation: string;
  /** `success`, an error code, or `circuit-open`. */
  outcome: string;
  durationMs: number;
}

/** A circuit breaker's state; exported as 0, 1 and 2. */
export type CircuitStateName = 'closed' | 'half-open' | 'open';

/** The value `circuit_state` takes for each state. */
export const CIRCUIT_STATE_VALUES: Readonly<Record<CircuitStateName, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** `access_token_cache_events_total`'s `event` label for each of GetAccessToken's events. */
export const TOKEN_CACHE_EVENT_LABELS: Readonly<Record<AccessTokenEvent['type'], string>> = {
  hit: 'hit',
  miss: 'miss',
  fetched: 'refresh',
  'fetch-failed': 'refresh_failed',
  'waited-for-peer': 'waited_for_peer',
  'cache-error': 'cache_error',
};

/** Route label of requests that matched no route: raw paths never become labels. */
export const UNMATCHED_ROUTE = 'unmatched';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/** Node's process metrics (CPU, memory, event loop, GC), collected once per process however many apps run in it. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The app's Prometheus metrics, in a registry of its own (so several apps in one process, as in the
 * tests, never share counters). Hot-path updates go through label-bound children cached by label
 * values: one Map lookup per request instead of prom-client's label hashing.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to the last byte of its answer, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly providerCalls = new Counter({
    name: 'provider_calls_total',
    help: 'Calls to Klarna and Zenki, by provider, operation and outcome (success, an error code, or circuit-open).',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly providerDuration = new Histogram({
    name: 'provider_call_duration_seconds',
    help: 'Duration of calls to Klarna and Zenki, by provider, operation and outcome.',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly tokenCacheEvents = new Counter({
    name: 'access_token_cache_events_total',
    help: 'Zenki access token cache events: hit, miss, refresh (a token fetched), refresh_failed, waited_for_peer, cache_error.',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  private readonly circuitState = new Gauge({
    name: 'circuit_state',
    help: 'State of the circuit breaker in front of each provider: 0 closed, 1 half-open, 2 open.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  private readonly idempotencyReplays = new Counter({
    name: 'idempotency_replays_total',
    help: 'Customer-token creations answered from an earlier request with the same Idempotency-Key.',
    registers: [this.registry],
  });
  private readonly requestSeries = new Map<string, { counter: Counter.Internal; histogram: Histogram.Internal<'method' | 'route' | 'status'> }>();

  constructor() {
    // Every cache event is exported from the start, so a rate() over it never begins with a gap.
    for (const label of Object.values(TOKEN_CACHE_EVENT_LABELS)) this.tokenCacheEvents.inc({ event: label }, 0);
    this.idempotencyReplays.inc(0);
  }

  /** One answered request; `route` is the route template (`/v1/klarna/customer-tokens/:tokenId`) or {@link UNMATCHED_ROUTE}. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.requestSeries.get(key);
    if (series === undefined) {
      const labels = { method, route, status: String(status) };
      series = { counter: this.httpRequests.labels(labels), histogram: this.httpDuration.labels(labels) };
      this.requestSeries.set(key, series);
    }
    series.counter.inc();
    series.histogram.observe(seconds);
  }

  /** One call to a provider, retries counted one by one. */
  observeProviderCall(call: ProviderCallSample): void {
    const labels = { provider: call.provider, operation: call.operation, outcome: call.outcome };
    this.providerCalls.inc(labels);
    this.providerDuration.observe(labels, call.durationMs / 1000);
  }

  /** One of GetAccessToken's events. */
  observeTokenEvent(event: AccessTokenEvent): void {
    const label = TOKEN_CACHE_EVENT_LABELS[event.type];
    if (label !== undefined) this.tokenCacheEvents.inc({ event: label });
  }

  /** The current state of `provider`'s circuit breaker. */
  setCircuitState(provider: string, state: CircuitStateName): void {
    this.circuitState.set({ provider }, CIRCUIT_STATE_VALUES[state]);
  }

  /** A create answered with `Idempotent-Replayed: true`. */
  countIdempotencyReplay(): void {
    this.idempotencyReplays.inc();
  }

  /** The Prometheus text exposition of this app's metrics and the process's. */
  async render(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own}\n${process}`;
  }

  /** The content type of {@link render}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
