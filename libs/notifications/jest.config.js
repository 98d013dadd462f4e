module.exports = { ...require('../../jest.preset.js'), displayName: 'notifications-lib', rootDir: __dirname };
