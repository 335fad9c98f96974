import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_FOLDERS } from '../demo-folders.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { atRest, demoState, goto, liveRoot, tfMemory, waitRunning, waitUnmounted } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, type Target } from './targets.ts';

/** One interaction per demo that changes its state (and so its step counter). */
const INTERACTION: Record<string, RegExp> = {
  unroll: /^step ▶$/,
  bptt: /new weights/i,
  vanishing: /new inputs/i,
  clipping: /random start/i,
  'lstm-gates': /^step ▶$/,
  'gru-gates': /^step ▶$/,
};

const allCanvases = (page: Page) =>
  liveRoot(page).evaluate((root) => [...root.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|'));

/** The demos of the lecture, each on its slide, driven from the presenter with the clone open. */
describe('the lecture demos', () => {
  let browser: Browser;
  let context: BrowserContext;
  let target: Target;
  let page: Page;
  let clone: Page;
  let watch: PageWatch;
  let cloneWatch: PageWatch;
  let demos: { name: string; slide: number; id: string }[] = [];

  beforeAll(async () => {
    target = await servedTarget();
    browser = await launchChrome();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    watch = new PageWatch(page, target.ownPrefix);
    await openDeck(page, `${target.url}#1`);
    demos = await page.evaluate(() => {
      const seen = new Set<string>();
      const out: { name: string; slide: number; id: string }[] = [];
      document.querySelectorAll('.remark-slides-area .remark-slide-container').forEach((el, i) => {
        const host = el.querySelector<HTMLElement>('.demo-host');
        if (host?.dataset.demo && !seen.has(host.dataset.demo)) {
          seen.add(host.dataset.demo);
          out.push({ name: host.dataset.demo, slide: i + 1, id: host.dataset.demoId ?? '' });
        }
      });
      return out;
    });
    await page.keyboard.press('p');
    [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
    cloneWatch = new PageWatch(clone, target.ownPrefix);
    await clone.waitForSelector('.remark-slides-area .remark-visible');
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  it('places all the demos in the lecture', () => {
    expect(demos.map((d) => d.name).sort()).toEqual([...DEMO_FOLDERS]);
  });

  for (const name of Object.keys(INTERACTION)) {
    it(`${name}: mounts on its slide, responds, matches in the clone, and unmounts`, async () => {
      const demo = demos.find((d) => d.name === name);
      expect(demo).toBeDefined();
      const { slide, id } = demo!;
      await page.bringToFront();
      await goto(page, target.url, slide);
      await waitForIndex(clone, slide - 1);
      await waitRunning(page);
      await waitRunning(clone);
      const root = liveRoot(page);
      expect(await root.getAttribute('data-demo')).toBe(name);
      const stateBefore = JSON.stringify(await demoState(page, id));
      await root.locator('button:enabled', { hasText: INTERACTION[name]! }).first().click();
      await expect.poll(async () => JSON.stringify(await demoState(page, id))).not.toBe(stateBefore);
      expect(await root.getAttribute('data-demo-step')).toMatch(/^\d+$/);
      // Pictures are compared at rest: the presenter's animation has ended, the clone holds its last state, both have drawn it.
      await expect.poll(() => atRest(page, id), { timeout: 30_000 }).toBe(true);
      await expect.poll(async () => JSON.stringify(await demoState(clone, id)), { timeout: 20_000 }).toBe(JSON.stringify(await demoState(page, id)));
      await expect.poll(() => atRest(clone, id), { timeout: 20_000 }).toBe(true);
      expect(await allCanvases(clone)).toBe(await allCanvases(page));
      const memoryBefore = await tfMemory(page);
      await goto(page, target.url, slide > 3 ? slide - 3 : slide + 3);
      await waitUnmounted(page, id);
      if (memoryBefore !== null) expect(await tfMemory(page)).toBeLessThanOrEqual(memoryBefore);
    });
  }

  it('leaves no tensors behind and logs no error in either window', async () => {
    const baseline = await tfMemory(page);
    for (const { slide } of demos) {
      await goto(page, target.url, slide);
      await waitRunning(page);
      await goto(page, target.url, 1);
    }
    // The last demo is freed just after slide 1 is painted: wait for that, then count.
    await expect.poll(() => tfMemory(page)).toBe(baseline);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(cloneWatch.errors).toEqual([]);
  });
});
