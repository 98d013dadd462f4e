module.exports = { ...require('../../jest.preset.js'), displayName: 'repairs', rootDir: __dirname };
