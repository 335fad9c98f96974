import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { goto, waitRunning } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, type Target } from './targets.ts';

/** A presenter window with its clone open, as the character demos' tests drive them. */
export interface PresenterSession {
  browser: Browser;
  context: BrowserContext;
  target: Target;
  page: Page;
  clone: Page;
  watch: PageWatch;
  cloneWatch: PageWatch;
  /** 1-based slide of the first host of the named demo. */
  slideOf(name: string): Promise<number>;
  /** Both windows on the slide, the demo running in each. */
  show(slide: number): Promise<void>;
  close(): Promise<void>;
}

export async function presenterSession(): Promise<PresenterSession> {
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
    browser,
    context,
    target,
    page,
    clone,
    watch,
    cloneWatch,
    slideOf: (name) =>
      page.evaluate((n) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector(`.demo-host[data-demo="${n}"]`)) + 1, name),
    async show(slide) {
      await page.bringToFront();
      await goto(page, target.url, slide);
      await waitForIndex(clone, slide - 1);
      await waitRunning(page);
      await waitRunning(clone);
    },
    async close() {
      await browser.close();
      await target.close();
    },
  };
}

/** The demo's data-demo-metric, parsed. */
export async function metricOf<T>(page: Page, id: string): Promise<T> {
  const raw = await page.locator(`.remark-slides-area .demo-root[data-demo-id="${id}"]`).getAttribute('data-demo-metric');
  return JSON.parse(raw ?? 'null') as T;
}

export function trainingWorkers(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { deckDemos: { trainingWorkers(): Promise<number> } }).deckDemos.trainingWorkers());
}
