import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url', 'zlib'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'drizzle/**',
      'resources/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3'],
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*'],
              message: 'The renderer talks to the core only through the contract.',
            },
            { group: nodeOnly, message: 'No Node APIs in the renderer.' },
            { regex: '^(\\.\\./)+(core|src/core)(/|$)', message: 'The renderer may not import src/core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3'],
          patterns: [
            { group: nodeOnly, message: 'src/shared is isomorphic: no Node APIs.' },
            { group: ['**/core/**', '**/renderer/**'], message: 'src/shared depends on nothing of ours.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [
            { group: ['**/renderer/**', '**/electron/**'], message: 'The core never depends on Electron or the UI.' },
          ],
        },
      ],
    },
  },
);
