const preset = require('./jest.preset');

// The services as separate processes, driven over HTTP and NATS only.
module.exports = {
  ...preset,
  displayName: 'e2e',
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
};
