// All tests of the workspace: every project's jest.config.js (libs/*, apps/*, tools), against the real broker and store.
const fs = require('node:fs');
const path = require('node:path');

const projects = ['libs', 'apps']
  .flatMap((dir) =>
    fs.existsSync(path.join(__dirname, dir))
      ? fs
          .readdirSync(path.join(__dirname, dir))
          .map((name) => path.join(__dirname, dir, name, 'jest.config.js'))
          .filter((file) => fs.existsSync(file))
      : [],
  )
  .concat(path.join(__dirname, 'tools', 'jest.config.js'));

module.exports = {
  projects,
  globalSetup: '<rootDir>/tools/jest/global-setup.js',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.js',
  testTimeout: 120000,
};
