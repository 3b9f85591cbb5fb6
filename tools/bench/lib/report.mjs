// The results as a console table and as docs/BENCHMARKS.md (filled into tools/bench/BENCHMARKS.template.md).
import { formatProfileSummary } from './cpu-profile.mjs';
import { encryptionMarkdown } from './encryption-case.mjs';

const MB = 2 ** 20;
const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const msList = (runsMs = []) => runsMs.map((ms) => `${ms.toFixed(0)} ms`).join(', ');
const integer = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const mark = (met) => (met === true ? 'met' : met === false ? 'MISSED' : 'skipped');

/** The charge's second floor, when the run has it (servers/guarded-proxy.mjs). */
const GUARDED_NAME = "guarded floor: the pass-through with the API's guarantees, by hand";

/** Rows of the main table: each path's baseline (and guarded floor), then the API, then the ratios. */
function rows(results) {
  const out = [];
  for (const path of results.paths) {
    for (const [side, name] of [
      ['baseline', path.baselineName],
      ['guarded', GUARDED_NAME],
      ['api', 'paytokens API'],
    ]) {
      const run = path[side];
      if (!run) continue;
      out.push({
        path: path.label,
        server: name,
        rps: integer(run.requestsPerSecond),
        p50: fixed(run.p50Ms, 2),
        p99: fixed(run.p99Ms, 2),
        rss: fixed(run.maxRssBytes / MB, 0),
        cpu: integer(run.cpuMicrosPerRequest),
        answered: `${integer(run.completed)}${run.non2xx + run.errors + run.timeouts > 0 ? ` (${run.non2xx} non-2xx, ${run.errors} errors)` : ''}`,
        upstream: integer(run.upstreamCalls),
      });
    }
    if (path.api && path.baseline) out.push(ratioRow(path.label, 'ratio API / baseline', path.api, path.baseline));
    if (path.guarded && path.baseline) {
      out.push(ratioRow(path.label, 'ratio guarded floor / baseline', path.guarded, path.baseline));
      out.push(ratioRow(path.label, 'ratio API / guarded floor', path.api, path.guarded));
    }
  }
  return out;
}

/** A row of ratios of run `a` to run `b`. */
function ratioRow(label, name, a, b) {
  return {
    path: label,
    server: `**${name}**`,
    rps: `${fixed((100 * a.requestsPerSecond) / b.requestsPerSecond, 0)}%`,
    p50: `${fixed(a.p50Ms / b.p50Ms, 2)}×`,
    p99: `${fixed(a.p99Ms / b.p99Ms, 2)}×`,
    rss: `${fixed(a.maxRssBytes / b.maxRssBytes, 2)}×`,
    cpu: `${fixed(a.cpuMicrosPerRequest / b.cpuMicrosPerRequest, 2)}×`,
    answered: '',
    upstream: '',
  };
}

const COLUMNS = [
  ['path', 'Path'],
  ['server', 'Server'],
  ['rps', 'req/s'],
  ['p50', 'p50 ms'],
  ['p99', 'p99 ms'],
  ['rss', 'max RSS MB'],
  ['cpu', 'CPU µs/req'],
  ['answered', '2xx answers'],
  ['upstream', 'upstream calls'],
];

/** The results as console lines. */
export function consoleReport(results) {
  const table = rows(results).map((row) => ({ ...row, server: row.server.replace(/\*\*/g, '') }));
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...table.map((row) => String(row[key]).length)));
  const line = (cells) => cells.map((cell, i) => (i < 2 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  const lines = [
    line(COLUMNS.map(([, title]) => title)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.map((row) => line(COLUMNS.map(([key]) => row[key]))),
  ];
  lines.push('');
  lines.push(
    `start to ready: median ${fixed(results.startup.medianMs, 0)} ms (${msList(results.startup.runsMs)}); Nest floors: named libraries ${fixed(results.startup.namedFloorMedianMs, 0)} ms, all ${fixed(results.startup.floorMedianMs, 0)} ms`,
  );
  lines.push(burstLine('cold burst', results.coldBurst));
  lines.push(
    results.redisBurst.skipped
      ? `redis burst: skipped (${results.redisBurst.skipped})`
      : burstLine('redis burst, 2 instances', results.redisBurst),
  );
  lines.push('');
  lines.push('targets:');
  for (const v of results.targets) lines.push(`  ${mark(v.met).padEnd(7)}  ${v.name}: ${v.actual} (target ${v.target})`);
  return lines;
}

function burstLine(name, burst) {
  return `${name}: ${burst.sent} simultaneous requests, ${burst.ok} answered 2xx in ${fixed(burst.elapsedMs, 0)} ms, ${burst.upstreamCalls} upstream token call(s)`;
}

/** OpenTelemetry off vs on for the Zenki cached route, against bare Fastify (lib/tracing-case.mjs). */
function tracingSection(tracing) {
  if (!tracing || tracing.skipped) return `Skipped (${tracing?.skipped ?? 'not run'}).`;
  const side = (name, run) => [name, integer(run.requestsPerSecond), fixed(run.p99Ms, 2), integer(run.cpuMicrosPerRequest)];
  const table = markdownTable(
    ['Server', 'req/s', 'p99 ms', 'CPU µs/req'],
    [
      side('bare Fastify', tracing.baseline),
      side('API, OpenTelemetry off', tracing.off),
      side('API, OpenTelemetry on (OTLP to a loopback sink)', tracing.on),
    ],
    1,
  );
  const cpuOnVsOff = tracing.on.cpuMicrosPerRequest / tracing.off.cpuMicrosPerRequest;
  return `${table}\n\nOff: ${fixed(100 * tracing.offVsBaseline, 0)}% of bare Fastify's req/s. On: ${fixed(100 * tracing.onVsOff, 0)}% of off's req/s, ${fixed(cpuOnVsOff, 2)}× its CPU per request; ${integer(tracing.exported.requests)} OTLP posts, ${integer(tracing.exported.bytes / 1024)} KiB exported.`;
}

/** A Markdown table; the first `leftColumns` are left-aligned, the rest (figures) right-aligned. */
function markdownTable(headers, body, leftColumns = 2) {
  const align = headers.map((_, i) => (i < leftColumns ? ' --- ' : ' ---: ')).join('|');
  return [`| ${headers.join(' | ')} |`, `|${align}|`, ...body.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
}

/** docs/BENCHMARKS.md: the template with every `{{name}}` filled in. */
export function renderMarkdown(results, template, findings) {
  const m = results.machine;
  const s = results.settings;
  const values = {
    generatedAt: results.generatedAt,
    machine: [
      `- CPU: ${m.cpus} × ${m.cpuModel}${m.cpuMHz ? ` (${m.cpuMHz} MHz as reported)` : ''}`,
      `- Memory: ${m.memoryGiB} GiB`,
      `- OS: ${m.os}`,
      `- Node.js: ${m.node}`,
      `- Packages: ${Object.entries(m.packages ?? {})
        .map(([name, v]) => `${name} ${v ?? 'n/a'}`)
        .join(', ')}`,
      `- Load average (1, 5, 15 min) at the start: ${m.loadAverageAtStart.join(', ')}; at the end: ${m.loadAverageAtEnd?.join(', ') ?? 'n/a'}${m.loadAverageAtStart[0] > m.cpus / 2 ? ' (**the machine was busy with other work: treat the figures as noisy**)' : ''}`,
    ].join('\n'),
    command: s.command,
    settings: `${s.connections} connections; for each path, each of its servers is warmed on its own for ${s.warmupS} s (not counted), then each is measured for ${s.durationS} s in ${(s.turns ?? 1) > 1 ? `${2 * s.turns} parts, the order baseline, API, API, baseline taken ${s.turns} times` : 'two halves taken in the order baseline, API, API, baseline'} (with a third server, the traced API on the Zenki path or the guarded floor on the charge: baseline, API, third, third, API, baseline), so that the machine getting busier or quieter weighs on all alike; all on 127.0.0.1`,
    table: markdownTable(
      COLUMNS.map(([, title]) => title),
      rows(results).map((row) => COLUMNS.map(([key]) => row[key])),
    ),
    targets: markdownTable(
      ['Target', 'Result', 'Goal', 'Verdict'],
      results.targets.map((v) => [v.name, v.actual, v.target, v.met === false ? '**MISSED**' : mark(v.met)]),
      4,
    ),
    startup: [
      `Median ${fixed(results.startup.medianMs, 0)} ms over ${results.startup.runsMs.length} starts (${msList(results.startup.runsMs)}), from spawning \`node dist/apps/api/main.js\` to the first 200 of \`GET /health/ready\` (which fetches a Zenki token and reaches Klarna).`,
      `Its floors are **Nest apps of the API's libraries and none of its code** (\`tools/bench/servers/nest-floor.cjs\`), timed the same way, each just before one of the API's starts. With only what the design names (Nest on Fastify with @nestjs/config, class-validator and class-transformer) and undici reaching both simulators: median ${fixed(results.startup.namedFloorMedianMs, 0)} ms (${msList(results.startup.namedFloorRunsMs)}). With every library the API starts with (also @nestjs/swagger, helmet, pino, prom-client, cockatiel, the OpenTelemetry API and a terminus readiness): median ${fixed(results.startup.floorMedianMs, 0)} ms (${msList(results.startup.floorRunsMs)}); the API takes ${fixed(results.startup.medianMs / results.startup.floorMedianMs, 2)}× that.`,
    ].join('\n\n'),
    bursts: [
      `- ${burstLine('Cold burst (one fresh instance, waited for on /health/live so its cache is cold)', results.coldBurst)}.`,
      results.redisBurst.skipped
        ? `- Two instances on one Redis: skipped (${results.redisBurst.skipped}).`
        : `- ${burstLine(`Two fresh instances on one Redis (${results.redisBurst.redis})`, results.redisBurst)}.`,
    ].join('\n'),
    encryption: encryptionMarkdown(results.encryption),
    problems:
      results.problems.length === 0
        ? 'None: every answer under load was 2xx.'
        : `**This run is invalid:**\n\n${results.problems.map((p) => `- ${p}`).join('\n')}`,
    profiles:
      results.profiles.length === 0
        ? 'No target was missed in this run, so no profile was taken (`npm run bench -- --profile` takes one of each path anyway).'
        : results.profiles
            .map((p) =>
              p.summary
                ? `#### ${p.title}\n\n\`\`\`text\n${formatProfileSummary(p.summary).join('\n')}\n\`\`\``
                : `#### ${p.title}\n\n${p.error}`,
            )
            .join('\n\n'),
    tracing: tracingSection(results.tracing),
    findings: findings.trim(),
    benchSeconds: fixed(results.benchSeconds, 0),
    phases: results.phaseSeconds
      ? ` (${Object.entries(results.phaseSeconds)
          .filter(([, seconds]) => seconds >= 0.5)
          .map(([name, seconds]) => `${name} ${fixed(seconds, 0)} s`)
          .join(', ')})`
      : s.buildSeconds
        ? ` (${fixed(s.buildSeconds, 0)} s of it building)`
        : '',
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`BENCHMARKS.template.md: unknown placeholder {{${name}}}`);
    return values[name];
  });
}
