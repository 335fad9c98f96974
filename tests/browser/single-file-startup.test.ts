import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import type { DemoSpec } from '../../src/widgets/contract.ts';
import { DEMO_FOLDERS } from '../demo-folders.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { singleFileTarget, type Target } from './targets.ts';

/**
 * Records every JavaScript Blob the page turns into a URL (how the single file's lazy chunks
 * become modules) and the name of every inert chunk the loader looks up for it.
 */
const RECORD_JS_BLOBS = `(() => {
  window.__jsBlobs = [];
  window.__chunkLookups = [];
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj) => {
    if (obj instanceof Blob && obj.type.startsWith('text/javascript')) window.__jsBlobs.push({ at: performance.now(), size: obj.size });
    return create(obj);
  };
  const find = Document.prototype.querySelector;
  Document.prototype.querySelector = function (selector) {
    const m = /data-deck-chunk="([^"]+)"/.exec(selector);
    if (m) window.__chunkLookups.push(m[1]);
    return find.call(this, selector);
  };
})();`;

interface JsBlob {
  at: number;
  size: number;
}

/** The demos whose spec asks for TensorFlow.js. */
async function demosUsingTfjs(): Promise<string[]> {
  const specs = await Promise.all(DEMO_FOLDERS.map(async (name) => ((await import(`../../demos/${name}/schema.ts`)) as { default: DemoSpec }).default));
  return specs.filter((s) => s.tfjs).map((s) => s.name);
}

/** The inert chunks holding TensorFlow.js's core (its flags parser reads the `tfjsflags` URL parameter). */
const TFJS_CHUNKS = () => [...document.querySelectorAll<HTMLScriptElement>('script[data-deck-chunk]')].filter((s) => s.textContent?.includes('tfjsflags')).map((s) => s.dataset.deckChunk);

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

  it('parses no TensorFlow.js before the first slide, and loads it when a demo that uses it comes near', async () => {
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
      looked: [...(window as unknown as { __chunkLookups: string[] }).__chunkLookups],
    }));
    const tfjs = await page.evaluate(TFJS_CHUNKS);
    expect(atStart.inert.length).toBeGreaterThan(5);
    expect(new Set(atStart.inert)).toEqual(new Set(['text/plain']));
    expect(atStart.blobs.filter((b) => b.at < atStart.fcp)).toEqual([]);
    // A second after the first paint the later slides' content has been loaded, TensorFlow.js has not.
    expect(tfjs.length).toBeGreaterThan(0);
    expect(atStart.looked.filter((name) => tfjs.includes(name))).toEqual([]);

    const tfjsDemos = await demosUsingTfjs();
    const demoSlide = await page.evaluate(
      (names) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => names.some((n) => el.querySelector(`.demo-host[data-demo="${n}"]`))),
      tfjsDemos,
    );
    expect(demoSlide).toBeGreaterThan(0);
    await page.evaluate((n) => (location.hash = `#${n + 1}`), demoSlide);
    await waitForIndex(page, demoSlide);
    await page.waitForSelector('.remark-slides-area .remark-visible .demo-root[data-demo-status="running"]', { timeout: 60_000 });
    const later = await page.evaluate(() => (window as unknown as { __jsBlobs: JsBlob[] }).__jsBlobs);
    expect(later.length).toBeGreaterThan(atStart.blobs.length);
    const lookedLater = await page.evaluate(() => (window as unknown as { __chunkLookups: string[] }).__chunkLookups);
    expect(lookedLater.filter((name) => tfjs.includes(name)).length).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await context.close();
  });
});
