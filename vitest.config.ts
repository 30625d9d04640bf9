import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    globals: true,
    // Training tests run real optimisation on the cpu backend: give them room, but no test times itself.
    testTimeout: 120_000,
    pool: 'forks',
  },
});
