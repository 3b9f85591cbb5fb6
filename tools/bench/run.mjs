#!/usr/bin/env node
// `npm run bench`: the API built in production mode against the Klarna and Zenki simulators, next to two
// baselines on the same machine in the same run (bare Fastify answering a cached token; bare Fastify plus
// an undici pass-through to the Klarna simulator), loaded with autocannon at fixed connections and duration.
// Also start-to-ready, a cold-cache burst, RSS under load, and a CPU profile of any path that misses its
// target. Writes the table to the console, docs/bench/results.json, docs/bench/chart.svg and
// docs/BENCHMARKS.md. Every server it starts is a child process on 127.0.0.1, stopped at the end.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHARGE_BODY, KLARNA_BODY, SESSION_BODY, checkSameShape } from './lib/bodies.mjs';
import { benchFile, startApi } from './lib/api.mjs';
import { AuthorizationFeed } from './lib/authorization-feed.mjs';
import { burst } from './lib/burst.mjs';
import { installCleanup, startNode, stopAll } from './lib/children.mjs';
import { formatProfileSummary, summariseProfile } from './lib/cpu-profile.mjs';
import { closeHttp, requestJson } from './lib/http.mjs';
import { isValidRun, measureInTurns, runLoad, warmUp } from './lib/load.mjs';
import { encryptionCase } from './lib/encryption-case.mjs';
import { startProviders } from './lib/providers.mjs';
import { redisCase } from './lib/redis-case.mjs';
import { startTracedApi, tracingCase, tracingResults } from './lib/tracing-case.mjs';
import { writeOutputs } from './lib/outputs.mjs';
import { consoleReport } from './lib/report.mjs';
import { readSettings, TARGETS, USAGE } from './lib/settings.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { KLARNA_PATH, SESSION_PATH, ZENKI_PATH } from './lib/routes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
// Build outputs, dependencies and tests do not change what the build produces.
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.nx', 'test', 'testing']);
// The latest run's CPU profiles, one folder per profile; each run replaces the previous run's.
const PROFILE_DIR = join(tmpdir(), 'paytokens-bench-profiles');
// Start to ready's floor: a Nest app of the API's libraries, none of its code.
const NEST_FLOOR = join(here, 'servers', 'nest-floor.cjs');

const settings = readSettings(process.argv.slice(2));
const entry = settings.entry ? resolve(settings.entry) : join(root, 'dist', 'apps', 'api', 'main.js');
if (settings.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
installCleanup();
const benchStarted = performance.now();
const log = (line) => process.stdout.write(`${line}\n`);
const elapsed = () => `${((performance.now() - benchStarted) / 1000).toFixed(1)} s`;
// Seconds per step of the run, in order (where the wall time goes).
const phaseSeconds = {};
let phaseStarted = benchStarted;
const endPhase = (name) => {
  const now = performance.now();
  phaseSeconds[name] = Number(((now - phaseStarted) / 1000).toFixed(1));
  phaseStarted = now;
};

try {
  await main();
} catch (error) {
  process.stderr.write(`\nbench failed: ${error.stack ?? error.message}\n`);
  await stopAll();
  await closeHttp();
  process.exit(1);
}

async function main() {
  const buildSeconds = ensureBuilt();
  endPhase('build');
  const machine = describeMachine();
  log(
    `paytokens bench: ${machine.cpuModel} x${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  if (machine.loadAverageAtStart[0] > machine.cpus / 2)
    log(`warning: the machine is busy (load average ${machine.loadAverageAtStart[0]} on ${machine.cpus} cores): figures will be noisy`);
  log(
    `settings: ${settings.connections} connections; per path ${settings.warmupS} s warm-up of each server, one after the other, then ${settings.durationS} s measured per server in ${2 * settings.turns} parts (baseline, API, API, baseline${settings.turns > 1 ? `, ${settings.turns} times` : ''})`,
  );

  // The providers: one child for both simulators, so their CPU is not in the API's process.
  const { simulators, providers } = await startProviders(root);
  const apiKey = `bench_${randomBytes(24).toString('base64url')}`;
  const stats = () => simulators.call('stats');

  // The baselines, each its own process, pointing at the same simulators.
  const baselineEnv = {
    BENCH_API_KEY: apiKey,
    ZENKI_BASE_URL: providers.zenkiUrl,
    ZENKI_CLIENT_ID: providers.zenkiClientId,
    ZENKI_CLIENT_SECRET: providers.zenkiClientSecret,
    KLARNA_BASE_URL: providers.klarnaUrl,
    KLARNA_USERNAME: providers.klarnaUsername,
    KLARNA_PASSWORD: providers.klarnaPassword,
  };
  const bareToken = startNode('bare-token', join(here, 'servers', 'bare-token.mjs'), { cwd: root, env: baselineEnv });
  const bareProxy = startNode('bare-proxy', join(here, 'servers', 'bare-proxy.mjs'), { cwd: root, env: baselineEnv });
  // The charge's second floor: the pass-through with the API's guarantees written by hand; it logs every answer.
  const guardedProxy = startNode('guarded-proxy', join(here, 'servers', 'guarded-proxy.mjs'), {
    cwd: root,
    env: baselineEnv,
    stdoutFile: benchFile('guarded-proxy.log'),
  });
  const [tokenReady, proxyReady, guardedReady] = await Promise.all(
    [bareToken, bareProxy, guardedProxy].map((child) => child.waitForMessage('ready')),
  );

  const tokenBaseline = {
    url: tokenReady.url,
    path: ZENKI_PATH,
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
    pid: bareToken.pid,
  };
  endPhase('simulators and baselines');
  if (settings.onlyTracing) {
    const tracing = await runTracingCase({ apiKey, providers, baseline: tokenBaseline });
    await stopAll();
    await closeHttp();
    log(`\n${JSON.stringify(tracing, null, 2)}`);
    return;
  }

  // Start to ready: spawn to the first 200 of /health/ready (which also checks both providers), several times, each
  // API start after one of each of its floors (servers/nest-floor.cjs: the design's named libraries alone, then every
  // library the API starts with; none of the API's code).
  const startupRuns = [];
  const floorStartupRuns = { named: [], all: [] };
  let api;
  for (let run = 0; run < Math.max(1, settings.startupRuns); run++) {
    for (const [libraries, runs] of Object.entries(floorStartupRuns)) {
      const floor = await startApi({
        entry: NEST_FLOOR,
        apiKey,
        providers,
        extraEnv: { NEST_FLOOR: libraries },
        name: `nest-floor-${libraries}`,
      });
      runs.push(floor.readyMs);
      await floor.child.stop();
    }
    const started = await startApi({ entry, apiKey, providers, health: 'ready' });
    startupRuns.push(started.readyMs);
    log(
      `start to ready #${run + 1}: ${started.readyMs.toFixed(0)} ms (Nest floors: named libraries ${floorStartupRuns.named.at(-1).toFixed(0)} ms, all ${floorStartupRuns.all.at(-1).toFixed(0)} ms)`,
    );
    if (run < settings.startupRuns - 1) await started.child.stop();
    else api = started;
  }
  endPhase('start-up runs');

  const auth = { authorization: `Bearer ${apiKey}` };
  const feed = new AuthorizationFeed(simulators);
  await feed.prime();
  const klarnaBody = () => JSON.stringify({ ...KLARNA_BODY, authorizationToken: feed.next() });
  // The charge route charges one customer token, created through the API (again just before its load); each charge is a
  // new period (a new key).
  const chargePath = `${KLARNA_PATH}/${await customerTokenFor(api.url, auth, feed)}/orders`;
  let period = 0;
  const chargeHeaders = () => ({ 'idempotency-key': `bench-${process.pid}-${++period}` });
  const json = { ...auth, 'content-type': 'application/json' };
  const targets = {
    zenki: {
      api: { url: api.url, path: ZENKI_PATH, method: 'POST', headers: auth, pid: api.child.pid },
      baseline: { url: tokenReady.url, path: ZENKI_PATH, method: 'POST', headers: auth, pid: bareToken.pid },
    },
    klarna: {
      api: {
        url: api.url,
        path: KLARNA_PATH,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        nextBody: klarnaBody,
        pid: api.child.pid,
      },
      baseline: {
        url: proxyReady.url,
        path: KLARNA_PATH,
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        nextBody: klarnaBody,
        pid: bareProxy.pid,
      },
    },
    session: {
      api: { url: api.url, path: SESSION_PATH, method: 'POST', headers: json, body: JSON.stringify(SESSION_BODY), pid: api.child.pid },
      baseline: {
        url: proxyReady.url,
        path: SESSION_PATH,
        method: 'POST',
        headers: json,
        body: JSON.stringify(SESSION_BODY),
        pid: bareProxy.pid,
      },
    },
    charge: {
      api: {
        url: api.url,
        path: chargePath,
        method: 'POST',
        headers: json,
        body: JSON.stringify(CHARGE_BODY),
        nextHeaders: chargeHeaders,
        pid: api.child.pid,
      },
      baseline: {
        url: proxyReady.url,
        path: chargePath,
        method: 'POST',
        headers: json,
        body: JSON.stringify(CHARGE_BODY),
        nextHeaders: chargeHeaders,
        pid: bareProxy.pid,
      },
      guarded: {
        url: guardedReady.url,
        path: chargePath,
        method: 'POST',
        headers: json,
        body: JSON.stringify(CHARGE_BODY),
        nextHeaders: chargeHeaders,
        pid: guardedProxy.pid,
      },
    },
  };

  // One request each first: every floor must answer the status and the JSON shape the API answers.
  const problems = [];
  for (const [id, { api: apiTarget, ...floors }] of Object.entries(targets)) {
    const [ours, ...theirs] = await Promise.all(
      [apiTarget, ...Object.values(floors)].map((t) =>
        requestJson(`${t.url}${t.path}`, {
          method: t.method,
          headers: { ...t.headers, ...t.nextHeaders?.() },
          body: t.nextBody ? JSON.parse(t.nextBody()) : t.body ? JSON.parse(t.body) : undefined,
        }),
      ),
    );
    Object.keys(floors).forEach((floor, i) => {
      const mismatch = checkSameShape(id, ours, theirs[i]);
      if (mismatch) throw new Error(`${id}: the API and its ${floor} do not answer alike: ${mismatch}`);
    });
  }

  const paths = [
    {
      id: 'zenki',
      label: 'Zenki cached token',
      route: `POST ${ZENKI_PATH}`,
      baselineName: 'bare Fastify (bearer check + cached token)',
      shortBaselineName: 'bare Fastify',
    },
    {
      id: 'klarna',
      label: 'Klarna create',
      route: `POST ${KLARNA_PATH}`,
      baselineName: 'bare Fastify + undici pass-through',
      shortBaselineName: 'Fastify + undici',
    },
    {
      id: 'session',
      label: 'Klarna session',
      route: `POST ${SESSION_PATH}`,
      baselineName: 'bare Fastify + undici pass-through',
      shortBaselineName: 'Fastify + undici',
    },
    {
      id: 'charge',
      label: 'Klarna charge',
      route: `POST ${KLARNA_PATH}/{tokenId}/orders`,
      baselineName: 'bare Fastify + undici pass-through',
      shortBaselineName: 'Fastify + undici',
    },
  ].filter((path) => settings.paths === undefined || settings.paths.includes(path.id));
  endPhase('load set-up and shape checks');
  let tracing = settings.tracing ? undefined : { skipped: 'switched off with --no-tracing' };
  for (const path of paths) {
    // Tracing on joins the Zenki path's alternation: its "off" side and baseline are this path's API and baseline.
    const traced = path.id === 'zenki' && settings.tracing ? await startTracedApi({ entry, apiKey, providers }) : undefined;
    const pair = traced ? { ...targets.zenki, traced: traced.target(ZENKI_PATH, auth) } : targets[path.id];
    // A token made now: the Klarna simulator keeps only its newest 100,000, and the create path may have made more.
    if (path.id === 'charge') {
      const tokenPath = `${KLARNA_PATH}/${await customerTokenFor(api.url, auth, feed)}/orders`;
      for (const target of Object.values(pair)) target.path = tokenPath;
    }
    let measured;
    try {
      measured = await measurePath(path, pair, stats);
    } finally {
      await traced?.stop();
    }
    const { traced: tracedRun, ...sides } = measured;
    Object.assign(path, sides);
    for (const side of Object.keys(sides)) {
      const run = path[side];
      log(
        `${path.label}, ${side}: ${run.requestsPerSecond.toFixed(0)} req/s (segments ${run.segmentRequestsPerSecond.join(', ')}), p50 ${run.p50Ms?.toFixed(2)} ms, p99 ${run.p99Ms?.toFixed(2)} ms, RSS ${(run.maxRssBytes / 2 ** 20).toFixed(0)} MB, CPU ${run.cpuMicrosPerRequest?.toFixed(0)} µs/req (segments ${run.segmentCpuMicrosPerRequest.join(', ')})${isValidRun(run) ? '' : `  INVALID: ${JSON.stringify(run.statuses)} errors ${run.errors} timeouts ${run.timeouts}`}  [${elapsed()}]`,
      );
      if (!isValidRun(run))
        problems.push(
          `${path.label} (${side}): ${run.non2xx} non-2xx answers, ${run.errors} errors, ${run.timeouts} timeouts (${JSON.stringify(run.statuses)})`,
        );
    }
    if (tracedRun) tracing = logTracing(tracingResults({ baseline: sides.baseline, off: sides.api, on: tracedRun }, traced.exported()));
  }
  if (feed.starved > 0) problems.push(`the authorization feed ran dry ${feed.starved} times`);
  await api.child.stop();
  endPhase('paths under load');

  const coldBurst = await coldBurstCase({ apiKey, providers, stats, authorization: auth.authorization });
  log(
    `cold burst: ${coldBurst.ok}/${coldBurst.sent} answered 2xx in ${coldBurst.elapsedMs.toFixed(0)} ms, ${coldBurst.upstreamCalls} upstream token call(s)  [${elapsed()}]`,
  );
  if (coldBurst.ok !== coldBurst.sent)
    problems.push(
      `cold burst: ${coldBurst.sent - coldBurst.ok} of ${coldBurst.sent} requests were not answered 2xx (${JSON.stringify(coldBurst.statuses)})`,
    );
  endPhase('cold burst');

  // Two instances on one Redis, when the app and a Redis allow it.
  const redisBurst = settings.redis
    ? await redisCase({
        entry,
        apiKey,
        providers,
        stats,
        count: Math.floor(settings.burstRequests / 2),
        path: ZENKI_PATH,
        authorization: auth.authorization,
      })
    : { skipped: 'switched off with --no-redis' };
  log(
    redisBurst.skipped
      ? `redis burst: skipped (${redisBurst.skipped})`
      : `redis burst: ${redisBurst.ok}/${redisBurst.sent} answered 2xx over 2 instances, ${redisBurst.upstreamCalls} upstream token call(s)  [${elapsed()}]`,
  );
  if (!redisBurst.skipped && redisBurst.ok !== redisBurst.sent)
    problems.push(
      `redis burst: ${redisBurst.sent - redisBurst.ok} of ${redisBurst.sent} requests were not answered 2xx (${JSON.stringify(redisBurst.statuses)})`,
    );
  endPhase('redis burst');

  // Only when the Zenki path was not loaded (--paths without zenki): tracing then needs its own off side and baseline.
  tracing ??= await runTracingCase({ apiKey, providers, baseline: tokenBaseline });
  endPhase('tracing on its own');
  // Redis-backed token path and idempotent create, with and without REDIS_ENCRYPTION_KEYS (lib/encryption-case.mjs).
  const encryption = settings.redis
    ? await encryptionCase({ entry, apiKey, providers, stats, feed, settings, log, problems })
    : { skipped: 'switched off with --no-redis' };
  endPhase('encryption case');

  const startup = {
    runsMs: startupRuns,
    medianMs: median(startupRuns),
    namedFloorRunsMs: floorStartupRuns.named,
    namedFloorMedianMs: median(floorStartupRuns.named),
    floorRunsMs: floorStartupRuns.all,
    floorMedianMs: median(floorStartupRuns.all),
  };
  const results = {
    generatedAt: new Date().toISOString(),
    machine,
    settings: publicSettings(buildSeconds),
    startup,
    paths,
    coldBurst,
    redisBurst,
    tracing,
    encryption,
    problems,
  };
  let verdicts = evaluateTargets(results, TARGETS);

  // Where a load target is missed, the same load again on a profiled API, and what the profile shows.
  results.profiles = [];
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  const toProfile = paths.filter(
    (path) =>
      settings.profile === 'always' || (settings.profile === 'on-miss' && verdicts.some((v) => v.path === path.id && v.met === false)),
  );
  if (toProfile.length > 0)
    results.profiles.push(
      ...(await profilePaths({
        paths: toProfile,
        // The charge gets a new customer token: the simulator keeps its newest 100,000 tokens, and the creates since
        // (the create path, the encryption case) may have pushed out the one the charge path was measured on.
        targetOf: async (path, url, pid) =>
          path.id === 'charge'
            ? { ...targets.charge.api, url, pid, path: `${KLARNA_PATH}/${await customerTokenFor(url, auth, feed)}/orders` }
            : { ...targets[path.id].api, url, pid },
        apiKey,
        providers,
      })),
    );
  if (settings.profile !== 'never' && verdicts.some((v) => v.id === 'startup' && v.met === false))
    results.profiles.push(await profileStartup({ apiKey, providers }));
  endPhase('profiles');

  await stopAll();
  await closeHttp();
  endPhase('stopping');
  results.machine.loadAverageAtEnd = loadavg().map((l) => Number(l.toFixed(2)));
  results.benchSeconds = (performance.now() - benchStarted) / 1000;
  results.phaseSeconds = phaseSeconds;
  verdicts = evaluateTargets(results, TARGETS);
  results.targets = verdicts;

  log('');
  for (const line of consoleReport(results)) log(line);
  for (const profile of results.profiles) {
    log('');
    log(`CPU profile, ${profile.title}:`);
    for (const line of profile.summary ? formatProfileSummary(profile.summary) : [profile.error]) log(`  ${line}`);
  }
  if (settings.writeDocs) {
    writeOutputs(root, results);
    log('wrote docs/BENCHMARKS.md, docs/bench/results.json, docs/bench/chart.svg');
  }
  log(`\nbench finished in ${results.benchSeconds.toFixed(1)} s${buildSeconds ? ` (of which ${buildSeconds.toFixed(1)} s building)` : ''}`);
  log(
    `  where the time went: ${Object.entries(phaseSeconds)
      .filter(([, seconds]) => seconds >= 0.1)
      .map(([name, seconds]) => `${name} ${seconds} s`)
      .join(', ')}`,
  );
  if (problems.length > 0) {
    process.stderr.write(`\nINVALID RUN:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

/**
 * Loads one path's baseline and API (and a third side: for the Zenki path with tracing on the traced API, for the
 * charge the guarded floor): each warmed on its own, then measured in alternation (baseline, API, API, baseline, or
 * baseline, API, third, third, API, baseline; each side the full duration in all), so that a machine getting busier
 * or quieter during the run weighs on all alike.
 * Counts the upstream calls the simulator saw during each side's measured turns, to show that all did the same
 * upstream work.
 */
async function measurePath(path, pair, stats) {
  const upstream = {};
  const upstreamCount = (s) =>
    ({ klarna: s.klarnaCreates, session: s.klarnaSessions, charge: s.klarnaOrders })[path.id] ?? s.zenkiTokenRequests;
  const counted = async (side, work) => {
    const before = upstreamCount(await stats());
    await work();
    upstream[side] = (upstream[side] ?? 0) + upstreamCount(await stats()) - before;
  };
  // A third side (the traced API, the guarded floor) goes in the middle: baseline, API, third, third, API, baseline.
  const third = Object.keys(pair).find((side) => side !== 'api' && side !== 'baseline');
  const turn = third ? ['baseline', 'api', third, third, 'api', 'baseline'] : ['baseline', 'api', 'api', 'baseline'];
  // --turns repeats the alternation within the same measured time: shorter segments follow a noisy machine closer.
  const order = Array.from({ length: settings.turns }, () => turn).flat();
  const measured = await measureInTurns(
    pair,
    order,
    { connections: settings.connections, warmupS: settings.warmupS, durationS: settings.durationS },
    counted,
  );
  return Object.fromEntries(
    Object.entries(measured).map(([side, result]) => [side, { ...result.toJSON(), upstreamCalls: upstream[side] }]),
  );
}

/** A customer token made through the API from a fresh authorization: the charge route's subject. */
async function customerTokenFor(url, auth, feed) {
  const created = await requestJson(`${url}${KLARNA_PATH}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: { ...KLARNA_BODY, authorizationToken: feed.next() },
  });
  if (created.status !== 201)
    throw new Error(`could not create the customer token to charge: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.tokenId;
}

/** Tracing off vs on for the Zenki cached route on its own (lib/tracing-case.mjs), logged as it ends. */
async function runTracingCase({ apiKey, providers, baseline }) {
  log('tracing off vs on (Zenki cached token)...');
  const tracing = await tracingCase({
    entry,
    apiKey,
    providers,
    baseline,
    path: ZENKI_PATH,
    connections: settings.connections,
    warmupS: settings.warmupS,
    durationS: settings.durationS,
  });
  return logTracing(tracing);
}

/** Logs the tracing case's figures; returns them. */
function logTracing(tracing) {
  for (const side of ['baseline', 'off', 'on']) {
    const run = tracing[side];
    log(
      `  tracing ${side}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50Ms?.toFixed(2)} ms, p99 ${run.p99Ms?.toFixed(2)} ms, CPU ${run.cpuMicrosPerRequest?.toFixed(0)} µs/req`,
    );
  }
  log(
    `  tracing off ${(tracing.offVsBaseline * 100).toFixed(0)}% of bare Fastify; tracing on ${(tracing.onVsOff * 100).toFixed(0)}% of off; ${tracing.exported.requests} OTLP posts, ${(tracing.exported.bytes / 1024).toFixed(0)} KiB  [${elapsed()}]`,
  );
  return tracing;
}

/** A fresh API, waited for on /health/live (readiness would warm the cache), then a burst of simultaneous requests. */
async function coldBurstCase({ apiKey, providers, stats, authorization }) {
  const cold = await startApi({ entry, apiKey, providers, health: 'live', name: 'api-cold' });
  try {
    const before = (await stats()).zenkiTokenRequests;
    const result = await burst([{ host: '127.0.0.1', port: cold.port }], {
      count: settings.burstRequests,
      method: 'POST',
      path: ZENKI_PATH,
      headers: { Authorization: authorization },
    });
    result.upstreamCalls = (await stats()).zenkiTokenRequests - before;
    return result;
  } finally {
    await cold.child.stop();
  }
}

/**
 * Profiles `paths` one after the other in one API process (servers/profile-on-ipc.cjs starts and stops the profiler
 * over IPC): each path is warmed for 1 s, then profiled under its load; start-up and warm-up stay out of the profiles.
 */
async function profilePaths({ paths: profiled, targetOf, apiKey, providers }) {
  const api = await startApi({
    entry,
    apiKey,
    providers,
    name: 'api-profiled',
    nodeArgs: ['-r', join(here, 'servers', 'profile-on-ipc.cjs')],
  });
  const profiles = [];
  try {
    for (const path of profiled) {
      log(`profiling ${path.label} (${settings.profileDurationS} s under load)...`);
      const target = await targetOf(path, api.url, api.child.pid);
      await warmUp(target, { connections: settings.connections, durationS: 1 });
      const file = join(profileDir(path.id), `${path.id}.cpuprofile`);
      await api.child.call('profile-start');
      const run = await runLoad(target, { connections: settings.connections, durationS: settings.profileDurationS, warmupS: 0 });
      await api.child.call('profile-stop', { file }, 30_000);
      // A profile of refused requests is not a profile of the path: say what was answered instead.
      const refused = isValidRun(run)
        ? ''
        : `; INVALID: ${run.non2xx} non-2xx answers ${JSON.stringify(run.statuses)}, ${run.errors} errors`;
      const title = `${path.label} under load (${run.requestsPerSecond.toFixed(0)} req/s while profiled${refused})`;
      profiles.push({ id: path.id, title, file, summary: summariseProfile(file, { root, top: 20 }) });
    }
  } finally {
    await api.child.stop();
  }
  return profiles;
}

/** Profiles one start, spawn to ready. */
async function profileStartup({ apiKey, providers }) {
  const dir = profileDir('startup');
  log('profiling start-up...');
  const profiled = await startApi({
    entry,
    apiKey,
    providers,
    name: 'api-profiled-startup',
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '-r', join(here, 'servers', 'exit-on-sigusr2.cjs')],
  });
  return finishProfile(profiled.child, dir, `start-up (${profiled.readyMs.toFixed(0)} ms to ready while profiled)`, 'startup');
}

function profileDir(name) {
  const dir = join(PROFILE_DIR, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function finishProfile(child, dir, title, id, skipMs = 0) {
  await child.stop('SIGUSR2', 10_000);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return { id, title, file: undefined, summary: undefined, error: `no profile written in ${dir}` };
  const summary = summariseProfile(join(dir, file), { root, top: 20, skipMs });
  return { id, title, file: join(dir, file), summary };
}

/** Builds the API (and the libraries it runs on) when a source is newer than the build; returns the seconds it took. */
function ensureBuilt() {
  if (!settings.build) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build it (npx nx build api) or drop --no-build`);
    return 0;
  }
  if (!needsBuild()) return 0;
  log('building the API and the libraries (sources changed since the last build)...');
  const started = performance.now();
  const result = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (result.status !== 0) throw new Error('the build failed; see above');
  // Nx leaves outputs that match its cache untouched (a source saved without a change): mark the build as newer than
  // the sources it was made from, or every later run would call Nx again (about 4–8 s) to learn the same.
  const now = new Date();
  utimesSync(entry, now, now);
  return (performance.now() - started) / 1000;
}

function newestUnder(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) {
      if (!SKIPPED_DIRS.has(item.name)) newest = Math.max(newest, newestUnder(path));
    } else if (!/\.(e2e-)?spec\.ts$/.test(item.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function needsBuild() {
  const libs = readdirSync(join(root, 'libs')).map((lib) => join(root, 'libs', lib));
  if (!existsSync(entry) || libs.some((lib) => !existsSync(join(lib, 'dist', 'index.js')))) return true;
  const built = statSync(entry).mtimeMs;
  return [join(root, 'apps', 'api', 'src'), ...libs.map((lib) => join(lib, 'src'))].some((dir) => newestUnder(dir) > built);
}

function describeMachine() {
  const all = cpus();
  return {
    cpuModel: all[0]?.model.trim() ?? 'unknown',
    cpus: all.length,
    cpuMHz: all[0]?.speed,
    memoryGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.versions.node,
    os: `${platform()} ${release()} ${arch()}`,
    // Other work on the machine skews every figure; the load average says how much there was.
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
    packages: packageVersions(),
  };
}

/** Versions that shape the figures; Nest's Fastify adapter may bring its own Fastify, distinct from the baselines'. */
function packageVersions() {
  const resolveFrom = (from, name) => {
    try {
      return createRequire(from).resolve(`${name}/package.json`);
    } catch {
      return undefined;
    }
  };
  const version = (file) => (file ? JSON.parse(readFileSync(file, 'utf8')).version : undefined);
  const rootPackage = join(root, 'package.json');
  const platformFastify = resolveFrom(rootPackage, '@nestjs/platform-fastify');
  return {
    '@nestjs/core': version(resolveFrom(rootPackage, '@nestjs/core')),
    'fastify (baselines)': version(resolveFrom(rootPackage, 'fastify')),
    'fastify (API, through @nestjs/platform-fastify)': platformFastify ? version(resolveFrom(platformFastify, 'fastify')) : undefined,
    undici: version(resolveFrom(rootPackage, 'undici')),
    autocannon: version(resolveFrom(rootPackage, 'autocannon')),
  };
}

function publicSettings(buildSeconds) {
  const { help: _help, writeDocs: _write, ...rest } = settings;
  return { ...rest, buildSeconds, command: ['npm run bench', ...process.argv.slice(2)].join(' ') };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
