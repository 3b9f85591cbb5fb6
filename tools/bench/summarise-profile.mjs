#!/usr/bin/env node
// `node tools/bench/summarise-profile.mjs <file.cpuprofile> [--top=25] [--skip-ms=0] [--callers=<function>]`:
// where a CPU profile's time went, or (with --callers) the stacks under which one function spent its time.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callersOf, formatProfileSummary, summariseProfile } from './lib/cpu-profile.mjs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
if (!file) {
  process.stderr.write('usage: node tools/bench/summarise-profile.mjs <file.cpuprofile> [--top=25] [--skip-ms=0] [--callers=<function>]\n');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const skipMs = Number(option('skip-ms', '0'));
const callers = option('callers');
if (callers) {
  for (const { stack, ms, share } of callersOf(resolve(file), callers, { root, skipMs, depth: Number(option('depth', '8')) })) {
    process.stdout.write(`${share.toFixed(1)}% (${ms.toFixed(0)} ms)\n    ${stack}\n`);
  }
} else {
  process.stdout.write(`${formatProfileSummary(summariseProfile(resolve(file), { root, top: Number(option('top', '25')), skipMs })).join('\n')}\n`);
}
