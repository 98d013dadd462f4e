module.exports = { ...require('../../jest.preset.js'), displayName: 'parts-lib', rootDir: __dirname };
