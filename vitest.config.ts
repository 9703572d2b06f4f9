import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests (test/e2e) need the built UI; this builds it once when it is missing or stale.
    globalSetup: ['test/e2e/buildUi.globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file starts its own server on its own SQLite file; two at a time fits a 2-core machine.
    maxWorkers: 2,
  },
});
