import { defineConfig } from 'vitest/config';

// Browser journeys against the real server and Debian's Chromium. One server for the
// run; files run one after the other (the machine has two cores).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/support/globalSetup.ts'],
    // A failed test photographs its open pages (test-results/failures) and prints what they show.
    setupFiles: ['test/e2e/support/failures.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Screens may take a while on a busy two-core machine; a poll gives up after 15 s.
    expect: { poll: { timeout: 15_000 } },
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});
