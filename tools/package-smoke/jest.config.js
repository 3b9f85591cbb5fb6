// Jest for the scratch-app test of the packed libraries: `npm run test:packages`. Kept out of `nx run-many -t test`
// (nx.json excludes this folder from @nx/jest/plugin) because it builds, packs and installs from the registry.
const path = require('node:path');

module.exports = {
  displayName: 'package-smoke',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Only the private test helpers come from the workspace; every @paytokens package under test comes from a scratch app.
  moduleNameMapper: { '^@paytokens/testing$': path.join(__dirname, '../../libs/testing/src/index.ts') },
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // The reporter names its results file after project.json's name: tmp/jest-results/package-smoke.json.
  reporters: ['default', path.join(__dirname, '../jest/json-results-reporter.js')],
  testTimeout: 120_000,
  maxWorkers: 1,
};
