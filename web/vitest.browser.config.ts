import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against a running Markaz
// (MARKAZ_URL). One file at a time: they share the server's agents and calls.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './tests/summary_reporter.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
