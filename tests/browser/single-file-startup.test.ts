import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { singleFileTarget, type Target } from './targets.ts';

/** Records every JavaScript Blob the page turns into a URL: how the single file's lazy chunks become modules. */
const RECORD_JS_BLOBS = `(() => {
  window.__jsBlobs = [];
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj) => {
    if (obj instanceof Blob && obj.type.startsWith('text/javascript')) window.__jsBlobs.push({ at: performance.now(), size: obj.size });
    return create(obj);
  };
})();`;

interface JsBlob {
  at: number;
  size: number;
}

describe('the single-file build from file:// at start-up', () => {
  let target: Target;
  let browser: Browser;

  beforeAll(async () => {
    target = await singleFileTarget();
    browser = await launchChrome();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  it('parses no TensorFlow.js before the first slide, and loads it when a demo comes near', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const watch = new PageWatch(page, target.ownPrefix);
    await page.addInitScript(RECORD_JS_BLOBS);
    await openDeck(page, `${target.url}#1`);
    await page.waitForTimeout(1000);
    const atStart = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity,
      blobs: (window as unknown as { __jsBlobs: JsBlob[] }).__jsBlobs,
      inert: [...document.querySelectorAll('script[data-deck-chunk]')].map((s) => (s as HTMLScriptElement).type),
    }));
    expect(atStart.inert.length).toBeGreaterThan(5);
    expect(new Set(atStart.inert)).toEqual(new Set(['text/plain']));
    expect(atStart.blobs.filter((b) => b.at < atStart.fcp)).toEqual([]);
    // TensorFlow.js is the only chunk near a megabyte; the figures (loaded after the first paint) are a fifth of it.
    expect(atStart.blobs.filter((b) => b.size > 500_000)).toEqual([]);

    const demoSlide = await page.evaluate(() =>
      [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector('.demo-host') !== null),
    );
    expect(demoSlide).toBeGreaterThan(0);
    await page.evaluate((n) => (location.hash = `#${n + 1}`), demoSlide);
    await waitForIndex(page, demoSlide);
    await page.waitForSelector('.remark-slides-area .remark-visible .demo-root[data-demo-status="running"]', { timeout: 60_000 });
    const later = await page.evaluate(() => (window as unknown as { __jsBlobs: JsBlob[] }).__jsBlobs);
    expect(later.length).toBeGreaterThan(atStart.blobs.length);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await context.close();
  });
});
