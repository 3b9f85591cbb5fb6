// The bench's fixed settings and targets, and the few command-line switches that change them.

/** What a run does, from `npm run bench -- [switches]`. */
export function readSettings(argv) {
  const flags = new Set(argv.filter((a) => !a.includes('=')));
  const values = Object.fromEntries(argv.filter((a) => a.includes('=')).map((a) => a.replace(/^--/, '').split('=')));
  const quick = flags.has('--quick');
  const number = (name, fallback) => (values[name] === undefined ? fallback : Number(values[name]));
  const settings = {
    connections: number('connections', 50),
    warmupS: number('warmup', quick ? 1 : 3),
    durationS: number('duration', quick ? 3 : 10),
    startupRuns: number('startup-runs', 3),
    // How many times the measured order (baseline, API, API, baseline) is repeated within --duration.
    // Two by default: on a shared machine one half of a side can meet a busy spell the other side's never saw.
    turns: number('turns', 2),
    burstRequests: number('burst', 2_000),
    // Profile a path when it misses a target (always with --profile, never with --no-profile).
    profile: flags.has('--profile') ? 'always' : flags.has('--no-profile') ? 'never' : 'on-miss',
    profileDurationS: number('profile-duration', quick ? 3 : 5),
    build: !flags.has('--no-build') && values.entry === undefined,
    entry: values.entry,
    writeDocs: !flags.has('--no-write'),
    redis: !flags.has('--no-redis'),
    tracing: !flags.has('--no-tracing'),
    onlyTracing: flags.has('--only-tracing'),
    // Only these load paths (e.g. --paths=zenki,charge); default all.
    paths: values.paths === undefined ? undefined : values.paths.split(','),
    help: flags.has('--help') || flags.has('-h'),
  };
  for (const name of ['connections', 'warmupS', 'durationS', 'startupRuns', 'burstRequests', 'profileDurationS']) {
    if (!Number.isFinite(settings[name]) || settings[name] < 0) throw new Error(`--${name} must be a number, not below 0`);
  }
  if (!Number.isInteger(settings.turns) || settings.turns < 1) throw new Error('--turns must be a whole number, at least 1');
  return settings;
}

export const USAGE = `npm run bench [-- switches]
  --quick               1 s warm-up and 3 s per path (a smoke run; not for the record)
  --duration=<s>        seconds measured per path (default 10)
  --warmup=<s>          seconds of warm-up per server and path, not measured (default 3)
  --turns=<n>           repeat the measured order (baseline, API, API, baseline) n times within --duration (default 2);
                        on a noisy machine shorter alternating parts follow its load closer
  --connections=<n>     autocannon connections (default 50)
  --startup-runs=<n>    start-to-ready measurements, median reported (default 3)
  --burst=<n>           simultaneous requests of the cold burst (default 2000)
  --profile             CPU-profile both API paths; --no-profile never (default: only a path that misses)
  --no-build            use dist as it is
  --entry=<main.js>     run another build of the API (e.g. a candidate fix); implies --no-build
  --paths=<ids>         load only these paths (zenki, klarna, session, charge; comma-separated); default all
  --no-redis            skip the two-instance Redis burst
  --no-tracing          skip tracing off vs on (Zenki cached token, OTLP to a loopback sink)
  --only-tracing        run only tracing off vs on (and its bare-Fastify baseline); prints JSON, writes nothing
  --no-write            print only; do not write docs/BENCHMARKS.md and docs/bench/*`;

/** The targets. Ratios are the API's figure over its baseline's, measured in the same run. */
export const TARGETS = {
  zenkiThroughputRatio: 0.7,
  zenkiP99Ratio: 2,
  zenkiCpuRatio: 1.5,
  klarnaThroughputRatio: 0.7,
  klarnaCpuRatio: 1.6,
  coldBurstUpstreamCalls: 1,
  startToReadyMs: 1_000,
  rssBytes: 150 * 1024 * 1024,
  benchSeconds: 180,
};
