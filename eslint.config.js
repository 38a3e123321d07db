import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'ui/dist/',
      'node_modules/',
      'coverage/',
      '.nem-data/',
      'bench/out/',
      'ui/src/api/schema.d.ts',
      'docs/examples/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.cjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Register reads and quantities must never become JavaScript numbers.
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Readings are exact decimals: use Decimal.' }],
      'no-restricted-properties': ['error', { object: 'Number', property: 'parseFloat', message: 'Use Decimal.' }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.fixtures.ts', '**/*.contract.ts', 'test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
  {
    // Route plugins are async by Fastify's contract, whether or not they await while registering.
    files: ['src/api/routes/*.routes.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly' } },
  },
);
