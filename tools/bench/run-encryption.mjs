#!/usr/bin/env node
// `npm run bench:encryption [-- switches]`: only the encryption-at-rest case of `npm run bench`
// (lib/encryption-case.mjs), with the same switches (--duration, --warmup, --connections, --no-build, --entry,
// --no-write). Its figures replace the `encryption` part of docs/bench/results.json, which keeps the last full
// run's other figures, and docs/BENCHMARKS.md is rendered again (saying which run each part comes from).
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuthorizationFeed } from './lib/authorization-feed.mjs';
import { installCleanup, stopAll } from './lib/children.mjs';
import { encryptionCase } from './lib/encryption-case.mjs';
import { closeHttp } from './lib/http.mjs';
import { writeOutputs } from './lib/outputs.mjs';
import { startProviders } from './lib/providers.mjs';
import { readSettings, USAGE } from './lib/settings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const settings = readSettings(process.argv.slice(2));
if (settings.help) {
  process.stdout.write(`${USAGE}\n(npm run bench:encryption runs only the encryption-at-rest case)\n`);
  process.exit(0);
}
const entry = settings.entry ? resolve(settings.entry) : join(root, 'dist', 'apps', 'api', 'main.js');
const log = (line) => process.stdout.write(`${line}\n`);
installCleanup();

try {
  if (settings.build) {
    const built = spawnSync('npx', ['nx', 'build', 'api', '--output-style=static'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (built.status !== 0) throw new Error('the build failed; see above');
  }
  const started = performance.now();
  const loadAverageAtStart = loadavg().map((l) => Number(l.toFixed(2)));
  const { simulators, providers } = await startProviders(root);
  const feed = new AuthorizationFeed(simulators);
  await feed.prime();
  const problems = [];
  const apiKey = `bench_${randomBytes(24).toString('base64url')}`;
  const encryption = await encryptionCase({
    entry,
    apiKey,
    providers,
    stats: () => simulators.call('stats'),
    feed,
    settings,
    log,
    problems,
  });
  if (feed.starved > 0) problems.push(`the authorization feed ran dry ${feed.starved} times`);
  await stopAll();
  await closeHttp();
  Object.assign(encryption, {
    generatedAt: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    command: ['npm run bench:encryption', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    settings: { connections: settings.connections, warmupS: settings.warmupS, durationS: settings.durationS },
    loadAverage: { start: loadAverageAtStart, end: loadavg().map((l) => Number(l.toFixed(2))) },
    problems,
  });
  const resultsFile = join(root, 'docs', 'bench', 'results.json');
  if (settings.writeDocs && existsSync(resultsFile)) {
    writeOutputs(root, { ...JSON.parse(readFileSync(resultsFile, 'utf8')), encryption });
    log('wrote the encryption case into docs/bench/results.json and docs/BENCHMARKS.md');
  }
  if (problems.length > 0) {
    process.stderr.write(`\nINVALID RUN:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`\nbench failed: ${error.stack ?? error.message}\n`);
  await stopAll();
  await closeHttp();
  process.exit(1);
}
