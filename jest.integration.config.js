const preset = require('./jest.preset');

// Real FerretDB and NATS started once for the run (or MONGO_URL / NATS_URL when given).
module.exports = {
  ...preset,
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  testTimeout: 60_000,
  // Suites are isolated by district and database; two at a time keep both cores busy while one waits on the store.
  maxWorkers: 2,
};
