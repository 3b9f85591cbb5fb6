#!/usr/bin/env node
// `npm start`: builds the API when its sources changed since the last build, then runs it with the
// embedded Klarna and Zenki simulators (SIMULATE_PROVIDERS defaults to true here; the environment or
// a .env file can say otherwise). The app itself prints its URL, the docs URL and the API key.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'dist', 'apps', 'api', 'main.js');
// Build outputs, dependencies and tests do not change what the build produces.
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.nx', 'test']);
const SKIPPED_FILES = /\.(e2e-)?spec\.ts$/;

/** The newest modification time of any build input under `dir`. */
function newestUnder(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) {
      if (!SKIPPED_DIRS.has(item.name)) newest = Math.max(newest, newestUnder(path));
    } else if (!SKIPPED_FILES.test(item.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** True when the API or a library it runs on was never built, or a source changed since the API was. */
function needsBuild() {
  const libs = readdirSync(join(root, 'libs')).map((lib) => join(root, 'libs', lib));
  if (!existsSync(entry) || libs.some((lib) => !existsSync(join(lib, 'dist', 'index.js')))) return true;
  const built = statSync(entry).mtimeMs;
  return [join(root, 'apps'), ...libs.map((lib) => join(lib, 'src'))].some((dir) => newestUnder(dir) > built);
}

let child;
// The child runs in a process group of its own (detached), so Ctrl-C reaches it once, from here: the API
// shuts down gracefully and this script exits with it. A second Ctrl-C stops the API at once.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child) child.kill(signal);
    else process.exit(130);
  });
}

// Orphaned (npm was stopped without its process group): stop the API too rather than leave it running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child?.kill('SIGTERM');
}, 1000).unref();

/** Runs a command to its end; resolves with its exit code. */
function run(command, args, options) {
  return new Promise((resolvePromise) => {
    child = spawn(command, args, { stdio: 'inherit', detached: process.platform !== 'win32', ...options });
    child.on('exit', (code, signal) => {
      child = undefined;
      // Killed by a signal: the shell convention, 128 + its number (130 for Ctrl-C).
      resolvePromise(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

if (needsBuild()) {
  process.stdout.write('Building the API (its sources changed since the last build)...\n');
  const status = await run('npx', ['nx', 'build', 'api', '--output-style=static'], { cwd: root, shell: process.platform === 'win32' });
  if (status !== 0) {
    process.stderr.write('The build failed; see above.\n');
    process.exit(status);
  }
}

// The environment wins over .env, and .env over this script's default.
const dotenvPath = join(process.cwd(), '.env');
const dotenv = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
const env = { ...process.env };
const isSet = (value) => value !== undefined && value.trim() !== '';
if (!isSet(env.SIMULATE_PROVIDERS) && !isSet(dotenv.SIMULATE_PROVIDERS)) env.SIMULATE_PROVIDERS = 'true';

process.exit(await run(process.execPath, [entry], { cwd: process.cwd(), env }));
