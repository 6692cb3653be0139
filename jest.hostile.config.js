const integration = require('./jest.integration.config');

// org-registry's authorization matrix and API fuzz publish thousands of org events, and each service's matrix on real
// records seeds its own: they run after the integration suites, whose consumers would otherwise wade through them.
module.exports = { ...integration, displayName: 'hostile input', testMatch: ['<rootDir>/{apps,libs}/**/*.hostile-spec.ts'] };
