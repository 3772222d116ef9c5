import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // App tests start real Probot servers and child processes; the machines are shared and slow.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
