export default {
  displayName: 'provider-kit',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/provider-kit',
};
