#!/usr/bin/env node
// `node tools/bench/summarise-profile.mjs <file.cpuprofile> [--top=25] [--skip-ms=0] [--callers=<function>] [--inclusive=<regex>]`:
// where a CPU profile's time went; with --callers, the stacks under which one function spent its time;
// with --inclusive, functions by time on the stack.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callersOf, formatProfileSummary, inclusiveTimes, summariseProfile } from './lib/cpu-profile.mjs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
if (!file) {
  process.stderr.write(
    'usage: node tools/bench/summarise-profile.mjs <file.cpuprofile> [--top=25] [--skip-ms=0] [--callers=<function>] [--inclusive=<regex>]\n',
  );
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const skipMs = Number(option('skip-ms', '0'));
const callers = option('callers');
const inclusive = option('inclusive');
if (inclusive !== undefined) {
  // --inclusive=<regex> (or --inclusive=. for all): functions by time on the stack.
  for (const f of inclusiveTimes(resolve(file), { root, skipMs, top: Number(option('top', '40')), match: new RegExp(inclusive) })) {
    process.stdout.write(`${f.pctOfBusy.toFixed(1).padStart(5)}%  ${f.function}\n`);
  }
} else if (callers) {
  for (const { stack, ms, share } of callersOf(resolve(file), callers, { root, skipMs, depth: Number(option('depth', '8')) })) {
    process.stdout.write(`${share.toFixed(1)}% (${ms.toFixed(0)} ms)\n    ${stack}\n`);
  }
} else {
  process.stdout.write(
    `${formatProfileSummary(summariseProfile(resolve(file), { root, top: Number(option('top', '25')), skipMs })).join('\n')}\n`,
  );
}
