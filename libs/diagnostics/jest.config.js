module.exports = { ...require('../../jest.preset.js'), displayName: 'diagnostics-lib', rootDir: __dirname };
