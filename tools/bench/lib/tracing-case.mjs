// Tracing off vs on for the Zenki cached route: the same build without OTEL_* variables (no SDK loaded: the libraries'
// @opentelemetry/api calls are no-ops) and with every span exported over OTLP/HTTP to a sink on loopback that answers
// 200 like a collector. In a full run the traced instance joins the Zenki path's own alternation (bare Fastify, API,
// traced API, traced API, API, bare Fastify), so "off" and its baseline are the main table's Zenki figures, not
// measured a second time; alone (--only-tracing, or without the Zenki path) this case starts its own "off" instance.
import { createServer } from 'node:http';
import { startApi } from './api.mjs';
import { measureInTurns } from './load.mjs';

/** The order of the turns when tracing joins a baseline and an untraced API. */
export const TRACING_TURNS = ['baseline', 'off', 'on', 'on', 'off', 'baseline'];

/** An OTLP/HTTP sink on 127.0.0.1: counts the requests and bytes it is sent, keeps nothing. */
async function startSink() {
  const received = { requests: 0, bytes: 0 };
  const server = createServer((req, res) => {
    req.on('data', (chunk) => (received.bytes += chunk.length));
    req.on('end', () => {
      received.requests += 1;
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Starts the API exporting every span to a loopback sink. Resolves with `target(path, headers)` (its load target),
 * `exported()` (what the sink received so far) and `stop()` (the instance, then the sink).
 */
export async function startTracedApi({ entry, apiKey, providers }) {
  const sink = await startSink();
  let api;
  try {
    api = await startApi({
      entry,
      apiKey,
      providers,
      name: 'api-tracing-on',
      extraEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_SERVICE_NAME: 'paytokens-bench', OTEL_METRIC_EXPORT_INTERVAL: '5000' },
    });
  } catch (error) {
    await sink.close();
    throw error;
  }
  return {
    target: (path, headers) => ({ url: api.url, path, method: 'POST', headers, pid: api.child.pid }),
    exported: () => ({ ...sink.received }),
    stop: async () => {
      await api.child.stop();
      await sink.close();
    },
  };
}

/** The case's result from the three sides' load results (JSON) and what the sink received. */
export function tracingResults({ baseline, off, on }, exported) {
  return {
    baseline,
    off,
    on,
    offVsBaseline: off.requestsPerSecond / baseline.requestsPerSecond,
    onVsOff: on.requestsPerSecond / off.requestsPerSecond,
    exported,
  };
}

/**
 * The case on its own: an untraced and a traced instance (started side by side), measured in alternation next to
 * the bare-Fastify `baseline`. Resolves with `{ baseline, off, on }` load results (req/s, p50, p99, CPU per request),
 * the ratios off/baseline and on/off, and what the sink received.
 */
export async function tracingCase({ entry, apiKey, providers, baseline, path, connections, warmupS, durationS }) {
  const auth = { authorization: `Bearer ${apiKey}` };
  const [off, on] = await Promise.allSettled([
    startApi({ entry, apiKey, providers, name: 'api-tracing-off' }),
    startTracedApi({ entry, apiKey, providers }),
  ]);
  try {
    if (off.status === 'rejected') throw off.reason;
    if (on.status === 'rejected') throw on.reason;
    const targets = {
      baseline,
      off: { url: off.value.url, path, method: 'POST', headers: auth, pid: off.value.child.pid },
      on: on.value.target(path, auth),
    };
    const measured = await measureInTurns(targets, TRACING_TURNS, { connections, warmupS, durationS });
    const results = Object.fromEntries(Object.entries(measured).map(([side, result]) => [side, result.toJSON()]));
    return tracingResults(results, on.value.exported());
  } finally {
    await Promise.all([off.status === 'fulfilled' && off.value.child.stop(), on.status === 'fulfilled' && on.value.stop()]);
  }
}
