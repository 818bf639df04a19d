import { defineConfig } from 'vitest/config'

// Browser tests against a running server (see e2e/env.ts); kept apart from the jsdom unit tests.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
