// Writes Jest's aggregated JSON results (the same object `jest --json` prints) to
// tmp/jest-results/<project>.json, so CI counts tests from Jest's own numbers.
const fs = require('node:fs');
const path = require('node:path');

function projectName(rootDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(rootDir, 'project.json'), 'utf8')).name;
  } catch {
    return undefined;
  }
}

class JsonResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const workspaceRoot = path.resolve(__dirname, '../..');
    const project = projectName(this.rootDir) ?? path.basename(this.rootDir);
    const dir = path.join(workspaceRoot, 'tmp/jest-results');
    fs.mkdirSync(dir, { recursive: true });
    const { numPassedTests, numFailedTests, numPendingTests, numTotalTests, numRuntimeErrorTestSuites, success } = results;
    fs.writeFileSync(
      path.join(dir, `${project}.json`),
      JSON.stringify(
        { project, success, numPassedTests, numFailedTests, numPendingTests, numTotalTests, numRuntimeErrorTestSuites },
        null,
        2,
      ),
    );
  }
}

module.exports = JsonResultsReporter;
