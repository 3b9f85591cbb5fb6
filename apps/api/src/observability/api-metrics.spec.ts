import { ApiMetrics, UNMATCHED_ROUTE } from './api-metrics';

describe('ApiMetrics', () => {
  it('renders every metric the issue names in Prometheus text, plus process metrics', async () => {
    const metrics = new ApiMetrics();
    metrics.observeRequest('POST', '/v1/zenki/access-tokens', 200, 0.002);
    metrics.observeRequest('POST', '/v1/zenki/access-tokens', 200, 0.004);
    metrics.observeRequest('GET', UNMATCHED_ROUTE, 404, 0.001);
    metrics.observeProviderCall({ provider: 'klarna', operation: 'create', outcome: 'success', account: 'eu', durationMs: 120 });
    metrics.observeTokenEvent({ type: 'hit' });
    metrics.observeTokenEvent({ type: 'fetched', background: false, cached: true });
    metrics.observeTokenEvent({ type: 'fetch-failed', background: true, error: new Error('x') });
    metrics.setCircuitState('klarna', 'eu', 'open');
    metrics.setCircuitState('zenki', 'default', 'half-open');
    metrics.countSecretFallback('mx');
    metrics.countIdempotencyReplay();
    const text = await metrics.render();
    expect(text).toContain('http_requests_total{method="POST",route="/v1/zenki/access-tokens",status="200"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.0025",method="POST",route="/v1/zenki/access-tokens",status="200"} 1',
    );
    expect(text).toContain('provider_calls_total{provider="klarna",operation="create",outcome="success",account="eu"} 1');
    expect(text).toContain('provider_call_duration_seconds_sum{provider="klarna",operation="create",outcome="success",account="eu"} 0.12');
    expect(text).toContain('access_token_cache_events_total{event="hit"} 1');
    expect(text).toContain('access_token_cache_events_total{event="miss"} 0');
    expect(text).toContain('access_token_cache_events_total{event="refresh"} 1');
    expect(text).toContain('access_token_cache_events_total{event="refresh_failed"} 1');
    expect(text).toContain('circuit_state{provider="klarna",account="eu"} 2');
    expect(text).toContain('circuit_state{provider="zenki",account="default"} 1');
    expect(text).toContain('zenki_secret_fallbacks_total{account="mx"} 1');
    expect(text).toContain('idempotency_replays_total 1');
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('keeps the counters of two apps in one process apart', async () => {
    const a = new ApiMetrics();
    const b = new ApiMetrics();
    a.countIdempotencyReplay();
    expect(await a.render()).toContain('idempotency_replays_total 1');
    expect(await b.render()).toContain('idempotency_replays_total 0');
  });
});
