// All tests of the workspace: every project's jest.config.js (libs/*, apps/*, tools), against the real broker and store.
const fs = require('node:fs');
const os = require('node:os');
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
  // jest's default (cores − 1) runs the suites one by one on a 2-core machine; they spend most of
  // their time waiting on the broker, the store and their service processes, so two share the cores
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
};
