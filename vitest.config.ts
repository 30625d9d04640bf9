import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    globals: true,
    // Training tests run real optimisation on the cpu backend: give them room, but no test times itself.
    testTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time: each is one single-threaded CPU-bound process, and Vitest's default
    // (one worker fewer than the cores) would leave one of a CI machine's two cores idle.
    maxWorkers: 2,
  },
});
