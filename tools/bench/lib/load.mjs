// Load runs: autocannon (as a library) at fixed connections for a fixed time. One server's figures may be
// gathered over several segments (the bench alternates baseline and API: B A A B), summed into one result.
// Latency percentiles come from every response's own time (autocannon's histogram keeps whole milliseconds
// only, too coarse for loopback), and the server's RSS is sampled throughout.
import autocannon from 'autocannon';
import { readCpuSeconds, sampleRss } from './process-stats.mjs';

/** Latencies in milliseconds, growing as needed. */
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

function autocannonRun(target, { connections, durationS, onResponse }) {
  const instance = autocannon({
    url: `${target.url}${target.path}`,
    method: target.method,
    headers: target.headers,
    body: target.body,
    connections,
    duration: durationS,
    timeout: 10,
    // A fresh body or headers per request when the route needs them (Klarna: a new authorization, a new
    // Idempotency-Key for each charge).
    requests: target.nextBody || target.nextHeaders ? [{ setupRequest: (request) => freshRequest(request, target) }] : undefined,
  });
  if (onResponse) instance.on('response', onResponse);
  return instance;
}

function freshRequest(request, target) {
  const fresh = { ...request };
  if (target.nextBody) fresh.body = target.nextBody();
  if (target.nextHeaders) fresh.headers = { ...request.headers, ...target.nextHeaders() };
  return fresh;
}

/** Loads `target` for `durationS` without counting anything (JIT, pools and caches warm up). */
export async function warmUp(target, { connections, durationS }) {
  if (durationS > 0) await autocannonRun(target, { connections, durationS });
}

/**
 * The figures of one server, gathered over one or more measured segments. `target` is
 * `{ url, path, method, headers, body? | nextBody?, nextHeaders?, pid }`.
 */
export class LoadResult {
  constructor() {
    this.latencies = new LatencyLog();
    this.statuses = {};
    this.seconds = 0;
    this.non2xx = 0;
    this.errors = 0;
    this.timeouts = 0;
    this.maxRssBytes = 0;
    this.cpuSeconds = 0;
    this.segments = [];
    this.segmentCpu = [];
  }

  /** Loads `target` for `durationS` with `connections` connections and adds what it measured. */
  async measure(target, { connections, durationS }) {
    const rss = target.pid ? sampleRss(target.pid) : undefined;
    const cpuBefore = target.pid ? readCpuSeconds(target.pid) : undefined;
    const started = performance.now();
    let ok = 0;
    const result = await autocannonRun(target, {
      connections,
      durationS,
      onResponse: (_client, statusCode, _bytes, responseTime) => {
        this.statuses[statusCode] = (this.statuses[statusCode] ?? 0) + 1;
        if (statusCode >= 200 && statusCode < 300) {
          ok++;
          this.latencies.add(responseTime);
        }
      },
    });
    // autocannon's own clock for the run when it gives one (seconds), else ours.
    const seconds = result.duration > 0 ? result.duration : (performance.now() - started) / 1000;
    this.seconds += seconds;
    this.non2xx += result.non2xx;
    this.errors += result.errors;
    this.timeouts += result.timeouts;
    this.maxRssBytes = Math.max(this.maxRssBytes, rss?.stop() ?? 0);
    const cpuAfter = target.pid ? readCpuSeconds(target.pid) : undefined;
    if (cpuBefore !== undefined && cpuAfter !== undefined) this.cpuSeconds += cpuAfter - cpuBefore;
    this.segments.push(Math.round(ok / seconds));
    if (cpuBefore !== undefined && cpuAfter !== undefined && ok > 0) this.segmentCpu.push(Math.round(((cpuAfter - cpuBefore) * 1e6) / ok));
  }

  /** The summed figures. */
  toJSON() {
    const completed = this.latencies.length;
    return {
      requestsPerSecond: completed / this.seconds,
      p50Ms: this.latencies.percentile(50),
      p99Ms: this.latencies.percentile(99),
      completed,
      non2xx: this.non2xx,
      errors: this.errors,
      timeouts: this.timeouts,
      statuses: this.statuses,
      maxRssBytes: this.maxRssBytes,
      // The server's own CPU time per answered request: its cost, whatever else the machine was doing.
      cpuMicrosPerRequest: completed > 0 && this.cpuSeconds > 0 ? (this.cpuSeconds * 1e6) / completed : undefined,
      seconds: this.seconds,
      // req/s of each measured segment, in order: shows how steady the machine was.
      segmentRequestsPerSecond: this.segments,
      // CPU µs per request of each measured segment, in order.
      segmentCpuMicrosPerRequest: this.segmentCpu,
    };
  }
}

/**
 * Warms every side of `targets` (`{ side: target }`) one after the other, each alone on the machine (warmed together,
 * each got half the CPU, and the API, with more code for V8 to optimise, was measured before it was warm: its CPU per
 * request read up to 30 % higher), then measures the sides one at a time in `order` (e.g. B A A B): each side gets `durationS` in all, split evenly over
 * its turns, so that a machine getting busier or quieter weighs on every side alike. `around(side, work)` wraps each
 * measured turn (e.g. to count the upstream calls it caused). Resolves with a LoadResult per side.
 */
export async function measureInTurns(targets, order, { connections, warmupS, durationS }, around = (_side, work) => work()) {
  const sides = Object.keys(targets);
  const measured = Object.fromEntries(sides.map((side) => [side, new LoadResult()]));
  const turns = (side) => order.filter((turn) => turn === side).length;
  for (const side of sides) await warmUp(targets[side], { connections, durationS: warmupS });
  for (const side of order) {
    await around(side, () => measured[side].measure(targets[side], { connections, durationS: durationS / turns(side) }));
  }
  return measured;
}

/** Warms `target` for `warmupS`, then measures it for `durationS` in one segment. */
export async function runLoad(target, { connections, durationS, warmupS }) {
  await warmUp(target, { connections, durationS: warmupS });
  const result = new LoadResult();
  await result.measure(target, { connections, durationS });
  return result.toJSON();
}

/** True when every answer of the run was 2xx and nothing failed. */
export function isValidRun(run) {
  return run.completed > 0 && run.non2xx === 0 && run.errors === 0 && run.timeouts === 0;
}
