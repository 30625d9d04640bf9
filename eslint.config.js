// ESLint: typescript-eslint's recommended rules, Astro's, and the layering ARCHITECTURE.md describes,
// as fast per-file feedback: src/ml and src/math stay pure (no DOM, Astro, Plot or Preact), so the same
// code runs in vitest, in a Worker and in build scripts; src/math never imports tfjs; src/lib never
// imports src/ml or src/widgets; page-side widget files import only types from src/ml and never tfjs.
// tests/unit/architecture.test.ts checks the same rules transitively.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

const PURE_FORBIDDEN_IMPORTS = {
  patterns: [
    { group: ['astro', 'astro:*', '*.astro'], message: 'src/ml and src/math must not import Astro.' },
    { group: ['preact', 'preact/*'], message: 'src/ml and src/math must not import Preact.' },
    { group: ['@observablehq/plot', 'd3', 'd3-*'], message: 'src/ml and src/math must not import Plot or d3.' },
    {
      group: ['**/lib/ui/*', '**/widgets/*', '**/components/*'],
      message: 'Imports point down: ml/math never import widgets or UI.',
    },
  ],
};

const NO_TFJS = { group: ['@tensorflow/*'], message: 'tfjs loads only inside Workers (see src/lib/tf-runtime.ts).' };

/** Page-side files of a widget: everything but its worker and the sessions the worker runs. */
const PAGE_SIDE_WIDGET_FILES = [
  'src/widgets/**/*.tsx',
  'src/widgets/**/params.ts',
  'src/widgets/**/charts.ts',
  'src/widgets/**/summary.ts',
  'src/widgets/**/controller.ts',
  'src/widgets/**/widget.ts',
  'src/widgets/**/compute.ts',
  'src/widgets/**/static-figure.ts',
  'src/lib/ui/**',
  'src/components/**',
];

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test-results/', 'playwright-report/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: PAGE_SIDE_WIDGET_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_TFJS,
            {
              group: ['**/ml/*', '**/ml/**'],
              allowTypeImports: true,
              message: 'Page-side code imports only types from src/ml.',
            },
            { group: ['**/lib/tf-runtime'], message: 'The tf runtime is for Workers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/lib/**/*.ts', 'src/lib/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ml/*', '**/widgets/*', '**/widgets/**'],
              message: 'src/lib never imports src/ml or src/widgets.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/math/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_TFJS,
            { group: ['**/ml/*', '**/lib/*', '**/lib/**', '**/widgets/*'], message: 'src/math imports only src/math.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ml/**/*.ts', 'src/math/**/*.ts'],
    languageOptions: {
      globals: { ...globals.worker, window: 'off', document: 'off', navigator: 'off', location: 'off' },
    },
    rules: {
      'no-restricted-imports': ['error', PURE_FORBIDDEN_IMPORTS],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/ml and src/math must run without a DOM.' },
        { name: 'document', message: 'src/ml and src/math must run without a DOM.' },
        { name: 'localStorage', message: 'src/ml and src/math must run without a DOM.' },
        { name: 'location', message: 'src/ml and src/math must run without a DOM.' },
        { name: 'navigator', message: 'src/ml and src/math must run without a DOM.' },
      ],
    },
  },
);
