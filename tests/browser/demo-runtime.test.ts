import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { serveDirectory, type StaticServer } from '../../scripts/lib/static-server.ts';
import { buildFixtureDeck } from './build-fixture.ts';
import { containerHasClass, openDeck, SHOWN_PREVIEW, visibleIndex, waitForIndex } from './deck-page.ts';
import { canvasPixels, DEMO_ID, demoState, goto, liveRoot, tfMemory, waitRunning, waitUnmounted, trainOnce } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { splitHash } from '../../src/widgets/url-state.ts';

/** The live-demo runtime on a fixture deck: slide 3 and its `--` step 4 hold the unroll demo. */
describe.each([
  ['served build', 'production'],
  ['single-file build from file://', 'single'],
] as const)('demo runtime, %s', (_label, mode) => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: StaticServer | undefined;
  let url: string;
  let watch: PageWatch;

  beforeAll(async () => {
    const out = await buildFixtureDeck('tests/fixtures/demos', mode);
    if (mode === 'production') {
      server = await serveDirectory(out);
      url = `${server.url}index.html`;
    } else {
      url = pathToFileURL(join(out, 'index.html')).href;
    }
    browser = await launchChrome();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    watch = new PageWatch(page, server?.url ?? url);
    await openDeck(page, `${url}#1`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('mounts on its slide with the testing attributes, and keeps one instance across -- steps', async () => {
    await goto(page, url, 3);
    await waitRunning(page);
    const root = liveRoot(page);
    expect(await root.getAttribute('data-demo')).toBe('unroll');
    expect(await root.getAttribute('data-demo-step')).toBe('0');
    await trainOnce(page);
    await expect.poll(() => root.getAttribute('data-demo-step')).toBe('25');
    const trained = (await demoState(page)) as { trainSteps: number };
    expect(trained.trainSteps).toBe(25);
    await goto(page, url, 4);
    await waitRunning(page);
    expect(await page.locator('.remark-slides-area .demo-root').count()).toBe(1);
    expect(((await demoState(page)) as { trainSteps: number }).trainSteps).toBe(25);
    expect(await liveRoot(page).getAttribute('data-demo-step')).toBe('25');
  });

  it('pauses when its slide is hidden and unmounts when the lecture moves on, leaving a snapshot', async () => {
    await goto(page, url, 3);
    await waitRunning(page);
    await goto(page, url, 5);
    const root = page.locator('.remark-slides-area .demo-root');
    expect(await root.getAttribute('data-demo-status')).toBe('paused');
    await goto(page, url, 6);
    await waitUnmounted(page);
    expect(await page.locator(`.remark-slides-area .demo-host[data-demo-id="${DEMO_ID}"] img.demo-snapshot`).count()).toBe(2);
    await goto(page, url, 3);
    await waitRunning(page);
    expect(((await demoState(page)) as { trainSteps: number }).trainSteps).toBe(25);
  });

  it('keeps keys typed into its controls away from the slides', async () => {
    const range = liveRoot(page).locator('input[type=range]');
    await range.focus();
    const before = await range.inputValue();
    await page.keyboard.press('ArrowLeft');
    expect(await visibleIndex(page)).toBe(2);
    expect(await range.inputValue()).toBe(String(Number(before) - 1));
    await page.keyboard.press('ArrowRight');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
  });

  it('shows a snapshot of the demo in the presenter preview', async () => {
    await goto(page, url, 2);
    await page.keyboard.press('p');
    await page.waitForSelector('.remark-presenter-mode');
    const img = page.locator(`${SHOWN_PREVIEW} .demo-host img.demo-snapshot`);
    await expect.poll(() => img.count()).toBe(1);
    expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    // The preview copies the slide without the live demo's elements, and is seen.
    expect(await page.locator('.remark-preview-area .demo-root').count()).toBe(0);
    expect(await page.locator(SHOWN_PREVIEW).evaluate((el) => el.checkVisibility({ visibilityProperty: true }))).toBe(true);
    // The slide after next is copied ahead, laid out and unseen, for the next key press.
    await expect.poll(() => page.locator('.remark-preview-area > .deck-preview-ahead').count()).toBe(1);
    expect(await page.locator('.remark-preview-area > .deck-preview-ahead').evaluate((el) => el.checkVisibility({ visibilityProperty: true }))).toBe(false);
    await page.keyboard.press('p');
  });

  it('shows an error box naming the file and line for bad parameters and unknown demos', async () => {
    await goto(page, url, 7);
    const boxes = page.locator('.remark-slides-area .remark-visible .deck-error');
    expect(await boxes.count()).toBe(2);
    const text = (await boxes.allInnerTexts()).join('\n');
    expect(text).toMatch(/demos\.md:\d+.*"hidden" must be between 2 and 8, got 99/s);
    expect(text).toMatch(/unknown parameter "colour"/);
    expect(text).toMatch(/demos\.md:\d+.*unknown demo "nope"/s);
  });

  it('restores the demo state from a bookmarked URL', async () => {
    await goto(page, url, 3);
    await waitRunning(page);
    await trainOnce(page);
    // The URL is written a moment after each change, and earlier tests left a trained state
    // on this slide: wait for the hash that carries the state after this click, not an older one.
    const bookmarked = async () => splitHash(await page.evaluate(() => location.hash)).states?.[DEMO_ID] ?? null;
    await expect.poll(async () => JSON.stringify(await bookmarked()), { timeout: 10_000 }).toBe(JSON.stringify(await demoState(page)));
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#3~/);
    const other = await context.newPage();
    await openDeck(other, `${url}${hash}`);
    await waitRunning(other);
    expect(await demoState(other)).toEqual(await demoState(page));
    expect(await canvasPixels(other)).toBe(await canvasPixels(page));
    await other.close();
  });

  it('follows a hash typed while the deck is open even when it carries demo states', async () => {
    await goto(page, url, 1);
    await page.evaluate(() => (location.hash = '#6~e30'));
    await waitForIndex(page, 5);
    await page.evaluate(() => (location.hash = '#2'));
    await waitForIndex(page, 1);
  });

  it('drives the cloned view: after a slider change and training, the clone shows the same state and picture', async () => {
    await goto(page, url, 3);
    await waitRunning(page);
    await page.keyboard.press('p');
    const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
    const cloneWatch = new PageWatch(clone, server?.url ?? url);
    await clone.waitForSelector('.remark-slides-area .remark-visible');
    await waitForIndex(clone, 2);
    await waitRunning(clone);
    expect(await liveRoot(clone).getAttribute('data-demo-role')).toBe('follower');
    const root = liveRoot(page);
    const before = ((await demoState(page)) as { trainSteps: number }).trainSteps;
    await trainOnce(page);
    await root.locator('button', { hasText: 'step ▶' }).click();
    const range = root.locator('input[type=range]');
    await range.focus();
    await page.keyboard.press('ArrowLeft');
    const driven = JSON.stringify(await demoState(page));
    expect(driven).toContain('"length":3');
    await expect.poll(async () => JSON.stringify(await demoState(clone)), { timeout: 10_000 }).toBe(driven);
    expect(await liveRoot(clone).getAttribute('data-demo-step')).toBe(await root.getAttribute('data-demo-step'));
    expect(((await demoState(clone)) as { trainSteps: number }).trainSteps).toBe(before + 25);
    await expect.poll(async () => (await canvasPixels(clone)) === (await canvasPixels(page)), { timeout: 20_000 }).toBe(true);
    expect(await liveRoot(clone).locator('button').first().isDisabled()).toBe(true);
    expect(cloneWatch.errors).toEqual([]);
    await clone.close();
    // Focus is still in the slider, which keeps keys from the slides.
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await expect.poll(() => containerHasClass(page, 'remark-presenter-mode')).toBe(false);
  });

  it('frees every tensor over 20 show/hide cycles', async () => {
    await goto(page, url, 6);
    const baseline = await tfMemory(page);
    expect(baseline).not.toBeNull();
    for (let i = 0; i < 20; i++) {
      await goto(page, url, 3);
      await waitRunning(page);
      await liveRoot(page).locator('button', { hasText: 'step ▶' }).click();
      await goto(page, url, 6);
      await waitUnmounted(page);
    }
    expect(await page.locator('.remark-slides-area .demo-root').count()).toBe(0);
    expect(await tfMemory(page)).toBe(baseline);
  });

  it('prints the picture of the current state in every copy of the demo, without its controls', async () => {
    await goto(page, url, 3);
    await waitRunning(page);
    const stepSnapshot = page.locator('.remark-slides-area .remark-slide-container').nth(3).locator('.demo-host img.demo-snapshot');
    const before = await stepSnapshot.getAttribute('src');
    await trainOnce(page);
    // A person printing makes Chromium fire beforeprint; emulating print media does not.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const after = await stepSnapshot.getAttribute('src');
    expect(after).toMatch(/^data:image\/png;base64,/);
    expect(after).not.toBe(before);
    await page.emulateMedia({ media: 'print' });
    expect(await liveRoot(page).locator('.demo-controls').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await liveRoot(page).locator('.demo-controls').isVisible()).toBe(true);
  });

  it('prints the demo as its snapshot', async () => {
    await goto(page, url, 3);
    await waitRunning(page);
    await goto(page, url, 1);
    await waitUnmounted(page);
    await page.emulateMedia({ media: 'print' });
    const snapshots = page.locator('.remark-slides-area .demo-host img.demo-snapshot');
    await expect.poll(() => snapshots.count(), { timeout: 10_000 }).toBe(2);
    await page.emulateMedia({ media: 'screen' });
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});

describe('demo runtime backends', () => {
  let server: StaticServer;
  let out: string;

  beforeAll(async () => {
    out = await buildFixtureDeck('tests/fixtures/demos', 'production');
    server = await serveDirectory(out);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('falls back to wasm when WebGL is disabled', async () => {
    const browser = await launchChrome({ args: ['--disable-webgl', '--disable-3d-apis'] });
    try {
      const page = await browser.newPage();
      // The flags leave WebGL on OffscreenCanvas; a browser without WebGL has neither.
      await page.addInitScript(() => {
        for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype] as { getContext: (...a: unknown[]) => unknown }[]) {
          const original = proto.getContext;
          proto.getContext = function (this: unknown, ...args: unknown[]) {
            return typeof args[0] === 'string' && args[0].includes('webgl') ? null : original.apply(this, args);
          };
        }
      });
      const watch = new PageWatch(page, server.url);
      await openDeck(page, `${server.url}index.html?backend=webgl#3`);
      await waitRunning(page);
      expect(await liveRoot(page).locator('.demo-badge').innerText()).toBe('tfjs · wasm');
      expect(watch.foreignRequests).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('gives the same numbers on every backend for the same seed and actions', async () => {
    const browser = await launchChrome();
    try {
      const weights: Record<string, number[]> = {};
      for (const backend of ['cpu', 'wasm', 'webgl']) {
        const page = await browser.newPage();
        await openDeck(page, `${server.url}index.html?backend=${backend}#3`);
        await waitRunning(page);
        expect(await liveRoot(page).locator('.demo-badge').innerText()).toBe(`tfjs · ${backend}`);
        await trainOnce(page);
        await expect.poll(async () => ((await demoState(page)) as { trainSteps: number } | null)?.trainSteps).toBe(25);
        weights[backend] = ((await demoState(page)) as { weights: number[] }).weights;
        await page.close();
      }
      // Seeded float64 initial weights; 25 float32 training steps may differ in the last bits.
      for (const backend of ['wasm', 'webgl']) {
        const diff = Math.max(...weights[backend]!.map((w, i) => Math.abs(w - weights.cpu![i]!)));
        expect(diff).toBeLessThan(1e-3);
      }
    } finally {
      await browser.close();
    }
  });

  it('continues on the next backend from its state when the WebGL context is lost', async () => {
    const browser = await launchChrome();
    try {
      const page = await browser.newPage();
      await openDeck(page, `${server.url}index.html?backend=webgl#3`);
      await waitRunning(page);
      expect(await liveRoot(page).locator('.demo-badge').innerText()).toBe('tfjs · webgl');
      await trainOnce(page);
      await expect.poll(async () => ((await demoState(page)) as { trainSteps: number } | null)?.trainSteps).toBe(25);
      const lost = await page.evaluate(() => (window as unknown as { deckDemos: { loseWebglContext(): Promise<boolean> } }).deckDemos.loseWebglContext());
      expect(lost).toBe(true);
      await expect.poll(() => liveRoot(page).locator('.demo-badge').innerText(), { timeout: 30_000 }).toBe('tfjs · wasm');
      await waitRunning(page);
      expect(((await demoState(page)) as { trainSteps: number }).trainSteps).toBe(25);
    } finally {
      await browser.close();
    }
  });
});
