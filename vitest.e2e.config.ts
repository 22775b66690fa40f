import { defineConfig } from 'vitest/config';

/** Browser journeys: the real server (built web app + embedded PostgreSQL) driven by Debian's Chromium. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One server, one browser, two cores: files run one after another.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
