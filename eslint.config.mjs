import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries: a service (scope:<service>) may import only its own projects and the shared
 * libraries (scope:shared); another context is reachable only through libs/contracts.
 */
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'scope:sales-installation',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:sales-installation'],
  },
  { sourceTag: 'scope:dispatch', onlyDependOnLibsWithTags: ['scope:shared', 'scope:dispatch'] },
  { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: ['scope:shared', 'scope:notifications'] },
  { sourceTag: 'scope:diagnostics', onlyDependOnLibsWithTags: ['scope:shared', 'scope:diagnostics'] },
  { sourceTag: 'scope:repairs', onlyDependOnLibsWithTags: ['scope:shared', 'scope:repairs'] },
  { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:shared', 'scope:portal'] },
  { sourceTag: 'scope:parts', onlyDependOnLibsWithTags: ['scope:shared', 'scope:parts'] },
  {
    sourceTag: 'scope:library-services',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:library-services'],
  },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
  // black-box test projects: services run as processes, reached over HTTP and Kafka only
  { sourceTag: 'scope:security-tests', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
  // the console's browser app calls the services' REST APIs through its server and imports no project:
  // neither a lib (server code: Nest, mongoose, secrets) nor the console server
  { sourceTag: 'scope:console-ui', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:console-server', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
];

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.cache',
      '**/.data',
      '**/.run',
      '**/.nx',
      'tools/**/*.js',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Benchmarks time one service's internals in this process: they may import any service's lib and
    // start its AppModule (apps/<service>/src/app.module); the rest of tools/ is checked as scope:tools.
    files: ['tools/bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // a regular expression (matchImportWithWildcard): exactly the services' AppModule, nothing else of an app
          allow: ['^\\.\\./\\.\\./apps/[a-z-]+/src/app\\.module$'],
          depConstraints: depConstraints.map((rule) =>
            rule.sourceTag === 'scope:tools' ? { ...rule, onlyDependOnLibsWithTags: ['*'] } : rule,
          ),
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
