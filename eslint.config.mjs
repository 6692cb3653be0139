import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The shared libs' integration specs compose each other (a test service needs auth, persistence, messaging), so their
// projects import one another both ways; a cycle between two of them is a spec's, not the code's.
const specCycles = [
  ['messaging', 'persistence'],
  ['messaging', 'service-kit'],
  ['messaging', 'testing'],
  ['persistence', 'service-kit'],
  ['persistence', 'testing'],
  ['service-kit', 'testing'],
];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '.infra/**', 'tmp/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An app may use libs, never another app; a lib only libs of its layer or below; testing only from specs.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          ignoredCircularDependencies: specCycles,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:data-access', 'type:testing'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:data-access'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contract'] },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:contract', 'type:data-access', 'type:testing'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:org-registry', onlyDependOnLibsWithTags: ['scope:org-registry', 'scope:shared'] },
            { sourceTag: 'scope:activity-records', onlyDependOnLibsWithTags: ['scope:activity-records', 'scope:shared'] },
            { sourceTag: 'scope:assessment-scoring', onlyDependOnLibsWithTags: ['scope:assessment-scoring', 'scope:shared'] },
            { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: ['scope:notifications', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // A lib's integration specs compose the other shared libs (a test service needs auth, persistence, messaging).
    files: ['libs/**/*.spec.ts', 'libs/**/*.int-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          ignoredCircularDependencies: specCycles,
          depConstraints: [{ sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] }],
        },
      ],
    },
  },
  {
    // Production code of an app must not import the testing library; its specs may.
    files: ['apps/**/*.ts'],
    ignores: ['apps/**/*.spec.ts', 'apps/**/*.int-spec.ts', 'apps/**/test/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@campaign/testing', message: 'the testing library is for specs only' }] }],
    },
  },
  {
    // The console's React code: the rules of hooks.
    files: ['apps/web/src/**/*.tsx', 'apps/web/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
];
