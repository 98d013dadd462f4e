// The tools project's tests: the simulator's pure logic (plan, PRNG, bookkeeping, flags) and the
// workspace checks (layers, sizes): npx jest -c tools/jest.config.js
module.exports = { ...require('../jest.preset.js'), displayName: 'tools', rootDir: __dirname };
