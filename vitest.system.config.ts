import { defineConfig } from 'vitest/config';

/** System tests run the real app as a child process (crash safety); once per suite run. */
export default defineConfig({
  test: {
    include: ['tests/system/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});
