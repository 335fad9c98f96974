import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { serveDirectory, type StaticServer } from '../../scripts/lib/static-server.ts';
import { buildFixtureDeck } from './build-fixture.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { atRest, DEMO_ID, demoState, goto, liveRoot, waitRunning, trainOnce } from './demo-helpers.ts';

/**
 * What the runtime owns for every demo: errors in any callback stay in the demo's box,
 * the clone re-pairs when either window reloads, and the page says which backend its
 * demos run on. Each test opens its own windows on the fixture deck (slide 3: unroll).
 */
describe('demo kit', () => {
  let browser: Browser;
  let server: StaticServer;
  let url: string;

  beforeAll(async () => {
    server = await serveDirectory(await buildFixtureDeck('tests/fixtures/demos', 'production'));
    url = `${server.url}index.html`;
    browser = await launchChrome();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await openDeck(page, `${url}#3`);
    await waitRunning(page);
    return { context, page };
  }

  it('puts a demo whose frame callback throws in its error box and keeps the deck going', async () => {
    const { context, page } = await fresh();
    try {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // The next drawn frame throws inside the demo's draw (run by the runtime's clock).
      await page.evaluate(() => {
        const original = CanvasRenderingContext2D.prototype.fillRect;
        CanvasRenderingContext2D.prototype.fillRect = function () {
          CanvasRenderingContext2D.prototype.fillRect = original;
          throw new Error('injected draw failure');
        };
      });
      await liveRoot(page).locator('button', { hasText: 'step ▶' }).click();
      await page.waitForSelector('.remark-visible .demo-root[data-demo-status="error"]');
      expect(await liveRoot(page).locator('.demo-error').innerText()).toContain('injected draw failure');
      expect(errors).toEqual([]);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await waitForIndex(page, 4);
    } finally {
      await context.close();
    }
  });

  it('puts a demo whose event listener throws in its error box', async () => {
    const { context, page } = await fresh();
    try {
      // The demo's pointer listener measures the canvas: make that throw once, then move the pointer over it.
      await liveRoot(page).locator('canvas').first().evaluate((canvas) => {
        const original = HTMLCanvasElement.prototype.getBoundingClientRect;
        HTMLCanvasElement.prototype.getBoundingClientRect = function () {
          HTMLCanvasElement.prototype.getBoundingClientRect = original;
          throw new Error('injected listener failure');
        };
        canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: 10, clientY: 10, bubbles: true }));
      });
      await page.waitForSelector('.remark-visible .demo-root[data-demo-status="error"]');
      expect(await liveRoot(page).locator('.demo-error').innerText()).toContain('injected listener failure');
    } finally {
      await context.close();
    }
  });

  it('says in the help overlay and on the badge which backend the page runs its models on, and why', async () => {
    const { context, page } = await fresh();
    try {
      const badge = liveRoot(page).locator('.demo-badge');
      // This machine's WebGL is a software renderer: the page runs on WebAssembly instead.
      expect(await badge.innerText()).toBe('tfjs · wasm');
      expect(await badge.getAttribute('title')).toMatch(/software-rendered/);
      await page.keyboard.press('h');
      expect(await page.locator('.remark-help .deck-backend-badge').innerText()).toMatch(/^TensorFlow\.js backend: wasm \(.*software-rendered/);
      await page.keyboard.press('Escape');
    } finally {
      await context.close();
    }
  });

  it('re-pairs the clone when the presenter window reloads, and shows it waits meanwhile', async () => {
    const { context, page } = await fresh();
    try {
      const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
      await clone.waitForSelector('.remark-slides-area .remark-visible');
      await waitForIndex(clone, 2);
      await waitRunning(clone);
      await page.reload();
      await page.waitForSelector('.remark-slides-area .remark-visible');
      await waitRunning(page);
      // The reloaded presenter has no clone until the clone says hello again.
      await trainOnce(page);
      const driven = JSON.stringify(await demoState(page));
      await expect.poll(async () => JSON.stringify(await demoState(clone)), { timeout: 15_000 }).toBe(driven);
      await expect.poll(() => atRest(clone), { timeout: 10_000 }).toBe(true);
      // remark sends slide changes to the adopted clone too.
      await page.keyboard.press('ArrowRight');
      await waitForIndex(clone, 3);
      expect(await clone.locator('.deck-sync-waiting').count()).toBe(0);
      // Closing the presenter leaves the clone waiting, and says so.
      await page.close();
      await clone.waitForSelector('.deck-sync-waiting', { timeout: 15_000 });
    } finally {
      await context.close();
    }
  });

  it('re-pairs when the clone reloads', async () => {
    const { context, page } = await fresh();
    try {
      const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
      await clone.waitForSelector('.remark-slides-area .remark-visible');
      await waitRunning(clone);
      await clone.reload();
      await clone.waitForSelector('.remark-slides-area .remark-visible');
      await liveRoot(page).locator('button', { hasText: 'step ▶' }).click();
      const driven = JSON.stringify(await demoState(page));
      await goto(clone, url, 3);
      await waitRunning(clone);
      await expect.poll(async () => JSON.stringify(await demoState(clone, DEMO_ID)), { timeout: 15_000 }).toBe(driven);
    } finally {
      await context.close();
    }
  });

  it('trains in a worker, and ends the job when its slide goes away', async () => {
    const { context, page } = await fresh();
    try {
      const workers = () => page.evaluate(() => (window as unknown as { deckDemos: { trainingWorkers(): Promise<number> } }).deckDemos.trainingWorkers());
      await trainOnce(page);
      expect(((await demoState(page)) as { trainSteps: number }).trainSteps).toBe(25);
      await expect.poll(workers, { timeout: 10_000 }).toBe(0);
      // Train and leave at once: the job ends with the slide (cancelled, or already done), its worker freed either way.
      await liveRoot(page).locator('button', { hasText: 'train' }).click();
      await page.keyboard.press('Escape');
      await goto(page, url, 6);
      await expect.poll(workers, { timeout: 10_000 }).toBe(0);
      await goto(page, url, 3);
      await waitRunning(page);
      const kept = ((await demoState(page)) as { trainSteps: number }).trainSteps;
      expect([25, 50]).toContain(kept);
      await trainOnce(page);
      expect(((await demoState(page)) as { trainSteps: number }).trainSteps).toBe(kept + 25);
    } finally {
      await context.close();
    }
  });
});
