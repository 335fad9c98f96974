/**
 * The browser checks every demo that trains continuously in the training worker goes
 * through, driven from the presenter window with the clone open: it mounts, trains with
 * its metric updated as it goes, survives moving away and back mid-training (the job ends
 * with the slide and training resumes from the committed state), shows the same state and
 * pixels in the clone at rest, and unmounts leaving no worker behind.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { atRest, demoState, goto, liveRoot, waitRunning, waitUnmounted } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, type Target } from './targets.ts';

export interface Session {
  browser: Browser;
  context: BrowserContext;
  target: Target;
  page: Page;
  clone: Page;
  watch: PageWatch;
  cloneWatch: PageWatch;
  close(): Promise<void>;
}

export async function openPresenterWithClone(): Promise<Session> {
  const target = await servedTarget();
  const browser = await launchChrome();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const watch = new PageWatch(page, target.ownPrefix);
  await openDeck(page, `${target.url}#1`);
  await page.keyboard.press('p');
  const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
  const cloneWatch = new PageWatch(clone, target.ownPrefix);
  await clone.waitForSelector('.remark-slides-area .remark-visible');
  return {
    browser, context, target, page, clone, watch, cloneWatch,
    close: async () => {
      await browser.close();
      await target.close();
    },
  };
}

/** The 1-based slide holding the demo with this id. */
export function slideOf(page: Page, id: string): Promise<number> {
  return page.evaluate((i) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector(`.demo-host[data-demo-id="${i}"]`)) + 1, id);
}

export function metric(page: Page): Promise<Record<string, unknown> | null> {
  return liveRoot(page).evaluate((root) => (root.getAttribute('data-demo-metric') ? (JSON.parse(root.getAttribute('data-demo-metric')!) as Record<string, unknown>) : null));
}

export const metricStep = async (page: Page): Promise<number> => Number((await metric(page))?.step ?? -1);

export function trainingWorkers(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { deckDemos: { trainingWorkers(): Promise<number> } }).deckDemos.trainingWorkers());
}

const allCanvases = (page: Page) => liveRoot(page).evaluate((root) => [...root.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|'));

export async function showDemo(s: Session, slide: number): Promise<void> {
  await s.page.bringToFront();
  await goto(s.page, s.target.url, slide);
  await waitForIndex(s.clone, slide - 1);
  await waitRunning(s.page);
  await waitRunning(s.clone);
}

/** Presses a button of the live demo. */
export const press = (page: Page, label: RegExp) => liveRoot(page).locator('button:enabled', { hasText: label }).first().click();

/** Trains past `step`, goes two slides away (the demo unmounts, its job ends), comes back and checks training went on from where it stood. */
export async function awayAndBack(s: Session, id: string, slide: number, step: number): Promise<void> {
  await expect.poll(() => metricStep(s.page), { timeout: 120_000 }).toBeGreaterThanOrEqual(step);
  const left = (await demoState(s.page, id)) as { step: number; training: boolean };
  expect(left.training).toBe(true);
  await goto(s.page, s.target.url, slide + 2);
  await waitUnmounted(s.page, id);
  await expect.poll(() => trainingWorkers(s.page), { timeout: 10_000 }).toBe(0);
  await showDemo(s, slide);
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
  expect(await metric(s.clone)).toEqual(await metric(s.page));
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
