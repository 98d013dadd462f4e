module.exports = { ...require('../../jest.preset.js'), displayName: 'dispatch-lib', rootDir: __dirname };
