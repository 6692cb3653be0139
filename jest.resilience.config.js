const preset = require('./jest.preset');

// Faults under load against the services as processes: kill -9, a NATS restart, a store outage, two replicas each.
module.exports = {
  ...preset,
  displayName: 'resilience',
  testMatch: ['<rootDir>/resilience/**/*.resilience-spec.ts'],
  testTimeout: 420_000,
  maxWorkers: 1,
};
