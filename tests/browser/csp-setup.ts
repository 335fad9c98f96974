import { chromium } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';
import { takeCspViolations, watchCspInBrowser } from './csp-watch.ts';

/**
 * Runs before every browser test file (vitest.browser.config.ts `setupFiles`): every
 * Chromium a test launches has its pages watched for Content-Security-Policy violations,
 * and a test during which one was reported fails, whatever the test itself checks.
 *
 * The launcher is wrapped from the original each time: playwright-core is loaded once per
 * worker process, while this module and its list of violations are new for each test file.
 */
const ORIGINAL_LAUNCH = Symbol.for('rnn-deck-tests:chromium.launch');
const holder = chromium as unknown as Record<symbol, typeof chromium.launch | undefined>;
const launch = (holder[ORIGINAL_LAUNCH] ??= chromium.launch.bind(chromium));
chromium.launch = async (options) => watchCspInBrowser(await launch(options));

function failOnViolations(): void {
  const violations = takeCspViolations();
  if (violations.length > 0) throw new Error(`${violations.length} Content-Security-Policy violation(s):\n${violations.join('\n')}`);
}

afterEach(failOnViolations);
// Reports that arrive while a file's browsers close still fail the file.
afterAll(failOnViolations);
