#!/usr/bin/env node
// `node tools/bench/render.mjs`: writes docs/BENCHMARKS.md and docs/bench/chart.svg again from
// docs/bench/results.json, e.g. after editing tools/bench/FINDINGS.md or the template. Measures nothing.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOutputs } from './lib/outputs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
writeOutputs(root, JSON.parse(readFileSync(join(root, 'docs', 'bench', 'results.json'), 'utf8')));
process.stdout.write('wrote docs/BENCHMARKS.md and docs/bench/chart.svg from docs/bench/results.json\n');
