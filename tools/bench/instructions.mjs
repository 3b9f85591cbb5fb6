#!/usr/bin/env node
// Instructions per request of the Klarna routes, counted by callgrind (user space, every thread of the server):
// a count the machine's load does not move, unlike CPU µs. Starts the simulators, then each server under
// `valgrind --tool=callgrind --instr-atstart=no` (the built API against the simulators with the bench's
// environment, and the Fastify + undici pass-through), and per route: a warm-up with instrumentation off,
// instrumentation on and counters zeroed, a fixed number of requests, a dump. Prints M instructions per request per
// route, and apart the part V8 still spent compiling in that window (TurboFan's background jobs mostly); with both
// servers, the API's ratio to the pass-through. `--servers=api,proxy,guarded` adds the charge's guarded floor
// (servers/guarded-proxy.mjs: the pass-through with the API's guarantees written by hand; it serves the charge only).
//
//   node tools/bench/instructions.mjs [--entry=dist/apps/api/main.js] [--servers=api,proxy,guarded] [--routes=create,session,charge]
//     [--warmup=4000] [--requests=1000] [--connections=8] [--env=LOG_LEVEL=warn ...] [--node-arg=--perf-basic-prof ...]
//     [--out=<dir>] [--json] [--cache-sim]
//
// `--entry` runs another build (a patched copy of dist); `--env` adds to the API's environment; `--node-arg` goes to
// node (`--perf-basic-prof` writes /tmp/perf-<pid>.map, which names the JavaScript behind callgrind's bare addresses).
// `--cache-sim` also simulates the caches and branch predictor (callgrind's `--cache-sim=yes --branch-sim=yes`,
// a few times slower) and prints per request the misses that make one instruction cost more than another:
// first-level instruction and data cache, last level, mispredicted branches.
// The dumps are kept in `--out` (default a new temporary folder) for `callgrind_annotate --inclusive=yes <dump>`.
// Callgrind slows the server about 50 times: both servers and three routes take some minutes. Every process it starts
// is stopped at the end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { apiEnvironment, freePort } from './lib/api.mjs';
import { AuthorizationFeed } from './lib/authorization-feed.mjs';
import { CHARGE_BODY, KLARNA_BODY, SESSION_BODY } from './lib/bodies.mjs';
import { Child, installCleanup, stopAll } from './lib/children.mjs';
import { closeHttp, waitForStatus } from './lib/http.mjs';
import { startProviders } from './lib/providers.mjs';
import { toSnakeKeys } from './servers/baseline-kit.mjs';
import { KLARNA_PATH, SESSION_PATH } from './lib/routes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const ROUTES = ['create', 'session', 'charge'];

// A window of 1,000 requests is not load-independent as a whole: how far TurboFan had got (and what it deoptimised
// when a route's new type feedback arrived) and whether a major GC (the memory reducer's is on a timer) fell into it
// depend on timing; the same build read 0.78 to 1.32 M on the charge in runs at load average 3 and 10. So the count is
// split by callgrind's self cost per function into V8's compilers, its garbage collector and the rest (the JavaScript,
// V8's runtime and builtins, node, libc): the rest moved by about 3 % between those runs on create and session.
const COMPILER_FUNCTIONS =
  /compiler::|turboshaft|RegisterAllocator|InstructionSelector|CodeGenerator|LiveRange|baseline::|[Mm]aglev|Zone::|Parser(Base)?::|PreParser|Scanner::|BytecodeGenerator|interpreter::Bytecode|AstValueFactory|Assembler|SourcePosition|OptimizingCompileDispatcher|PipelineCompilationJob|JSHeapBroker|CompilationDependencies|(Object|HeapObject|Map|FeedbackVector)Ref|Scope::|GraphAssembler|NodeProperties|Typer|Type::/;
const GC_FUNCTIONS =
  /Marking|Sweeper|Scaveng|MarkCompact|heap::|cppgc|ConcurrentMarking|Evacuat|RememberedSet|SlotSet|ActiveSystemPages|MemoryChunk|FreeList|Worklist|WeakObjects|IterateObjectCache|BodyDescriptor|Heap::|ArrayBufferSweeper|MemoryAllocator|PagedSpace|LargeObjectSpace|NewSpace|SemiSpace|GlobalHandles|SizeFromMap|MarkBit|LiveObjectRange|RecordMigratedSlot|PointersUpdating|RootVisitor|ObjectVisitor/;

const settings = readSettings(process.argv.slice(2));
const underValgrind = new Set();
const agent = new Agent({ keepAliveTimeout: 1_000 });

installCleanup();
// installCleanup stops the children it knows; these are started here, so they are killed here on any exit.
process.on('exit', () => {
  for (const child of underValgrind) {
    if (!child.alive) continue;
    child.process.kill('SIGKILL');
    // Killed, valgrind leaves its control pipes behind.
    for (const name of readdirSync(tmpdir()))
      if (name.startsWith('vgdb-pipe-') && name.includes(`-${child.pid}-by-`)) rmSync(join(tmpdir(), name));
  }
});
try {
  await main();
} finally {
  await Promise.all([...underValgrind].map((child) => child.stop('SIGTERM', 20_000).catch(() => undefined)));
  await stopAll();
  await closeHttp();
  await agent.close();
}

async function main() {
  const { simulators, providers } = await startProviders(root);
  const apiKey = `bench_${randomBytes(24).toString('base64url')}`;
  // Every authorization the run needs, minted before it starts: refills during a slow run under valgrind time out.
  const needed = (settings.warmup + settings.requests + 2) * settings.servers.length;
  const feed = new AuthorizationFeed(simulators, { batch: needed, low: 0 });
  await feed.prime();
  const results = {};
  for (const server of settings.servers) {
    const started =
      server === 'api' ? await startApiUnderCallgrind(apiKey, providers) : await startFloorUnderCallgrind(server, apiKey, providers);
    results[server] = await measureRoutes(server, started, apiKey, feed, providers);
    await started.child.stop('SIGTERM', 20_000);
    underValgrind.delete(started.child);
  }
  report(results);
}

/** The routes' targets on one server: path, body and headers per request (a fresh authorization, a new Idempotency-Key). */
async function targetsOf(server, url, apiKey, feed, providers) {
  const json = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const createBody = () => JSON.stringify({ ...KLARNA_BODY, authorizationToken: feed.next() });
  const targets = {
    create: { path: KLARNA_PATH, headers: json, nextBody: createBody },
    session: { path: SESSION_PATH, headers: json, body: JSON.stringify(SESSION_BODY) },
  };
  if (settings.routes.includes('charge')) {
    // One customer token, created through the server under test (the guarded floor has no create route: at Klarna);
    // every charge a new period (a new key).
    const tokenId = server === 'guarded' ? await tokenAtKlarna(providers, feed) : await tokenThrough(url, json, createBody);
    let period = 0;
    const prefix = `instructions-${process.pid}-${randomBytes(4).toString('hex')}`;
    targets.charge = {
      path: `${KLARNA_PATH}/${tokenId}/orders`,
      headers: json,
      body: JSON.stringify(CHARGE_BODY),
      nextHeaders: () => ({ 'idempotency-key': `${prefix}-${++period}` }),
    };
  }
  return targets;
}

async function tokenThrough(url, json, createBody) {
  const created = await post(`${url}${KLARNA_PATH}`, json, JSON.parse(createBody()));
  if (created.status !== 201) throw new Error(`could not create the token to charge: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.tokenId;
}

async function tokenAtKlarna(providers, feed) {
  const basic = Buffer.from(`${providers.klarnaUsername}:${providers.klarnaPassword}`).toString('base64');
  const created = await post(
    `${providers.klarnaUrl}/payments/v1/authorizations/${feed.next()}/customer-token`,
    { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
    toSnakeKeys(KLARNA_BODY),
  );
  if (created.status !== 200)
    throw new Error(`Klarna did not create the token to charge: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.token_id;
}

/** Per route: warm up uninstrumented, count `requests` requests, dump. Resolves with instructions per request per route. */
async function measureRoutes(server, { child, url, outFile }, apiKey, feed, providers) {
  const targets = await targetsOf(server, url, apiKey, feed, providers);
  const perRoute = {};
  for (const route of routesOf(server)) {
    const target = { url, method: 'POST', ...targets[route] };
    const first = await post(
      `${url}${target.path}`,
      { ...target.headers, ...target.nextHeaders?.() },
      JSON.parse(target.nextBody ? target.nextBody() : target.body),
    );
    if (first.status !== 201) throw new Error(`${server} ${route}: answered ${first.status} ${JSON.stringify(first.body)}`);
    await load(target, settings.warmup, `${server} ${route} warm-up`);
    callgrindControl(child, '-i', 'on');
    callgrindControl(child, '-z');
    await load(target, settings.requests, `${server} ${route}`);
    const dumpsBefore = dumpsOf(outFile, child.pid);
    callgrindControl(child, '-d');
    callgrindControl(child, '-i', 'off');
    const dump = await newDump(outFile, child.pid, dumpsBefore);
    const split = splitInstructions(dump);
    const [instructions, compiling, gc] = [split.all, split.compiling, split.gc].map((count) => count / settings.requests);
    perRoute[route] = { instructions, compiling, gc, rest: instructions - compiling - gc, dump };
    log(
      `${server} ${route}: ${m(instructions)} instructions/request: compiling ${m(compiling)}, GC ${m(gc)}, the rest ${m(perRoute[route].rest)} (${dump})`,
    );
    if (settings.cacheSim) {
      perRoute[route].misses = missesPerRequest(dump, settings.requests);
      log(
        `${server} ${route} per request: ${Object.entries(perRoute[route].misses)
          .map(([name, count]) => `${name} ${count.toFixed(0)}`)
          .join(', ')}`,
      );
    }
  }
  return perRoute;
}

/** Sends exactly `amount` requests at `connections`; throws on any error or non-2xx answer (the count would be wrong). */
async function load(target, amount, label) {
  if (amount <= 0) return;
  const fresh = target.nextBody || target.nextHeaders;
  const result = await autocannon({
    url: `${target.url}${target.path}`,
    method: target.method,
    headers: target.headers,
    body: target.body,
    connections: settings.connections,
    amount,
    timeout: 60,
    requests: fresh
      ? [
          {
            setupRequest: (request) => ({
              ...request,
              body: target.nextBody ? target.nextBody() : request.body,
              headers: target.nextHeaders ? { ...request.headers, ...target.nextHeaders() } : request.headers,
            }),
          },
        ]
      : undefined,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) {
    const statuses = JSON.stringify(result.statusCodeStats ?? {});
    throw new Error(`${label}: ${result.non2xx} non-2xx (${statuses}), ${result.errors} errors, ${result.timeouts} timeouts`);
  }
}

/** One JSON POST, with the patience a server under callgrind needs (its first requests compile a lot). */
async function post(url, headers, body) {
  const response = await request(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    headersTimeout: 180_000,
    bodyTimeout: 180_000,
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text ? JSON.parse(text) : undefined };
}

function valgrindArgs(outFile) {
  const simulation = settings.cacheSim ? ['--cache-sim=yes', '--branch-sim=yes'] : [];
  return [
    '--tool=callgrind',
    '--instr-atstart=no',
    ...simulation,
    `--callgrind-out-file=${outFile}`,
    process.execPath,
    ...settings.nodeArgs,
  ];
}

/** Spawns `node script` under callgrind with an IPC channel; `env` is its whole environment. */
function spawnUnderCallgrind(name, script, env, outFile) {
  const process_ = spawn('valgrind', [...valgrindArgs(outFile), script], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const child = new Child(name, process_);
  child.host = env.HOST;
  underValgrind.add(child);
  return child;
}

async function startApiUnderCallgrind(apiKey, providers, attempt = 1) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const outFile = join(settings.out, 'api.callgrind.%p');
  // Under callgrind a request waits long in the API's own event loop: Klarna's 10 s deadline would cut calls (a 504 makes
  // the count wrong). Its cost per call does not depend on its length.
  const extra = { KLARNA_TIMEOUT_MS: '120000', KLARNA_CREATE_TIMEOUT_MS: '300000', ...Object.fromEntries(settings.env) };
  const env = apiEnvironment({ port, apiKey, providers, extra });
  const child = spawnUnderCallgrind('api', resolve(root, settings.entry), env, outFile);
  try {
    await waitForStatus(`${url}/health/ready`, { timeoutMs: 180_000, intervalMs: 200, isGone: () => !child.alive });
  } catch (error) {
    await child.stop('SIGKILL');
    underValgrind.delete(child);
    // The free port was free when asked; a minute of start-up under valgrind later, another client may hold it.
    if (attempt < 3 && child.output.includes('EADDRINUSE')) return startApiUnderCallgrind(apiKey, providers, attempt + 1);
    throw new Error(`the API did not become ready under callgrind: ${error.message}\n${child.output}`);
  }
  log(
    `api under callgrind (pid ${child.pid}, ${settings.entry}${settings.env.length ? `, ${settings.env.map((e) => e.join('=')).join(' ')}` : ''})`,
  );
  return { child, url, outFile };
}

/** The routes `server` serves: the guarded floor only the charge. */
function routesOf(server) {
  return server === 'guarded' ? settings.routes.filter((route) => route === 'charge') : settings.routes;
}

/** The pass-through (`proxy`) or the guarded floor (`guarded`) under callgrind. */
async function startFloorUnderCallgrind(server, apiKey, providers) {
  const outFile = join(settings.out, `${server}.callgrind.%p`);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    BENCH_API_KEY: apiKey,
    KLARNA_BASE_URL: providers.klarnaUrl,
    KLARNA_USERNAME: providers.klarnaUsername,
    KLARNA_PASSWORD: providers.klarnaPassword,
  };
  const script = server === 'guarded' ? 'guarded-proxy' : 'bare-proxy';
  const child = spawnUnderCallgrind(script, join(here, 'servers', `${script}.mjs`), env, outFile);
  const { url } = await child.waitForMessage('ready', 180_000);
  log(`${server === 'guarded' ? 'guarded floor' : 'pass-through'} under callgrind (pid ${child.pid})`);
  return { child, url, outFile };
}

/**
 * Valgrind names its control pipes after the server's `HOST` variable (the API's is its listen address), and
 * callgrind_control looks for them under its own: it is given the server's.
 */
function callgrindControl(child, ...args) {
  const env = { ...process.env };
  if (child.host === undefined) delete env.HOST;
  else env.HOST = child.host;
  const result = spawnSync('callgrind_control', [...args, String(child.pid)], { encoding: 'utf8', timeout: 120_000, env });
  if (result.status !== 0 || /error/i.test(result.stderr))
    throw new Error(`callgrind_control ${args.join(' ')} ${child.pid}: ${result.stderr || result.stdout}`);
}

function dumpsOf(outFile, pid) {
  const folder = dirname(outFile);
  const prefix = `${outFile.slice(folder.length + 1).replace('%p', String(pid))}.`;
  return new Set(existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith(prefix)) : []);
}

/** Waits for the dump that `callgrind_control -d` asked for to be written in full (it ends with its totals). */
async function newDump(outFile, pid, before) {
  for (let waited = 0; waited < 120_000; waited += 200) {
    for (const name of dumpsOf(outFile, pid)) {
      const path = join(dirname(outFile), name);
      if (!before.has(name) && /^totals:/m.test(readFileSync(path, 'utf8'))) return path;
    }
    await sleep(200);
  }
  throw new Error(`no callgrind dump from ${pid}`);
}

function totalInstructions(dump) {
  const totals = /^totals:\s+(\d+)/m.exec(readFileSync(dump, 'utf8'));
  if (!totals) throw new Error(`no totals in ${dump}`);
  return Number(totals[1]);
}

/** With `--cache-sim`: `dump`'s cache misses and mispredicted branches, per request. */
function missesPerRequest(dump, requests) {
  const text = readFileSync(dump, 'utf8');
  const events = /^events:\s+(.*)$/m.exec(text)?.[1].trim().split(/\s+/) ?? [];
  const totals = /^totals:\s+(.*)$/m.exec(text)?.[1].trim().split(/\s+/).map(Number) ?? [];
  const count = (...names) => names.reduce((sum, name) => sum + (totals[events.indexOf(name)] ?? 0), 0) / requests;
  return {
    'I1 misses': count('I1mr'),
    'D1 misses': count('D1mr', 'D1mw'),
    'LL misses': count('ILmr', 'DLmr', 'DLmw'),
    'data reads': count('Dr'),
    'data writes': count('Dw'),
    'mispredicted branches': count('Bcm', 'Bim'),
  };
}

/** `dump`'s instructions: all, V8's compilers, its garbage collector (self cost per function, callgrind_annotate). */
function splitInstructions(dump) {
  const annotated = spawnSync('callgrind_annotate', ['--threshold=100', dump], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const split = { all: totalInstructions(dump), compiling: 0, gc: 0 };
  for (const line of annotated.stdout.split('\n')) {
    const match = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (!match || match[2].startsWith('PROGRAM TOTALS')) continue;
    const count = Number(match[1].replaceAll(',', ''));
    if (COMPILER_FUNCTIONS.test(match[2])) split.compiling += count;
    else if (GC_FUNCTIONS.test(match[2])) split.gc += count;
  }
  return split;
}

function m(instructions) {
  return instructions === undefined ? '' : `${(instructions / 1e6).toFixed(3)} M`;
}

function report(results) {
  const ratio = (api, proxy) => (api !== undefined && proxy !== undefined ? `${(api / proxy).toFixed(2)}×` : '');
  const rows = settings.routes.map((route) => {
    const [api, proxy] = [results.api?.[route], results.proxy?.[route]];
    const all = `${m(proxy?.instructions)} | ${m(api?.instructions)} | ${ratio(api?.instructions, proxy?.instructions)}`;
    return `| ${route} | ${all} | ${m(proxy?.rest)} | ${m(api?.rest)} | ${ratio(api?.rest, proxy?.rest)} |`;
  });
  log(
    [
      '',
      'Instructions per request (all; then the rest, without V8 compiling and collecting garbage):',
      '| route | pass-through | API | ratio | pass-through, rest | API, rest | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
  );
  if (results.guarded?.charge) {
    const [proxy, guarded, api] = [results.proxy?.charge, results.guarded.charge, results.api?.charge];
    log(
      [
        '',
        "The charge against its guarded floor (the pass-through with the API's guarantees by hand), the rest:",
        '| pass-through | guarded floor | API | guarded / pass-through | API / pass-through | API / guarded |',
        '| ---: | ---: | ---: | ---: | ---: | ---: |',
        `| ${m(proxy?.rest)} | ${m(guarded.rest)} | ${m(api?.rest)} | ${ratio(guarded.rest, proxy?.rest)} | ${ratio(api?.rest, proxy?.rest)} | ${ratio(api?.rest, guarded.rest)} |`,
      ].join('\n'),
    );
  }
  if (settings.cacheSim) {
    const names = Object.keys(results.api?.[settings.routes[0]]?.misses ?? results.proxy?.[settings.routes[0]]?.misses ?? {});
    const cells = (route) =>
      names.map((name) => {
        const [api, proxy] = [results.api?.[route]?.misses?.[name], results.proxy?.[route]?.misses?.[name]];
        return `${proxy?.toFixed(0) ?? ''} / ${api?.toFixed(0) ?? ''} (${ratio(api, proxy)})`;
      });
    log(
      [
        '',
        'Per request, pass-through / API (ratio), every thread, the whole window:',
        `| route | ${names.join(' | ')} |`,
        `| --- |${names.map(() => ' ---: |').join('')}`,
        ...settings.routes.map((route) => `| ${route} | ${cells(route).join(' | ')} |`),
      ].join('\n'),
    );
  }
  if (settings.json) process.stdout.write(`${JSON.stringify({ settings, results })}\n`);
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

function readSettings(argv) {
  const values = {};
  const env = [];
  const nodeArgs = [];
  const flags = new Set();
  for (const arg of argv) {
    const [name, ...rest] = arg.replace(/^--/, '').split('=');
    if (rest.length === 0) flags.add(name);
    else if (name === 'env') env.push([rest[0], rest.slice(1).join('=')]);
    else if (name === 'node-arg') nodeArgs.push(rest.join('='));
    else values[name] = rest.join('=');
  }
  const number = (name, fallback) => {
    const value = values[name] === undefined ? fallback : Number(values[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
    return value;
  };
  const list = (name, allowed, fallback) => {
    const chosen = values[name] === undefined ? fallback : values[name].split(',');
    for (const item of chosen) if (!allowed.includes(item)) throw new Error(`--${name}: ${item} is not one of ${allowed.join(', ')}`);
    return chosen;
  };
  const out = values.out ?? mkdtempSync(join(tmpdir(), 'paytokens-instructions-'));
  mkdirSync(out, { recursive: true });
  return {
    entry: values.entry ?? 'dist/apps/api/main.js',
    servers: list('servers', ['api', 'proxy', 'guarded'], ['api', 'proxy']),
    routes: list('routes', ROUTES, ROUTES),
    warmup: number('warmup', 4_000),
    requests: number('requests', 1_000),
    connections: number('connections', 8),
    env,
    nodeArgs,
    out: resolve(out),
    json: flags.has('json'),
    cacheSim: flags.has('cache-sim'),
  };
}
