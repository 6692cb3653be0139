const preset = require('./jest.preset');

// The web console in Debian's chromium (playwright-core), against the platform as npm start runs it (free ports).
module.exports = {
  ...preset,
  displayName: 'browser',
  testMatch: ['<rootDir>/e2e/browser/**/*.browser-spec.ts'],
  testTimeout: 240_000,
  maxWorkers: 1,
};
