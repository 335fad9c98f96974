import { defineConfig } from 'vitest/config';

// Browser tests drive a system Chromium against the built deck (dist/ and dist-single/).
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Every page a test opens is watched for Content-Security-Policy violations (tests/browser/csp-watch.ts).
    setupFiles: ['tests/browser/csp-setup.ts'],
    // A page on a busy 2-core machine can take seconds to reach a state; polls wait for it
    // (a poll that never comes true still fails, after 20 s).
    expect: { poll: { timeout: 20_000 } },
  },
});
