// The console's browser tests: the six services and the console server as processes, Chromium driven by playwright-core.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'console',
  rootDir: __dirname,
  testTimeout: 300000,
};
