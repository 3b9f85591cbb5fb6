#!/usr/bin/env node
// `node tools/bench/summarise-profile.mjs <file.cpuprofile> [top] [skipMs]`: where a CPU profile's time went.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProfileSummary, summariseProfile } from './lib/cpu-profile.mjs';

const [file, top = '25', skipMs = '0'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node tools/bench/summarise-profile.mjs <file.cpuprofile> [top] [skipMs]\n');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.stdout.write(`${formatProfileSummary(summariseProfile(resolve(file), { root, top: Number(top), skipMs: Number(skipMs) })).join('\n')}\n`);
