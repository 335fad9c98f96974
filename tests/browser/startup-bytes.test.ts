import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, type Target } from './targets.ts';

/** Issue 11's start-up budget: the JavaScript and CSS the served deck loads before its first slide is painted. */
const BUDGET_GZIP_BYTES = 120 * 1024;

describe('the served build at start-up', () => {
  let target: Target;
  let browser: Browser;

  beforeAll(async () => {
    target = await servedTarget();
    browser = await launchChrome();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  it(`loads at most ${BUDGET_GZIP_BYTES / 1024} KB gzip of JS + CSS before the first slide is painted`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const watch = new PageWatch(page, target.ownPrefix);
    const gzipped = new Map<string, Promise<number>>();
    page.on('response', (r) => {
      if (/\.(js|css)(\?|$)/.test(r.url())) gzipped.set(r.url(), r.body().then((b) => gzipSync(b).length));
    });
    await openDeck(page, `${target.url}#1`);
    const { early, late } = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity;
      const scripts = performance.getEntriesByType('resource').filter((e) => /\.(js|css)(\?|$)/.test(e.name));
      return { early: scripts.filter((e) => e.startTime < fcp).map((e) => e.name), late: scripts.filter((e) => e.startTime >= fcp).map((e) => e.name) };
    });
    const sizes = await Promise.all(early.map(async (url) => [url.replace(/^.*\//, ''), await gzipped.get(url)!] as const));
    const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
    console.info(`before the first paint: ${(total / 1024).toFixed(1)} KB gzip`, Object.fromEntries(sizes.map(([name, b]) => [name, `${(b / 1024).toFixed(1)} KB`])));
    // The entry script and the deck's stylesheet are among them; the later slides' content comes after the paint.
    expect(early.some((u) => u.endsWith('.js')) && early.some((u) => u.endsWith('.css'))).toBe(true);
    expect(late.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
