export default {
  displayName: 'docs-examples',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 60_000,
};
