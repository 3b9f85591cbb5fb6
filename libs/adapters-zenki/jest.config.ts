export default {
  displayName: 'adapters-zenki',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/adapters-zenki',
};
