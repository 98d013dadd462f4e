module.exports = { ...require('../../jest.preset.js'), displayName: 'sales-installation', rootDir: __dirname };
