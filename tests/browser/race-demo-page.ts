import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { demoState, goto, liveRoot, waitRunning } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, type Target } from './targets.ts';

/** A presenter window with its clone open, on the slide of one demo. */
export interface Lecture {
  browser: Browser;
  context: BrowserContext;
  target: Target;
  page: Page;
  clone: Page;
  watch: PageWatch;
  cloneWatch: PageWatch;
  slide: number;
  id: string;
  close(): Promise<void>;
}

export async function openLecture(name: string): Promise<Lecture> {
  const target = await servedTarget();
  const browser = await launchChrome();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const watch = new PageWatch(page, target.ownPrefix);
  await openDeck(page, `${target.url}#1`);
  const found = await page.evaluate((n) => {
    const slides = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
    const i = slides.findIndex((el) => el.querySelector(`.demo-host[data-demo="${n}"]`));
    return { slide: i + 1, id: slides[i]?.querySelector<HTMLElement>('.demo-host')?.dataset.demoId ?? '' };
  }, name);
  if (found.slide < 1) throw new Error(`no slide holds the ${name} demo`);
  await page.keyboard.press('p');
  const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
  const cloneWatch = new PageWatch(clone, target.ownPrefix);
  await clone.waitForSelector('.remark-slides-area .remark-visible');
  await page.bringToFront();
  await goto(page, target.url, found.slide);
  await waitForIndex(clone, found.slide - 1);
  await waitRunning(page);
  await waitRunning(clone);
  return {
    browser, context, target, page, clone, watch, cloneWatch, ...found,
    async close() {
      await browser.close();
      await target.close();
    },
  };
}

/** The page's live training workers (the runtime's count). */
export function trainingWorkers(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { deckDemos: { trainingWorkers(): Promise<number> } }).deckDemos.trainingWorkers());
}

/** The visible demo's data-demo-metric, parsed. */
export async function metricOf<T>(page: Page): Promise<T> {
  return JSON.parse((await liveRoot(page).getAttribute('data-demo-metric')) ?? 'null') as T;
}

/** Waits until a field of the demo's state satisfies a predicate (polled in the page). */
export async function waitState<S>(page: Page, id: string, ok: (s: S) => boolean, timeout = 120_000): Promise<S> {
  const t0 = Date.now();
  for (;;) {
    const s = (await demoState(page, id)) as S;
    if (s && ok(s)) return s;
    if (Date.now() - t0 > timeout) throw new Error(`state never satisfied the condition; last: ${JSON.stringify(s).slice(0, 300)}`);
    await page.waitForTimeout(200);
  }
}

export const allCanvases = (page: Page) => liveRoot(page).evaluate((root) => [...root.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|'));
