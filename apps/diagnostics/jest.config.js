module.exports = { ...require('../../jest.preset.js'), displayName: 'diagnostics', rootDir: __dirname };
