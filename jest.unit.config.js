const preset = require('./jest.preset');

module.exports = { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] };
