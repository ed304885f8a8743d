import { defineConfig } from 'vitest/config';

// Unit tests of the pure modules: no browser, no server.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './tests/summary_reporter.ts'],
  },
});
