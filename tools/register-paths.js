// Resolves the workspace's @appliance-care/* imports inside the compiled output (dist/), the same
// mapping tsconfig.base.json gives the compiler. Used as `node -r ./tools/register-paths.js dist/...`.
'use strict';
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const base = require('../tsconfig.base.json');

const dist = path.resolve(__dirname, '..', 'dist');
const paths = {};
for (const [alias, [target]] of Object.entries(base.compilerOptions.paths)) {
  paths[alias] = [target.replace(/\.ts$/, '.js')];
}
tsconfigPaths.register({ baseUrl: dist, paths, addMatchAll: false });
