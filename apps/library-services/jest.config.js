module.exports = { ...require('../../jest.preset.js'), displayName: 'library-services', rootDir: __dirname };
