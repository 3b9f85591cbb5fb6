// Tracing off vs on for the Zenki cached route: the same build started twice, once without OTEL_* variables
// (no SDK loaded: the libraries' @opentelemetry/api calls are no-ops) and once exporting every span over
// OTLP/HTTP to a sink on loopback that answers 200 like a collector. Measured in alternation next to the
// bare-Fastify baseline, so the off/baseline ratio can be held against the main table's.
import { createServer } from 'node:http';
import { startApi } from './api.mjs';
import { LoadResult, warmUp } from './load.mjs';

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
 * Runs the case; resolves with `{ baseline, off, on }` load results (req/s, p50, p99, CPU per request), the
 * ratios off/baseline and on/off, and what the sink received.
 */
export async function tracingCase({ entry, apiKey, providers, baseline, path, connections, warmupS, durationS }) {
  const sink = await startSink();
  const auth = { authorization: `Bearer ${apiKey}` };
  const children = [];
  try {
    const off = await startApi({ entry, apiKey, providers, name: 'api-tracing-off' });
    children.push(off.child);
    const on = await startApi({
      entry,
      apiKey,
      providers,
      name: 'api-tracing-on',
      extraEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_SERVICE_NAME: 'paytokens-bench', OTEL_METRIC_EXPORT_INTERVAL: '5000' },
    });
    children.push(on.child);
    const targets = {
      baseline,
      off: { url: off.url, path, method: 'POST', headers: auth, pid: off.child.pid },
      on: { url: on.url, path, method: 'POST', headers: auth, pid: on.child.pid },
    };
    const measured = { baseline: new LoadResult(), off: new LoadResult(), on: new LoadResult() };
    for (const side of ['baseline', 'off', 'on']) await warmUp(targets[side], { connections, durationS: warmupS });
    // Each side twice, in an order that gives none of them the quieter end of the run.
    for (const side of ['baseline', 'off', 'on', 'on', 'off', 'baseline']) {
      await measured[side].measure(targets[side], { connections, durationS: durationS / 2 });
    }
    const results = Object.fromEntries(Object.entries(measured).map(([side, result]) => [side, result.toJSON()]));
    return {
      ...results,
      offVsBaseline: results.off.requestsPerSecond / results.baseline.requestsPerSecond,
      onVsOff: results.on.requestsPerSecond / results.off.requestsPerSecond,
      exported: { ...sink.received },
    };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await sink.close();
  }
}
