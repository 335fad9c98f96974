import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForIndex } from './deck-page.ts';
import { allCanvases, atRest, demoState, goto, liveRoot, metricOf, waitRunning, waitUnmounted } from './demo-helpers.ts';
import type { PageWatch } from './page-watch.ts';
import { openPresenterSession, trainingWorkers, type LectureSession } from './presenter-session.ts';
import { slideOf } from './training-demo-check.ts';
import type { Target } from './targets.ts';

const ID = 'sliding-window';
type Metric = { mlpSteps: number; rnnSteps: number; mlpAccuracy: number; rnnAccuracy: number; shuffled: boolean; shuffleEqual: boolean };

const metric = (page: Page) => metricOf<Metric>(page);

/** demos/sliding-window in the served deck, driven from the presenter with the clone open. */
describe('the sliding-window demo', () => {
  let s: LectureSession;
  let target: Target;
  let page: Page;
  let clone: Page;
  let watch: PageWatch;
  let cloneWatch: PageWatch;
  let slide = 0;

  beforeAll(async () => {
    s = await openPresenterSession();
    ({ target, page, clone, watch, cloneWatch } = s);
    slide = await slideOf(page, ID);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('sits on its slide in the sequences chapter and shows the shuffle leaving the output unchanged', async () => {
    expect(slide).toBeGreaterThan(1);
    await goto(page, target.url, slide);
    await waitForIndex(clone, slide - 1);
    await waitRunning(page);
    await waitRunning(clone);
    expect(await page.locator('.remark-slides-area .remark-visible h1').textContent()).toMatch(/shuffle the window/i);
    await liveRoot(page).locator('button', { hasText: 'shuffle window' }).click();
    await expect.poll(async () => (await metric(page)).shuffled).toBe(true);
    expect((await metric(page)).shuffleEqual).toBe(true);
  });

  it('trains both models in the worker, survives leaving mid-training, and the RNN beats the MLP on held-out data', async () => {
    const train = () => liveRoot(page).locator('button', { hasText: 'train both' }).click();
    await train();
    await expect.poll(async () => (await metric(page)).mlpSteps, { timeout: 60_000 }).toBeGreaterThan(0);
    await goto(page, target.url, slide + 3);
    await waitUnmounted(page, ID);
    await expect.poll(() => trainingWorkers(page), { timeout: 10_000 }).toBe(0);
    await goto(page, target.url, slide);
    await waitRunning(page);
    const kept = await metric(page);
    expect(kept.mlpSteps).toBeGreaterThan(0);
    await train();
    await expect.poll(async () => (await metric(page)).rnnSteps, { timeout: 120_000 }).toBeGreaterThanOrEqual(300);
    await expect.poll(() => atRest(page, ID), { timeout: 30_000 }).toBe(true);
    const m = await metric(page);
    expect(m.mlpSteps).toBeGreaterThanOrEqual(300);
    expect(m.rnnAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(m.mlpAccuracy).toBeLessThan(0.6);
    expect(m.shuffleEqual).toBe(true);
  });

  it('the clone shows the same state and picture at rest', async () => {
    await waitForIndex(clone, slide - 1);
    await expect.poll(async () => JSON.stringify(await demoState(clone, ID)), { timeout: 20_000 }).toBe(JSON.stringify(await demoState(page, ID)));
    await expect.poll(() => atRest(clone, ID), { timeout: 20_000 }).toBe(true);
    expect(await allCanvases(clone)).toBe(await allCanvases(page));
    expect(await liveRoot(clone).getAttribute('data-demo-metric')).toBe(await liveRoot(page).getAttribute('data-demo-metric'));
  });

  it('unmounts with its slide, leaving no worker and no error', async () => {
    await goto(page, target.url, slide + 3);
    await waitUnmounted(page, ID);
    expect(await trainingWorkers(page)).toBe(0);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(cloneWatch.errors).toEqual([]);
  });
});
