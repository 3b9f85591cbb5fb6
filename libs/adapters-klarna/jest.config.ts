export default {
  displayName: 'adapters-klarna',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/adapters-klarna',
};
