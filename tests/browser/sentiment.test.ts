import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeck, visibleIndex, waitForIndex } from './deck-page.ts';
import { allCanvases, atRest, demoState, goto, liveRoot, metricOf, tfMemory, waitRunning, waitUnmounted } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { openPresenterSession, trainingWorkers, type LectureSession } from './presenter-session.ts';
import { slideOf } from './training-demo-check.ts';
import type { Target } from './targets.ts';

const ID = 'sentiment';
type Metric = { cell: string; epoch: number; training: boolean; heldOutAccuracy: number; trainAccuracy: number; p: number; layersP: number };

const metric = (page: Page) => metricOf<Metric>(page);

/** demos/sentiment in the served deck, driven from the presenter with the clone open. */
describe('the sentiment demo', () => {
  let s: LectureSession;
  let target: Target;
  let browser: Browser;
  let page: Page;
  let clone: Page;
  let watch: PageWatch;
  let cloneWatch: PageWatch;
  let slide = 0;

  beforeAll(async () => {
    s = await openPresenterSession();
    ({ target, browser, page, clone, watch, cloneWatch } = s);
    slide = await slideOf(page, ID);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('mounts on its slide in the code chapter; typing drives the demo, not the slides', async () => {
    expect(slide).toBeGreaterThan(1);
    await goto(page, target.url, slide);
    await waitForIndex(clone, slide - 1);
    await waitRunning(page);
    await waitRunning(clone);
    const input = liveRoot(page).locator('input.sentiment-input');
    await input.fill('');
    await input.pressSequentially('a wonderful film');
    await expect.poll(async () => ((await demoState(page, ID)) as { text: string }).text).toBe('a wonderful film');
    expect(await visibleIndex(page)).toBe(slide - 1);
    await expect.poll(() => liveRoot(clone).locator('input.sentiment-input').inputValue(), { timeout: 20_000 }).toBe('a wonderful film');
    expect(await liveRoot(clone).locator('input.sentiment-input').isDisabled()).toBe(true);
    const m = await metric(page);
    expect(Math.abs(m.p - m.layersP)).toBeLessThan(1e-3);
  });

  it('trains in the tf.layers worker, which ends when the slide is left mid-training; resumes from its last epoch and finishes', async () => {
    await liveRoot(page).locator('button', { hasText: /^train/ }).click();
    // The page's training host runs the job in a worker: on the main thread it would hold none.
    await expect.poll(() => trainingWorkers(page), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.workers().some((w) => /layers-worker-main/.test(w.url())), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await metric(page)).epoch, { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
    const left = (await demoState(page, ID)) as { epoch: number; target: number };
    expect(left.target).toBe(15);
    await goto(page, target.url, slide - 3);
    await waitUnmounted(page, ID);
    // Leaving the slide cancels the job: its worker is gone.
    await expect.poll(() => trainingWorkers(page), { timeout: 10_000 }).toBe(0);
    await goto(page, target.url, slide);
    await waitRunning(page);
    expect((await metric(page)).epoch).toBeGreaterThanOrEqual(left.epoch);
    // The state still asks for 15 epochs: training resumes from the last whole one by itself, in a new worker.
    await expect.poll(() => trainingWorkers(page), { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => (await metric(page)).epoch, { timeout: 300_000 }).toBe(15);
    await expect.poll(() => atRest(page, ID), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => trainingWorkers(page), { timeout: 10_000 }).toBe(0);
    const m = await metric(page);
    expect(m.training).toBe(false);
    expect(m.trainAccuracy).toBeGreaterThanOrEqual(0.99);
    // The worker trains on tfjs's CPU backend, as the unit test does in Node: the same 51 of 70 held-out reviews.
    expect(Math.round(m.heldOutAccuracy * 70)).toBe(51);
    expect(m.p).toBeGreaterThan(0.5);
  }, 420_000);

  it('the clone shows the same state and picture at rest', async () => {
    await waitForIndex(clone, slide - 1);
    await expect.poll(async () => JSON.stringify(await demoState(clone, ID)), { timeout: 20_000 }).toBe(JSON.stringify(await demoState(page, ID)));
    await expect.poll(() => atRest(clone, ID), { timeout: 20_000 }).toBe(true);
    expect(await allCanvases(clone)).toBe(await allCanvases(page));
    expect(await liveRoot(clone).getAttribute('data-demo-metric')).toBe(await liveRoot(page).getAttribute('data-demo-metric'));
  });

  it('unmounts with its slide, leaving no tensor and no error', async () => {
    await goto(page, target.url, slide - 3);
    await waitUnmounted(page, ID);
    const baseline = await tfMemory(page);
    expect(baseline).not.toBeNull();
    await goto(page, target.url, slide);
    await waitRunning(page);
    await expect.poll(() => atRest(page, ID), { timeout: 30_000 }).toBe(true);
    expect(await tfMemory(page)).toBeGreaterThan(baseline!);
    await goto(page, target.url, slide - 3);
    await waitUnmounted(page, ID);
    expect(await tfMemory(page)).toBe(baseline);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    expect(cloneWatch.errors).toEqual([]);
  });

  it('trains on the main thread where Worker does not exist, and frees its tensors with the slide', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const alone = await context.newPage();
    await alone.addInitScript(() => delete (window as { Worker?: unknown }).Worker);
    const aloneWatch = new PageWatch(alone, target.ownPrefix);
    await openDeck(alone, `${target.url}#${slide - 3}`);
    await goto(alone, target.url, slide);
    await waitRunning(alone);
    await expect.poll(() => tfMemory(alone)).not.toBeNull();
    await goto(alone, target.url, slide - 3);
    await waitUnmounted(alone, ID);
    const baseline = await tfMemory(alone);
    await goto(alone, target.url, slide);
    await waitRunning(alone);
    await liveRoot(alone).locator('button', { hasText: /^train/ }).click();
    await expect.poll(async () => (await metric(alone)).epoch, { timeout: 180_000 }).toBeGreaterThanOrEqual(1);
    expect(await trainingWorkers(alone)).toBe(0);
    expect(alone.workers()).toHaveLength(0);
    // Left mid-training: the job and its model end with the slide.
    await goto(alone, target.url, slide - 3);
    await waitUnmounted(alone, ID);
    await expect.poll(() => tfMemory(alone), { timeout: 20_000 }).toBe(baseline);
    expect(aloneWatch.errors).toEqual([]);
    await context.close();
  }, 300_000);
});
