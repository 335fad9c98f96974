/**
 * The browser checks every demo that trains continuously in the training worker goes
 * through, driven from the presenter window with the clone open: it mounts, trains with
 * its metric updated as it goes, survives moving away and back mid-training (the job ends
 * with the slide and training resumes from the committed state), shows the same state and
 * pixels in the clone at rest, and unmounts leaving no worker behind.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { allCanvases, atRest, demoState, goto, liveRoot, metricOf, waitUnmounted } from './demo-helpers.ts';
import { trainingWorkers, type LectureSession } from './presenter-session.ts';

type Session = LectureSession;

/** The 1-based slide holding the demo with this id. */
export function slideOf(page: Page, id: string): Promise<number> {
  return page.evaluate((i) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector(`.demo-host[data-demo-id="${i}"]`)) + 1, id);
}

/** The live demo's step, from its metric (-1 before it has one). */
export const metricStep = async (page: Page): Promise<number> => Number((await metricOf<{ step?: number } | null>(page))?.step ?? -1);

/** Presses a button of the live demo. */
export const press = (page: Page, label: RegExp, timeout?: number) => liveRoot(page).locator('button:enabled', { hasText: label }).first().click({ timeout });

/**
 * Stops the live demo's training: presses pause, unless the run reaches its last step first
 * (a quiet moment of the machine can finish the remaining steps between two checks, and then
 * there is no pause button to press).
 */
export async function stopTraining(page: Page): Promise<void> {
  const training = async () => (await metricOf<{ training?: boolean } | null>(page))?.training === true;
  const deadline = Date.now() + 60_000;
  while (await training()) {
    if (Date.now() > deadline) throw new Error('the demo was still training 60 s after pause was first tried');
    const pressed = await press(page, /^pause$/, 2_000).then(
      () => true,
      () => false,
    );
    // The metric follows the press within a frame or two; pressing again before it does would press "train" instead.
    if (pressed) await expect.poll(training, { timeout: 20_000 }).toBe(false);
  }
}

/** Trains past `step`, goes two slides away (the demo unmounts, its job ends), comes back and checks training went on from where it stood. */
export async function awayAndBack(s: Session, id: string, slide: number, step: number): Promise<void> {
  await expect.poll(() => metricStep(s.page), { timeout: 120_000 }).toBeGreaterThanOrEqual(step);
  const left = (await demoState(s.page, id)) as { step: number; training: boolean };
  expect(left.training).toBe(true);
  await goto(s.page, s.target.url, slide + 2);
  await waitUnmounted(s.page, id);
  await expect.poll(() => trainingWorkers(s.page), { timeout: 10_000 }).toBe(0);
  await s.show(slide);
  const back = (await demoState(s.page, id)) as { step: number; training: boolean };
  expect(back.training).toBe(true);
  expect(back.step).toBeGreaterThanOrEqual(left.step);
  await expect.poll(() => metricStep(s.page), { timeout: 120_000 }).toBeGreaterThan(back.step);
}

/** Both windows at rest hold the same state and draw the same pixels. */
export async function cloneMatchesAtRest(s: Session, id: string): Promise<void> {
  await expect.poll(() => atRest(s.page, id), { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => JSON.stringify(await demoState(s.clone, id)), { timeout: 20_000 }).toBe(JSON.stringify(await demoState(s.page, id)));
  await expect.poll(() => atRest(s.clone, id), { timeout: 20_000 }).toBe(true);
  expect(await allCanvases(s.clone)).toBe(await allCanvases(s.page));
  expect(await metricOf(s.clone)).toEqual(await metricOf(s.page));
}

/** Leaves the slide: the demo unmounts and no training worker is left. */
export async function leaveAndCheckFreed(s: Session, id: string, slide: number): Promise<void> {
  await goto(s.page, s.target.url, slide > 3 ? slide - 3 : slide + 3);
  await waitUnmounted(s.page, id);
  await expect.poll(() => trainingWorkers(s.page), { timeout: 10_000 }).toBe(0);
  expect(s.watch.errors).toEqual([]);
  expect(s.watch.foreignRequests).toEqual([]);
  expect(s.cloneWatch.errors).toEqual([]);
}
