import type { AccessTokenEvent } from '@paytokens/domain';
import { collectDefaultMetrics, Counter, Gauge, Histogram, type Metric, Registry } from 'prom-client';

/** A provider call as the metrics see it (the adapters' ProviderCallEvent has these fields and more). */
export interface ProviderCallSample {
  provider: string;
  operation: string;
  /** `success`, an error code, or `circuit-open`. */
  outcome: string;
  /** The provider account the call was made for (a name, never a credential). */
  account: string;
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

/** What the metrics read from the in-memory idempotency store (InMemoryIdempotencyStore has these). */
export interface InMemoryIdempotencyStats {
  readonly size: number;
  readonly maxRecords: number;
  readonly refusedCount: number;
}

/** What the metrics read from the Redis stores about values that did not decrypt (UnreadableValueCounter has it). */
export interface RedisUnreadableStats {
  snapshot(): readonly { kind: string; reason: string; count: number }[];
}

/** Route label of requests that matched no route: raw paths never become labels. */
export const UNMATCHED_ROUTE = 'unmatched';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One method × route × status: its count, the sum of its durations, and how many fell in each bucket. */
interface RequestSeries {
  labels: { method: string; route: string; status: string };
  count: number;
  sum: number;
  /** Not cumulative; the last slot is for durations above the largest bound. */
  buckets: number[];
}

/** A value of a metric as prom-client's registry renders it. */
interface MetricValue {
  metricName?: string;
  labels: Record<string, string>;
  value: number;
}

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
 * tests, never share counters). What happens on every request (the request metrics, token cache hits)
 * is counted in plain numbers, one Map lookup per request, and handed to the registry only when it is
 * scraped: prom-client hashes a metric's labels on every update, which would cost the hot route more
 * than its handler.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requestSeries = new Map<string, RequestSeries>();
  private readonly tokenEventCounts = new Map<string, number>(Object.values(TOKEN_CACHE_EVENT_LABELS).map((label) => [label, 0]));
  private readonly providerCalls = new Counter({
    name: 'provider_calls_total',
    help: 'Calls to Klarna and Zenki, by provider, operation, outcome (success, an error code, or circuit-open) and account.',
    labelNames: ['provider', 'operation', 'outcome', 'account'] as const,
    registers: [this.registry],
  });
  private readonly providerDuration = new Histogram({
    name: 'provider_call_duration_seconds',
    help: 'Duration of calls to Klarna and Zenki, by provider, operation, outcome and account.',
    labelNames: ['provider', 'operation', 'outcome', 'account'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly tokenCacheEvents = new Counter({
    name: 'access_token_cache_events_total',
    help: 'Zenki access token cache events: hit, miss, refresh (a token fetched), refresh_failed, waited_for_peer, cache_error.',
    labelNames: ['event'] as const,
    registers: [this.registry],
    collect: () => {
      this.tokenCacheEvents.reset();
      for (const [event, count] of this.tokenEventCounts) this.tokenCacheEvents.inc({ event }, count);
    },
  });
  private readonly circuitState = new Gauge({
    name: 'circuit_state',
    help: 'State of the circuit breaker in front of each provider account: 0 closed, 1 half-open, 2 open.',
    labelNames: ['provider', 'account'] as const,
    registers: [this.registry],
  });
  private readonly secretFallbacks = new Counter({
    name: 'zenki_secret_fallbacks_total',
    help: 'Zenki token fetches that fell back to an older client secret (the newer one was refused), by account: the old one is still in use.',
    labelNames: ['account'] as const,
    registers: [this.registry],
  });
  private readonly idempotencyReplays = new Counter({
    name: 'idempotency_replays_total',
    help: 'Customer-token creations answered from an earlier request with the same Idempotency-Key.',
    registers: [this.registry],
  });

  private readonly clientsCut = new Counter({
    name: 'client_connections_cut_total',
    help: 'Client connections closed by a limit: slow (request or header timeout), per_address or total (connection caps).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private idempotencyMemory?: InMemoryIdempotencyStats;
  private readonly idempotencyRefusals = new Counter({
    name: 'idempotency_store_full_refusals_total',
    help: 'Idempotent creates refused (503) because the in-memory idempotency store held its bound of unexpired records.',
    registers: [this.registry],
    collect: () => {
      this.idempotencyRefusals.reset();
      this.idempotencyRefusals.inc(this.idempotencyMemory?.refusedCount ?? 0);
    },
  });
  private readonly idempotencyRecords: Gauge = new Gauge({
    name: 'idempotency_memory_records',
    help: 'Records held by the in-memory idempotency store (0 with Redis); new keys are refused at idempotency_memory_capacity.',
    registers: [this.registry],
    collect: (): void => this.idempotencyRecords.set(this.idempotencyMemory?.size ?? 0),
  });
  private readonly idempotencyCapacity: Gauge = new Gauge({
    name: 'idempotency_memory_capacity',
    help: "The in-memory idempotency store's bound (IDEMPOTENCY_MEMORY_MAX_RECORDS; 0 with Redis).",
    registers: [this.registry],
    collect: (): void => this.idempotencyCapacity.set(this.idempotencyMemory?.maxRecords ?? 0),
  });

  private redisUnreadable?: RedisUnreadableStats;
  private readonly redisUnreadableValues = new Counter({
    name: 'redis_unreadable_values_total',
    help: 'Values read from Redis that did not decrypt (other key, tampered, truncated, clear), by store and reason: token misses or 503s.',
    labelNames: ['store', 'reason'] as const,
    registers: [this.registry],
    collect: () => {
      this.redisUnreadableValues.reset();
      for (const { kind, reason, count } of this.redisUnreadable?.snapshot() ?? [])
        this.redisUnreadableValues.inc({ store: kind, reason }, count);
    },
  });

  constructor() {
    this.idempotencyReplays.inc(0);
    for (const reason of ['slow', 'per_address', 'total']) this.clientsCut.inc({ reason }, 0);
    // Rendered by the registry like its own counters and histograms, from the plain numbers above.
    this.registry.registerMetric(
      this.scrapedMetric('http_requests_total', 'HTTP requests answered, by method, route template and status.', 'counter', () =>
        [...this.requestSeries.values()].map((series) => ({ labels: series.labels, value: series.count })),
      ),
    );
    this.registry.registerMetric(
      this.scrapedMetric(
        'http_request_duration_seconds',
        'Time from receiving a request to the last byte of its answer, by method, route template and status.',
        'histogram',
        () => [...this.requestSeries.values()].flatMap((series) => histogramValues('http_request_duration_seconds', series)),
      ),
    );
  }

  /** One answered request; `route` is the route template (`/v1/klarna/customer-tokens/:tokenId`) or {@link UNMATCHED_ROUTE}. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.requestSeries.get(key);
    if (series === undefined) {
      series = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0),
      };
      this.requestSeries.set(key, series);
    }
    series.count++;
    series.sum += seconds;
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]) bucket++;
    series.buckets[bucket]++;
  }

  /** One call to a provider, retries counted one by one. */
  observeProviderCall(call: ProviderCallSample): void {
    const labels = { provider: call.provider, operation: call.operation, outcome: call.outcome, account: call.account };
    this.providerCalls.inc(labels);
    this.providerDuration.observe(labels, call.durationMs / 1000);
  }

  /** One of GetAccessToken's events. */
  observeTokenEvent(event: AccessTokenEvent): void {
    const label = TOKEN_CACHE_EVENT_LABELS[event.type];
    if (label !== undefined) this.tokenEventCounts.set(label, (this.tokenEventCounts.get(label) ?? 0) + 1);
  }

  /** The current state of the circuit breaker of `provider`'s `account`. */
  setCircuitState(provider: string, account: string, state: CircuitStateName): void {
    this.circuitState.set({ provider, account }, CIRCUIT_STATE_VALUES[state]);
  }

  /** A Zenki token fetch of `account` that fell back to an older client secret. */
  countSecretFallback(account: string): void {
    this.secretFallbacks.inc({ account });
  }

  /** A create answered with `Idempotent-Replayed: true`. */
  countIdempotencyReplay(): void {
    this.idempotencyReplays.inc();
  }

  /** A client connection closed by a limit. */
  countClientCut(reason: 'slow' | 'per_address' | 'total'): void {
    this.clientsCut.inc({ reason });
  }

  /** Reports the in-memory idempotency store's size, bound and refusals on every scrape. */
  watchIdempotencyMemory(store: InMemoryIdempotencyStats): void {
    this.idempotencyMemory = store;
  }

  /** Reports the Redis values that did not decrypt on every scrape. */
  watchRedisUnreadableValues(source: RedisUnreadableStats): void {
    this.redisUnreadable = source;
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

  /** A metric the registry renders from `values()` when scraped (its `get()` is all the registry asks of one). */
  private scrapedMetric(name: string, help: string, type: 'counter' | 'histogram', values: () => MetricValue[]): Metric {
    const metric = { name, help, type, aggregator: 'sum', get: async () => ({ name, help, type, aggregator: 'sum', values: values() }) };
    return metric as unknown as Metric;
  }
}

/** A series' `_bucket` (cumulative, `le` first as prom-client writes it), `_sum` and `_count` values. */
function histogramValues(name: string, series: RequestSeries): MetricValue[] {
  const values: MetricValue[] = [];
  let cumulative = 0;
  for (let i = 0; i <= LATENCY_BUCKETS.length; i++) {
    cumulative += series.buckets[i];
    const le = i < LATENCY_BUCKETS.length ? String(LATENCY_BUCKETS[i]) : '+Inf';
    values.push({ metricName: `${name}_bucket`, labels: { le, ...series.labels }, value: cumulative });
  }
  values.push({ metricName: `${name}_sum`, labels: series.labels, value: series.sum });
  values.push({ metricName: `${name}_count`, labels: series.labels, value: series.count });
  return values;
}
