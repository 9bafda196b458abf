// ESLint flat config (CommonJS). Lints every TypeScript file with type
// information from the root tsconfig.json, enforces the Nx project boundaries
// declared by the `type:*` / `scope:*` tags in each project.json, and keeps
// workflow code (and the libs it imports) free of Node built-ins.
const { builtinModules } = require('node:module');
const js = require('@eslint/js');
const { defineConfig } = require('eslint/config');
const tseslint = require('typescript-eslint');
const nx = require('@nx/eslint-plugin');
const { createProjectGraphAsync } = require('@nx/devkit');

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts'];

// ---------------------------------------------------------------------------
// Module boundaries (tags live in each project.json)
//   type:  app | workflows | activities | contracts | domain | formats |
//          persistence | config | demo | anonymisation | connectors | publishers |
//          catalogue
//   scope: gateway | worker | cli | shared | demo
// ---------------------------------------------------------------------------
const NO_NEST = ['@nestjs/*'];
const OTHER_LIBS = ['type:formats', 'type:persistence', 'type:ingestion', 'type:config', 'type:demo', 'type:anonymisation', 'type:connectors', 'type:publishers', 'type:catalogue'];

function depConstraints({ tests }) {
  return [
    // What each kind of project may depend on.
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
    {
      sourceTag: 'type:workflows',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
      // Workflow code runs in the deterministic sandbox: only the workflow API.
      // (Workflow tests may also drive the Temporal test tooling.)
      allowedExternalImports: tests ? ['@temporalio/*'] : ['@temporalio/workflow', '@temporalio/common'],
      bannedExternalImports: NO_NEST,
    },
    {
      sourceTag: 'type:activities',
      notDependOnLibsWithTags: ['type:app', 'type:workflows'],
      bannedExternalImports: NO_NEST,
    },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'], bannedExternalImports: NO_NEST },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: NO_NEST },
    ...OTHER_LIBS.map((sourceTag) => ({
      sourceTag,
      notDependOnLibsWithTags: ['type:app', 'type:workflows', 'type:activities'],
      bannedExternalImports: NO_NEST,
    })),
    // Where code runs: shared libs stay shared, the gateway sees workflows only
    // as types for starting them, and nothing shipped depends on demo data.
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:worker', 'scope:shared'] },
    { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'type:workflows'] },
    { sourceTag: 'scope:demo', onlyDependOnLibsWithTags: ['scope:demo', 'scope:shared'] },
    { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:shared'] },
  ];
}

const boundaries = ({ tests }) => [
  'error',
  {
    // Tests may exercise a lib through its own public entry point.
    allowCircularSelfDependency: tests,
    depConstraints: depConstraints({ tests }),
  },
];

// ---------------------------------------------------------------------------
// Determinism guard: Node built-ins (and server-side packages) are banned from
// workflow code and from the libs bundled into it (contracts, domain).
// ---------------------------------------------------------------------------
const NODE_BUILTINS = [
  ...new Set([
    ...builtinModules.filter((m) => !m.startsWith('_')),
    // Explicit, in case a Node version drops one from builtinModules.
    ...['fs', 'path', 'crypto', 'child_process', 'http', 'https', 'net', 'os', 'process', 'timers', 'worker_threads'],
    ...['zlib', 'stream', 'util', 'events', 'buffer', 'url', 'dns', 'tls', 'cluster', 'vm', 'module', 'readline'],
  ]),
].sort();
const BUILTIN_MESSAGE = 'Node built-ins break workflow determinism (and the workflow bundler); do the IO in an activity.';
const builtinPaths = NODE_BUILTINS.map((name) => ({ name, message: BUILTIN_MESSAGE }));
const builtinPatterns = [{ group: ['node:*'], message: BUILTIN_MESSAGE }];

const WORKFLOW_MESSAGE =
  'Workflow code may import only @temporalio/workflow, @openactes/contracts and @openactes/domain; call side effects through proxyActivities<...>() with the interface from contracts.';
const workflowBannedPackages = [
  'typeorm',
  'pg',
  '@temporalio/worker',
  '@temporalio/client',
  '@temporalio/activity',
  '@temporalio/testing',
  '@openactes/activities',
  '@openactes/persistence',
  '@openactes/formats',
];

// ---------------------------------------------------------------------------

module.exports = (async () => {
  // The Nx rule reads the cached project graph and skips itself (with only a
  // warning) when there is none, e.g. a fresh clone in CI: build / refresh it.
  await createProjectGraphAsync({ exitOnError: true });

  return defineConfig(
    {
      ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/.tools/**', '**/coverage/**', '**/.nx/**', '**/*.{js,cjs,mjs}'],
    },
    {
      files: ['**/*.ts'],
      // The console is browser code with its own tsconfig (DOM, JSX): linted below.
      ignores: ['apps/console/**'],
      extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
      plugins: { '@nx': nx },
      languageOptions: {
        // One program for the whole repo (the root tsconfig includes every source
        // folder): about twice as fast as a program per project.
        parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname },
      },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
        ],
        // `(await em.query(...)) as Row[]` is how TypeORM's `query<T = any>` gets
        // its T (inferred from the assertion), so the rule misreads it as a no-op.
        '@typescript-eslint/no-unnecessary-type-assertion': 'off',
        // iconv's `encodingExists(x): x is Encoding` narrows the rejected name to never.
        '@typescript-eslint/restrict-template-expressions': ['error', { allowNever: true }],
        '@nx/enforce-module-boundaries': boundaries({ tests: false }),
      },
    },
    {
      files: ['apps/console/**/*.{ts,tsx,mts}'],
      extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
      plugins: { '@nx': nx },
      languageOptions: { parserOptions: { project: './apps/console/tsconfig.json', tsconfigRootDir: __dirname } },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
        // Browser code: nothing from the server side of the monorepo.
        '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['@openactes/*', '@nestjs/*', '@temporalio/*'], message: 'The console talks to the gateway over HTTP only.' }] }],
      },
    },
    {
      // Tests handle parsed JSON fixtures and Jest matchers (`expect.any()`), typed any.
      files: [...TEST_FILES, 'test/**/*.ts'],
      rules: {
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
      },
    },
    {
      files: TEST_FILES,
      rules: {
        '@nx/enforce-module-boundaries': boundaries({ tests: true }),
      },
    },
    {
      // Libs that workflow code imports: no Node built-ins outside their tests.
      files: ['libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
      ignores: TEST_FILES,
      rules: {
        '@typescript-eslint/no-restricted-imports': ['error', { paths: builtinPaths, patterns: builtinPatterns }],
      },
    },
    {
      // Workflow code: deterministic, sandboxed, bundled by webpack.
      files: ['workflows/**/*.ts'],
      ignores: TEST_FILES,
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            paths: [
              ...builtinPaths,
              ...workflowBannedPackages.map((name) => ({ name, message: WORKFLOW_MESSAGE })),
              {
                name: '@temporalio/common',
                allowTypeImports: true,
                message: 'Import values from @temporalio/workflow, which re-exports them; @temporalio/common is for types here.',
              },
            ],
            patterns: [
              ...builtinPatterns,
              {
                group: ['@nestjs/*', ...workflowBannedPackages.map((name) => `${name}/*`), '@openactes/*/*'],
                message: WORKFLOW_MESSAGE,
              },
            ],
          },
        ],
      },
    },
  );
})();
