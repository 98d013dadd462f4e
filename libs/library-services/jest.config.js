module.exports = { ...require('../../jest.preset.js'), displayName: 'library-services-lib', rootDir: __dirname };
