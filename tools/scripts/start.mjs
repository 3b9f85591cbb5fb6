#!/usr/bin/env node
// `npm start`: builds the API when its sources changed since the last build, then runs it with the
// embedded Klarna and Zenki simulators (SIMULATE_PROVIDERS defaults to true here; the environment or
// a .env file can say otherwise). The app itself prints its URL, the docs URL and the API key.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'dist', 'apps', 'api', 'main.js');
const SKIPPED = new Set(['node_modules', 'dist', 'coverage', '.nx']);

/** The newest modification time of any file under `dir` (build outputs and dependencies left out). */
function newestUnder(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(item.name)) continue;
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function sourcesNewerThanBuild() {
  if (!existsSync(entry)) return true;
  const libs = join(root, 'libs');
  const sources = [join(root, 'apps'), ...readdirSync(libs).map((lib) => join(libs, lib, 'src'))];
  const built = statSync(entry).mtimeMs;
  return sources.some((dir) => newestUnder(dir) > built);
}

if (sourcesNewerThanBuild()) {
  process.stdout.write('Building the API (sources changed since the last build)...\n');
  const build = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    process.stderr.write('The build failed; see above.\n');
    process.exit(build.status ?? 1);
  }
}

// The environment wins over .env, and .env over this script's default.
const dotenvPath = join(process.cwd(), '.env');
const dotenv = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
const env = { ...process.env };
if (env.SIMULATE_PROVIDERS === undefined && dotenv.SIMULATE_PROVIDERS === undefined) env.SIMULATE_PROVIDERS = 'true';

const api = spawn(process.execPath, [entry], { cwd: process.cwd(), env, stdio: 'inherit' });
// Ctrl-C reaches the whole process group: let the API shut down gracefully and exit with it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal !== 'SIGINT') api.kill(signal);
  });
}
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
