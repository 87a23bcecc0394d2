import { defineConfig } from 'vitest/config';

// Unit and API tests: src/**/*.test.ts beside the code, test/api/**/*.test.ts for
// cross-cutting suites. Every file gets its own copy of the seeded database.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/api/**/*.test.ts'],
    exclude: ['src/web/**', 'node_modules/**'],
    globalSetup: ['test/support/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});
