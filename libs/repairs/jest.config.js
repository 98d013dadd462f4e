module.exports = { ...require('../../jest.preset.js'), displayName: 'repairs-lib', rootDir: __dirname };
