// The issue's targets, checked against one run's results. `met` is true, false, or null (not measured).

const MB = 2 ** 20;

/** One verdict per target: `{ id, path?, name, target, actual, met }`. */
export function evaluateTargets(results, targets) {
  const path = (id) => results.paths.find((p) => p.id === id);
  const zenki = path('zenki');
  const ratio = (p, field) => (p?.api?.[field] && p?.baseline?.[field] ? p.api[field] / p.baseline[field] : undefined);
  const pct = (value) => (value === undefined ? 'n/a' : `${(100 * value).toFixed(0)}%`);
  const verdicts = [];
  const add = (v) => verdicts.push(v);

  const times = (value) => (value === undefined ? 'n/a' : `${value.toFixed(2)}×`);
  const verdict = (value, ok) => (value === undefined ? null : ok(value));
  const zenkiCpu = ratio(zenki, 'cpuMicrosPerRequest');
  add({
    id: 'zenki-cpu',
    path: 'zenki',
    name: 'Zenki cached token: CPU µs/request vs bare Fastify',
    target: `≤ ${targets.zenkiCpuRatio}×`,
    actual: times(zenkiCpu),
    met: verdict(zenkiCpu, (v) => v <= targets.zenkiCpuRatio),
  });
  const zenkiRps = ratio(zenki, 'requestsPerSecond');
  add({
    id: 'zenki-rps',
    path: 'zenki',
    name: 'Zenki cached token: req/s vs bare Fastify',
    target: `≥ ${pct(targets.zenkiThroughputRatio)}`,
    actual: pct(zenkiRps),
    met: verdict(zenkiRps, (v) => v >= targets.zenkiThroughputRatio),
  });
  const zenkiP99 = ratio(zenki, 'p99Ms');
  add({
    id: 'zenki-p99',
    path: 'zenki',
    name: 'Zenki cached token: p99 vs bare Fastify',
    target: `≤ ${targets.zenkiP99Ratio}×`,
    actual: times(zenkiP99),
    met: verdict(zenkiP99, (v) => v <= targets.zenkiP99Ratio),
  });
  // The proxied Klarna routes, each against the Fastify + undici pass-through of the same call.
  for (const id of ['klarna', 'session', 'charge']) {
    const proxied = path(id);
    if (!proxied) continue;
    const label = { klarna: 'Klarna create', session: 'Klarna session', charge: 'Klarna charge' }[id];
    const cpu = ratio(proxied, 'cpuMicrosPerRequest');
    add({
      id: `${id}-cpu`,
      path: id,
      name: `${label}: CPU µs/request vs Fastify + undici pass-through`,
      target: `≤ ${targets.klarnaCpuRatio}×`,
      actual: times(cpu),
      met: verdict(cpu, (v) => v <= targets.klarnaCpuRatio),
    });
    const rps = ratio(proxied, 'requestsPerSecond');
    add({
      id: `${id}-rps`,
      path: id,
      name: `${label}: req/s vs Fastify + undici pass-through`,
      target: `≥ ${pct(targets.klarnaThroughputRatio)}`,
      actual: pct(rps),
      met: verdict(rps, (v) => v >= targets.klarnaThroughputRatio),
    });
  }

  const cold = results.coldBurst;
  add({
    id: 'cold-burst',
    name: `Cold burst (${cold?.sent ?? '?'} simultaneous requests): upstream token calls`,
    target: `exactly ${targets.coldBurstUpstreamCalls}`,
    actual: cold ? `${cold.upstreamCalls} (${cold.ok}/${cold.sent} answered 2xx)` : 'n/a',
    met: cold ? cold.upstreamCalls === targets.coldBurstUpstreamCalls && cold.ok === cold.sent : null,
  });
  const redis = results.redisBurst;
  add({
    id: 'redis-burst',
    name: 'Cold burst over two instances on one Redis: upstream token calls in total',
    target: `exactly ${targets.coldBurstUpstreamCalls}`,
    actual:
      !redis || redis.skipped
        ? `skipped: ${redis?.skipped ?? 'not run'}`
        : `${redis.upstreamCalls} (${redis.ok}/${redis.sent} answered 2xx)`,
    met: !redis || redis.skipped ? null : redis.upstreamCalls === targets.coldBurstUpstreamCalls && redis.ok === redis.sent,
  });

  const startup = results.startup?.medianMs;
  add({
    id: 'startup',
    name: `Start to ready (median of ${results.startup?.runsMs.length ?? 0})`,
    target: `< ${targets.startToReadyMs} ms`,
    actual:
      startup === undefined
        ? 'n/a'
        : `${startup.toFixed(0)} ms${results.startup.floorMedianMs === undefined ? '' : ` (Nest floors: named libraries ${results.startup.namedFloorMedianMs?.toFixed(0)} ms, all ${results.startup.floorMedianMs.toFixed(0)} ms)`}`,
    met: startup === undefined ? null : startup < targets.startToReadyMs,
  });

  const rss = Math.max(...results.paths.map((p) => p.api?.maxRssBytes ?? 0));
  add({
    id: 'rss',
    name: 'API RSS under load (max over all paths)',
    target: `< ${targets.rssBytes / MB} MB`,
    actual: rss > 0 ? `${(rss / MB).toFixed(0)} MB` : 'n/a',
    met: rss > 0 ? rss < targets.rssBytes : null,
  });

  add({
    id: 'valid',
    name: 'Every answer under load 2xx (a run with errors is invalid)',
    target: 'no errors',
    actual: results.problems.length === 0 ? 'none' : `${results.problems.length} problem(s)`,
    met: results.problems.length === 0,
  });
  if (results.benchSeconds !== undefined) {
    add({
      id: 'bench-time',
      name: '`npm run bench` wall time',
      target: `< ${targets.benchSeconds} s`,
      actual: `${results.benchSeconds.toFixed(0)} s`,
      met: results.benchSeconds < targets.benchSeconds,
    });
  }
  return verdicts;
}
