// The simulator's pure logic (plan, PRNG, bookkeeping, flags): npx jest -c tools/simulate/jest.config.js
module.exports = { ...require('../../jest.preset.js'), displayName: 'simulator', rootDir: __dirname };
