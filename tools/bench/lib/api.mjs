// Starting the built API (dist/apps/api/main.js) in production mode against the simulators, as a child
// process, and timing it from spawn to its first 200 on a health route.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode } from './children.mjs';
import { waitForStatus } from './http.mjs';

// An empty working directory: the API reads a .env from its working directory, and a developer's must not
// change what is measured.
const workDir = mkdtempSync(join(tmpdir(), 'paytokens-bench-'));

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

/** The environment that points the API at the simulators; variables a developer set that would change the set-up are cleared. */
export function apiEnvironment({ port, apiKey, providers, extra = {} }) {
  return {
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
    REDIS_URL: '',
    LOG_LEVEL: '',
    NODE_OPTIONS: '',
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
  const child = startNode(name, entry, { nodeArgs, cwd: workDir, env: apiEnvironment({ port, apiKey, providers, extra: extraEnv }) });
  try {
    await waitForStatus(`${url}/health/${health}`, { timeoutMs: 20_000, intervalMs: 5, isGone: () => !child.alive });
  } catch (error) {
    await child.stop('SIGKILL');
    throw new Error(`${name} did not become ${health}: ${error.message}\n${child.output}`);
  }
  return { child, url, port, readyMs: performance.now() - started };
}
