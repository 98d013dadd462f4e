module.exports = { ...require('../../jest.preset.js'), displayName: 'portal-lib', rootDir: __dirname };
