module.exports = { ...require('../../jest.preset.js'), displayName: 'sales-installation-lib', rootDir: __dirname };
