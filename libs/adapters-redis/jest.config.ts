export default {
  displayName: 'adapters-redis',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/adapters-redis',
};
