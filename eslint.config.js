// ESLint: typescript-eslint's recommended rules, Astro's, and the one architectural rule the project
// leans on: src/ml and src/math stay pure (no DOM, Astro, Plot or Preact), so the same code runs in
// vitest, in a Worker and in build scripts.
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
