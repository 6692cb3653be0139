const integration = require('./jest.integration.config');

// org-registry's authorization matrix and API fuzz publish thousands of org events: they run after the integration
// suites, whose consumers would otherwise wade through them while waiting for their own.
module.exports = { ...integration, displayName: 'hostile input', testMatch: ['<rootDir>/{apps,libs}/**/*.hostile-spec.ts'] };
