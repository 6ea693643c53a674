// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import kz from './eslint/no-raw-writes.mjs';

/**
 * Lint for every TypeScript file, and the import boundaries of
 * ARCHITECTURE.md «Where things go», so that nobody has to remember them:
 *   main/core  — never electron, react or MUI (it runs in Node, tests and the CLI);
 *   renderer/  — the core only as `import type` (it must never bundle core code);
 *   preload/   — electron only (a sandboxed preload can require nothing else).
 */
const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];

const CORE_MESSAGE = 'main/core runs without a window: no electron, React or MUI here (ARCHITECTURE.md «Where things go»).';
const RENDERER_CORE_MESSAGE = 'The renderer takes only types from main/core (`import type`); values come through window.api.';
const RENDERER_HOST_MESSAGE = 'The renderer is untrusted page code: no electron or Node modules; ask the core through window.api.';

export default tseslint.config(
  {
    // `.tmp-*`: developers' scratch files at the root, never committed.
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dist/**', 'release/**', 'coverage/**', '.tmp/**', '.tmp-*', '.ci-reports/**'],
  },
  {
    files: TS_FILES,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Test doubles (a fake Electron, fake ports) stand in for loosely typed APIs.
    files: ['test/**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['main/core/**/*.{ts,mts,cts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message: CORE_MESSAGE })),
          patterns: [
            { group: ['electron/*', 'react/*', 'react-dom/*', '@mui/*', '@emotion/*'], message: CORE_MESSAGE },
            { group: ['**/main/app/**', '../app/**', '**/renderer/**', '**/preload/**'], message: CORE_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    // One write path (issue 14): the write engine, the migrations, the database's own set-up, the
    // demo generator's new file and the backups' copies write directly; nothing else does.
    files: ['main/**/*.ts'],
    ignores: ['main/core/write/**', 'main/core/db/migrations/**', 'main/core/db/data-source.ts', 'main/core/db/readable.ts', 'main/core/demo/bulk.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { kz },
    rules: { 'kz/no-raw-writes': 'error' },
  },
  {
    // Domains sit below the registry and the hosts: they import the contract (api/), never the registry.
    files: ['main/core/**/*.ts'],
    ignores: ['main/core/registry/**', 'main/core/host/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/registry/*', '**/host/runtime', '**/host/open-host'],
              allowTypeImports: true,
              message: 'Domains import the contract (api/contract.ts); the registry and the runtime sit above them and import them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: RENDERER_HOST_MESSAGE }],
          patterns: [
            { group: ['**/main/core/**', '**/main/core'], allowTypeImports: true, message: RENDERER_CORE_MESSAGE },
            { group: ['**/main/app/**', '**/main/web-host*', '**/main/cli*', '**/preload/**'], message: RENDERER_HOST_MESSAGE },
            { group: ['node:*', 'electron/*'], allowTypeImports: true, message: RENDERER_HOST_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.{ts,mts,cts}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$).*',
              allowTypeImports: true,
              message: 'The sandboxed preload may import only electron (types from elsewhere are fine: they are erased).',
            },
          ],
        },
      ],
    },
  },
);
