const preset = require('./jest.preset');

// Real FerretDB and NATS started once for the run (or MONGO_URL / NATS_URL when given).
module.exports = {
  ...preset,
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  testTimeout: 60_000,
  // One suite at a time: FerretDB 1.x stalls when two suites hammer it at once (see docs/operations.md).
  maxWorkers: 1,
};
