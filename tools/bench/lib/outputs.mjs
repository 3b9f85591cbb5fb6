// Writing a run's results: docs/bench/results.json, docs/bench/chart.svg and docs/BENCHMARKS.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChart } from './chart.mjs';
import { renderMarkdown } from './report.mjs';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes the three outputs under `root`/docs. Profiles stay where they were written (large, machine-specific). */
export function writeOutputs(root, results) {
  const out = join(root, 'docs', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine;
  const subtitle = `${m.cpus} × ${m.cpuModel}, Node ${m.node}, ${results.settings.connections} connections, ${results.settings.durationS} s measured per server and path`;
  writeFileSync(join(out, 'chart.svg'), renderChart(results.paths, { subtitle }));
  const template = readFileSync(join(benchDir, 'BENCHMARKS.template.md'), 'utf8');
  const findings = readFileSync(join(benchDir, 'FINDINGS.md'), 'utf8');
  writeFileSync(join(root, 'docs', 'BENCHMARKS.md'), renderMarkdown(results, template, findings));
}
