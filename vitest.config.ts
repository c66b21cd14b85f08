import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // Tests create real git repositories; give slow CI disks room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
