// ESLint flat config: type-aware rules everywhere, plus the import boundaries from docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noDeepImports = {
  group: ['@ganzhi/*/src/*', '@ganzhi/*/dist/*'],
  message: 'Import a package only through its public entry (its index.ts).',
};

/** Which workspace may import which: packages never import apps; the console never imports server code. */
function boundary(forbidden, message) {
  return {
    'no-restricted-imports': [
      'error',
      { patterns: [noDeepImports, ...forbidden.map((name) => ({ group: [name, `${name}/*`], message }))] },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-types/**',
      'data/**',
      'e2e/screenshots/**',
      '**/*.config.ts',
      '**/*.config.js',
      'scripts/**',
      '.ci/**',
      // Plain JavaScript loaded by Node before TypeScript can be: no tsconfig project includes it.
      'packages/probes/src/worker/source-hooks.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-params': ['warn', 3],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-console': 'error',
      ...boundary([], ''),
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: boundary(
      ['@ganzhi/server', '@ganzhi/agent', '@ganzhi/cli', '@ganzhi/console', '@ganzhi/demo'],
      'Packages are libraries: they never import an app.',
    ),
  },
  {
    files: ['packages/contracts/**/*.ts', 'packages/quality/**/*.ts'],
    rules: boundary(
      ['@ganzhi/probes', '@ganzhi/runtime', '@ganzhi/server', '@ganzhi/agent', '@ganzhi/cli'],
      'contracts and quality are leaves: pure schemas and pure math, no runtime or I/O packages.',
    ),
  },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    rules: boundary(
      ['@ganzhi/server', '@ganzhi/runtime', '@ganzhi/probes', '@ganzhi/agent', '@ganzhi/cli', 'node:*'],
      'The console talks to the server over HTTP only; it shares nothing but @ganzhi/contracts, @ganzhi/quality and @ganzhi/api-client.',
    ),
  },
  {
    // The console loads the client: no Node built-ins, and of the runtime only its browser-safe entry.
    files: ['packages/api-client/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@ganzhi/runtime',
              message: 'Import @ganzhi/runtime/isomorphic: the console loads this client.',
            },
          ],
          patterns: [
            noDeepImports,
            {
              group: [
                'node:*',
                '@ganzhi/server',
                '@ganzhi/agent',
                '@ganzhi/cli',
                '@ganzhi/console',
                '@ganzhi/demo',
              ],
              message: 'The API client runs in the browser too, and packages never import an app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: boundary(
      ['@ganzhi/cli', '@ganzhi/agent', '@ganzhi/console'],
      'The server does not depend on other apps.',
    ),
  },
  {
    // Tests, the CLI output layer, benchmarks and end-to-end scenarios print by design.
    files: ['**/*.test.ts', 'apps/cli/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'apps/demo/src/main.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Test assertions read untyped JSON bodies on purpose.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
