/**
 * How the lecture is given, as the browser tests open it: the served build in presenter
 * mode, its clone open (the projector), both watched for errors and foreign requests.
 * Options set up what must be in place before the deck loads (browser flags, scripts run in
 * every window before the page's own, routes that break a request).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { goto, waitRunning } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, type Target } from './targets.ts';

export interface SessionOptions {
  /** Added to the deck's address, e.g. `?backend=webgl`. */
  query?: string;
  /** Extra Chromium flags. */
  args?: string[];
  /** Scripts run in every window (presenter and clone) before the deck's own scripts. */
  init?: (() => void)[];
  /** Installs request routes on the browser context before the deck loads. */
  route?: (context: BrowserContext) => Promise<unknown>;
  /** Whether to open the clone (default true). */
  clone?: boolean;
  /** The slide to open first (default 1). */
  hash?: string;
}

export interface PresenterSession {
  browser: Browser;
  context: BrowserContext;
  target: Target;
  /** The deck's address with the session's query, without a hash. */
  url: string;
  page: Page;
  /** The clone; null only when the session was opened without one. */
  clone: Page | null;
  watch: PageWatch;
  cloneWatch: PageWatch | null;
  /** 1-based slide of the first host of the named demo (0 when no slide holds it). */
  slideOf(name: string): Promise<number>;
  /** The demo id placed on that slide. */
  idOf(name: string): Promise<string>;
  /** Both windows on the slide, the demo running in each. */
  show(slide: number): Promise<void>;
  /** Opens the clone (C) from the presenter window, in presenter mode, again if it was closed. */
  openClone(): Promise<Page>;
  close(): Promise<void>;
}

/** A presenter session whose clone is open (the default). */
export type LectureSession = PresenterSession & { clone: Page; cloneWatch: PageWatch };

export async function openPresenterSession(options?: SessionOptions & { clone?: true }): Promise<LectureSession>;
export async function openPresenterSession(options?: SessionOptions): Promise<PresenterSession>;
export async function openPresenterSession(options: SessionOptions = {}): Promise<PresenterSession> {
  const target = await servedTarget();
  const browser = await launchChrome({ args: options.args ?? [] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  for (const script of options.init ?? []) await context.addInitScript(script);
  await options.route?.(context);
  const url = `${target.url}${options.query ?? ''}`;
  const page = await context.newPage();
  const watch = new PageWatch(page, target.ownPrefix);
  await openDeck(page, `${url}${options.hash ?? '#1'}`);
  const session: PresenterSession = {
    browser,
    context,
    target,
    url,
    page,
    clone: null,
    watch,
    cloneWatch: null,
    slideOf: (name) =>
      page.evaluate((n) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector(`.demo-host[data-demo="${n}"]`)) + 1, name),
    idOf: (name) => page.evaluate((n) => document.querySelector<HTMLElement>(`.remark-slides-area .demo-host[data-demo="${n}"]`)?.dataset.demoId ?? '', name),
    async show(slide) {
      await page.bringToFront();
      await goto(page, target.url, slide);
      await waitRunning(page);
      if (session.clone) {
        await waitForIndex(session.clone, slide - 1);
        await waitRunning(session.clone);
      }
    },
    async openClone() {
      await page.bringToFront();
      if (!(await page.evaluate(() => document.querySelector('.remark-presenter-mode') !== null))) await page.keyboard.press('p');
      const [opened] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
      session.clone = opened;
      session.cloneWatch = new PageWatch(opened, target.ownPrefix);
      await opened.waitForSelector('.remark-slides-area .remark-visible');
      return opened;
    },
    async close() {
      await browser.close();
      await target.close();
    },
  };
  if (options.clone ?? true) await session.openClone();
  return session;
}

/** The page's live training workers (the runtime's count). */
export function trainingWorkers(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { deckDemos: { trainingWorkers(): Promise<number> } }).deckDemos.trainingWorkers());
}
