// Sums the Jest JSON results every project wrote (tools/jest/json-results-reporter.js) and prints
// "N passed, N failed" as the last line. Exits 1 when a test failed, a suite crashed, or nothing ran.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'tmp/jest-results';
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  // No results at all: reported below as a failure.
}

let passed = 0;
let failed = 0;
let skipped = 0;
let crashedSuites = 0;
for (const file of files.sort()) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests;
  crashedSuites += r.numRuntimeErrorTestSuites;
  console.log(
    `${r.project}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped, ${r.numRuntimeErrorTestSuites} suites crashed`,
  );
}
// A suite that crashed before its tests ran counts as a failure, so it cannot pass unseen.
failed += crashedSuites;
const ok = files.length > 0 && passed > 0 && failed === 0;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
