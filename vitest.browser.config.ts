import { defineConfig } from 'vitest/config';

// Browser tests drive a system Chromium against the built deck (dist/ and dist-single/).
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
