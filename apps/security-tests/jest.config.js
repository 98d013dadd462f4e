module.exports = { ...require('../../jest.preset.js'), displayName: 'security-tests', rootDir: __dirname };
