module.exports = { ...require('../../jest.preset.js'), displayName: 'notification-rules', rootDir: __dirname };
