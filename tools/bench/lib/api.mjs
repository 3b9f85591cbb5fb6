// Starting the built API (dist/apps/api/main.js) in production mode against the simulators, as a child
// process, and timing it from spawn to its first 200 on a health route.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode } from './children.mjs';
import { waitForStatus } from './http.mjs';

// An empty working directory: the API reads a .env from its working directory, and a developer's must not
// change what is measured. The API's stdout (its logs) is written here too.
const workDir = mkdtempSync(join(tmpdir(), 'paytokens-bench-'));
process.once('exit', () => rmSync(workDir, { recursive: true, force: true }));

/** A file in the bench's working directory (removed when the bench exits): where a logging server's stdout goes. */
export function benchFile(name) {
  return join(workDir, name);
}

/** A free loopback port (the API needs its PORT before it starts, to be polled from the first moment). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Only these are taken from the bench's own environment: a developer's REDIS_URL, LOG_LEVEL or rate limit
// must not change what is measured.
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ', 'NODE_PATH'];

/** The API's whole environment: production mode, pointed at the simulators, everything else at its default. */
export function apiEnvironment({ port, apiKey, providers, extra = {} }) {
  const inherited = Object.fromEntries(
    PASSED_THROUGH.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]),
  );
  return {
    ...inherited,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    API_KEYS: apiKey,
    SIMULATE_PROVIDERS: 'false',
    KLARNA_BASE_URL: providers.klarnaUrl,
    KLARNA_USERNAME: providers.klarnaUsername,
    KLARNA_PASSWORD: providers.klarnaPassword,
    ZENKI_BASE_URL: providers.zenkiUrl,
    ZENKI_CLIENT_ID: providers.zenkiClientId,
    ZENKI_CLIENT_SECRET: providers.zenkiClientSecret,
    // The per-key rate limit stays on (its cost is part of every request) but high enough never to refuse one.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    // The cold burst opens 2000 connections from 127.0.0.1 at once: above the default per-address cap (1000),
    // which would hold half of them until they time out.
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
    // Every charge of the charge path is a new Idempotency-Key, and its record is kept (24 h): this machine's run kept
    // about 96,000, and a faster one would reach the default bound (100,000) and be answered 503 from then on.
    IDEMPOTENCY_MEMORY_MAX_RECORDS: '1000000',
    // Shutdown is not measured and no load balancer needs the drain: with the default 5 s grace every stop waited
    // for the bench's own 3 s limit and a SIGKILL, about 20 s of a full run.
    SHUTDOWN_GRACE_MS: '0',
    ...extra,
  };
}

/**
 * Spawns the API and waits for `health` (`ready`: providers checked, which warms the token cache; `live`:
 * serving, cache still cold). Resolves with the child, its URL and the milliseconds from spawn to that 200.
 */
export async function startApi({ entry, apiKey, providers, health = 'ready', nodeArgs = [], extraEnv = {}, name = 'api' }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = startNode(name, entry, {
    nodeArgs,
    cwd: workDir,
    inheritEnv: false,
    env: apiEnvironment({ port, apiKey, providers, extra: extraEnv }),
    stdoutFile: benchFile(`${name}-${port}.log`),
  });
  try {
    await waitForStatus(`${url}/health/${health}`, { timeoutMs: 20_000, intervalMs: 5, isGone: () => !child.alive });
  } catch (error) {
    await child.stop('SIGKILL');
    throw new Error(`${name} did not become ${health}: ${error.message}\n${child.output}`);
  }
  return { child, url, port, readyMs: performance.now() - started };
}
