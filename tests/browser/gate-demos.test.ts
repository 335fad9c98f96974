import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { atRest, demoState, goto, liveRoot, waitRunning, waitUnmounted } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, type Target } from './targets.ts';

interface GateState {
  text: string;
  t: number;
  k: number;
  trainSteps: number;
  weights: number[] | null;
}

const CASES = [
  { name: 'lstm-gates', id: 'lstm-gates', equations: 6, terms: ['f', 'i'] },
  { name: 'gru-gates', id: 'gru-gates', equations: 4, terms: ['z', 'r'] },
] as const;

const state = (page: Page, id: string) => demoState(page, id) as Promise<GateState>;
const canvases = (page: Page) => liveRoot(page).evaluate((root) => [...root.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|'));
const workers = (page: Page) => page.evaluate(() => (window as unknown as { deckDemos: { trainingWorkers(): Promise<number> } }).deckDemos.trainingWorkers());
/** The term the equations highlight now (the class of the yellow box). */
const highlighted = (page: Page) =>
  liveRoot(page).evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>('[class*="gate-term-"]')].filter((e) => e.style.backgroundColor !== 'transparent' && e.style.backgroundColor !== '').map((e) => /gate-term-(\w+)/.exec(e.className)![1])[0] ?? null,
  );

async function waitTrained(page: Page, id: string, atLeast: number): Promise<void> {
  await page.waitForFunction(
    ([i, n]) => {
      const runtime = (window as unknown as { deckDemos: { demos(): Map<string, { state: { trainSteps?: number } | undefined }> } }).deckDemos;
      return (runtime.demos().get(i as string)?.state?.trainSteps ?? 0) >= (n as number);
    },
    [id, atLeast] as const,
    { timeout: 60_000 },
  );
}

/** Both gate demos on their slides, driven from the presenter window with the clone open. */
describe('the gate demos', () => {
  let browser: Browser;
  let context: BrowserContext;
  let target: Target;
  let page: Page;
  let clone: Page;
  let watch: PageWatch;
  let cloneWatch: PageWatch;
  const slides = new Map<string, number>();

  beforeAll(async () => {
    target = await servedTarget();
    browser = await launchChrome();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    page = await context.newPage();
    watch = new PageWatch(page, target.ownPrefix);
    await openDeck(page, `${target.url}#1`);
    const found = await page.evaluate(() =>
      [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].flatMap((el, i) => {
        const host = el.querySelector<HTMLElement>('.demo-host');
        return host?.dataset.demo ? [[host.dataset.demo, i + 1] as const] : [];
      }),
    );
    for (const [name, slide] of found) if (!slides.has(name)) slides.set(name, slide);
    await page.keyboard.press('p');
    [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
    cloneWatch = new PageWatch(clone, target.ownPrefix);
    await clone.waitForSelector('.remark-slides-area .remark-visible');
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  for (const c of CASES) {
    describe(c.name, () => {
      async function show(): Promise<void> {
        const slide = slides.get(c.name)!;
        await page.bringToFront();
        await goto(page, target.url, slide);
        await waitForIndex(clone, slide - 1);
        await waitRunning(page);
        await waitRunning(clone);
      }

      it('mounts beside its equations, rendered by KaTeX, the first one highlighted', async () => {
        expect(slides.has(c.name)).toBe(true);
        await show();
        const root = liveRoot(page);
        expect(await root.getAttribute('data-demo')).toBe(c.name);
        expect(await root.locator('.gate-equations > div:not(.gate-note) .katex').count()).toBe(c.equations);
        expect(await highlighted(page)).toBe(c.terms[0]);
        expect(await state(page, c.id)).toMatchObject({ t: 0, k: 0, trainSteps: 0, weights: null });
      });

      it('steps through the equations with the buttons and the arrow keys, the highlight following', async () => {
        await show();
        const root = liveRoot(page);
        await root.locator('button', { hasText: /^step ▶$/ }).click();
        await expect.poll(async () => (await state(page, c.id)).k).toBe(1);
        await expect.poll(() => highlighted(page)).toBe(c.terms[1]);
        await root.locator('canvas').first().focus();
        await page.keyboard.press('ArrowDown');
        await expect.poll(async () => (await state(page, c.id)).t).toBe(1);
        await page.keyboard.press('ArrowLeft');
        await expect.poll(async () => (await state(page, c.id)).k).toBe(0);
        // The arrow keys stayed in the demo: the deck did not change slides.
        expect(await page.evaluate(() => location.hash)).toMatch(new RegExp(`^#p?${slides.get(c.name)}(~|$)`));
        // Over a cell of the first block (the equations fill the left of the canvas).
        const box = (await root.locator('canvas').first().boundingBox())!;
        await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.1);
        await expect.poll(() => root.locator('.demo-tooltip').evaluate((e) => !(e as HTMLElement).hidden)).toBe(true);
        expect(await root.locator('.demo-tooltip').textContent()).toMatch(/at t=\d+ \(".?"\): -?\d\.\d{3}$/);
        await page.keyboard.press('Escape');
      });

      it('trains in the worker to the full depth, and the clone shows the same numbers at rest', async () => {
        await show();
        const root = liveRoot(page);
        await root.locator('button', { hasText: 'train' }).click();
        await waitTrained(page, c.id, 300);
        await expect.poll(() => atRest(page, c.id), { timeout: 30_000 }).toBe(true);
        const metric = JSON.parse((await root.getAttribute('data-demo-metric'))!) as { trainSteps: number; accuracy: number; moments: number };
        expect(metric.trainSteps).toBe(300);
        expect(metric.accuracy).toBe(1);
        expect(metric.moments).toBeGreaterThan(0);
        await expect.poll(() => workers(page), { timeout: 10_000 }).toBe(0);
        await expect.poll(async () => JSON.stringify(await state(clone, c.id)), { timeout: 20_000 }).toBe(JSON.stringify(await state(page, c.id)));
        await expect.poll(() => atRest(clone, c.id), { timeout: 20_000 }).toBe(true);
        expect(await canvases(clone)).toBe(await canvases(page));
        expect(await liveRoot(clone).locator('.gate-equations').innerHTML()).toBe(await root.locator('.gate-equations').innerHTML());
      });

      it('takes an edited input, in the clone too; a bad one is explained in place', async () => {
        await show();
        const input = liveRoot(page).locator('input[type="text"]');
        await input.fill('(b');
        await expect.poll(() => liveRoot(page).locator('.gate-input-problem').textContent()).toMatch(/only \( \) a \./);
        await input.fill('((a.(');
        await expect.poll(async () => (await state(page, c.id)).text).toBe('((a.(');
        await page.keyboard.press('Escape');
        await expect.poll(() => liveRoot(clone).locator('input[type="text"]').inputValue(), { timeout: 20_000 }).toBe('((a.(');
        expect(await liveRoot(clone).locator('input[type="text"]').isDisabled()).toBe(true);
      });

      it('survives leaving mid-training and coming back, then unmounts with no worker left', async () => {
        await show();
        const root = liveRoot(page);
        await root.locator('button', { hasText: 'reset' }).click();
        await expect.poll(async () => (await state(page, c.id)).trainSteps).toBe(0);
        await root.locator('button', { hasText: 'train' }).click();
        await page.keyboard.press('Escape');
        const slide = slides.get(c.name)!;
        await goto(page, target.url, slide - 2);
        await waitUnmounted(page, c.id);
        await expect.poll(() => workers(page), { timeout: 10_000 }).toBe(0);
        await show();
        const kept = (await state(page, c.id)).trainSteps;
        // Snapshots arrive every 25 steps: whatever had arrived when the slide went away is kept.
        expect(kept % 25).toBe(0);
        expect(kept).toBeLessThanOrEqual(300);
        await liveRoot(page).locator('button', { hasText: 'train' }).click();
        await waitTrained(page, c.id, kept + 300);
        expect((await state(page, c.id)).trainSteps).toBe(kept + 300);
        await goto(page, target.url, slide - 2);
        await waitUnmounted(page, c.id);
        await expect.poll(() => workers(page), { timeout: 10_000 }).toBe(0);
      });
    });
  }

  it('logs no error and makes no request outside the deck in either window', () => {
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(cloneWatch.errors).toEqual([]);
  });
});
