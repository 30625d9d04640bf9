import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/e2e/browser';

import { DEV_PORT, PORT } from './tests/e2e/ports';

export default defineConfig({
  testDir: 'tests/e2e',
  // Two spec files at a time on the two cores: most of a browser test is waiting on one page's Worker, and
  // the 551 tests took 21.7 min this way against 30.5 min with one worker (both passing, 2026-12-02).
  // Tests inside a file stay in order.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      // The built site, served once for every spec. astro's binary directly: `npx astro preview` leaves its
      // child alive when killed (STACK-NOTES pitfall 5).
      command: `node_modules/.bin/astro preview --host 127.0.0.1 --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // For tests/e2e/dev-server.spec.ts: what a new user runs (`npm run dev`).
      command: `node_modules/.bin/astro dev --host 127.0.0.1 --port ${DEV_PORT}`,
      url: `http://127.0.0.1:${DEV_PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
