'use strict';
// Stops containers started by global-setup; local processes are stopped by tools/test.js.
module.exports = async function globalTeardown() {
  for (const container of globalThis.__CONTAINERS__ ?? []) await container.stop();
};
