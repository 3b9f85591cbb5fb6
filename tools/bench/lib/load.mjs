// One load run: autocannon (as a library) at fixed connections for a fixed time, after a warm-up that is
// not counted. Latency percentiles come from every response's own time (autocannon's histogram keeps whole
// milliseconds only, too coarse for loopback), and the server's RSS is sampled throughout.
import autocannon from 'autocannon';
import { sampleRss } from './rss.mjs';

/** Latencies of one run, in milliseconds, growing as needed. */
class LatencyLog {
  constructor() {
    this.values = new Float64Array(1 << 17);
    this.length = 0;
  }

  add(ms) {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = ms;
  }

  percentile(p) {
    if (this.length === 0) return undefined;
    const sorted = this.values.subarray(0, this.length).sort();
    return sorted[Math.min(this.length - 1, Math.ceil((p / 100) * this.length) - 1)];
  }
}

function attempt(target, { connections, durationS, onResponse }) {
  const instance = autocannon({
    url: `${target.url}${target.path}`,
    method: target.method,
    headers: target.headers,
    body: target.body,
    connections,
    duration: durationS,
    timeout: 10,
    // A fresh body per request when the route needs one (Klarna: a new authorization every time).
    requests: target.nextBody ? [{ setupRequest: (request) => ({ ...request, body: target.nextBody() }) }] : undefined,
  });
  if (onResponse) instance.on('response', onResponse);
  return instance;
}

/**
 * Warms `target` for `warmupS`, then loads it for `durationS` with `connections` connections. `target` is
 * `{ url, path, method, headers, body? | nextBody?, pid }`. The result counts every answer that is not 2xx
 * and every error: a run with any is invalid.
 */
export async function runLoad(target, { connections, durationS, warmupS }) {
  if (warmupS > 0) await attempt(target, { connections, durationS: warmupS });

  const latencies = new LatencyLog();
  const statuses = {};
  const rss = target.pid ? sampleRss(target.pid) : undefined;
  const started = performance.now();
  const result = await attempt(target, {
    connections,
    durationS,
    onResponse: (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.add(responseTime);
    },
  });
  // autocannon's own clock for the run when it gives one (seconds), else ours.
  const elapsedS = result.duration > 0 ? result.duration : (performance.now() - started) / 1000;
  const maxRss = rss?.stop();
  const ok = latencies.length;
  return {
    requestsPerSecond: ok / elapsedS,
    // autocannon's own figure, for comparison (it averages per-second samples).
    autocannonAverage: result.requests.average,
    p50Ms: latencies.percentile(50),
    p99Ms: latencies.percentile(99),
    completed: ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    maxRssBytes: maxRss,
    durationS: elapsedS,
  };
}

/** True when every answer of the run was 2xx and nothing failed. */
export function isValidRun(run) {
  return run.completed > 0 && run.non2xx === 0 && run.errors === 0 && run.timeouts === 0;
}
