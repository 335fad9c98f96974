/**
 * A presenter window with its clone open on the served build, for the fault-injection
 * tests: the faults are set up before the deck loads (browser flags, scripts run in every
 * window before the page's own, routes that break a request), then the tests drive the
 * presenter and read both windows. Every canvas text a window draws is recorded, so a test
 * can show that no "NaN" or "Infinity" was ever drawn.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { goto, waitRunning } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, type Target } from './targets.ts';

export interface FaultOptions {
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

export interface FaultSession {
  browser: Browser;
  context: BrowserContext;
  target: Target;
  /** The deck's address with the session's query, without a hash. */
  url: string;
  page: Page;
  clone: Page | null;
  watch: PageWatch;
  cloneWatch: PageWatch | null;
  /** 1-based slide of the first host of the named demo. */
  slideOf(name: string): Promise<number>;
  /** The demo id placed on that slide. */
  idOf(name: string): Promise<string>;
  /** Both windows on the slide, the demo running in each. */
  show(slide: number): Promise<void>;
  /** Opens the clone (C) from the presenter window again. */
  openClone(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Records the distinct texts drawn on any canvas of the window (window.__drawnText), and
 * apart every one that reads NaN or ±Infinity (window.__nonFiniteText).
 */
export function recordCanvasText(): void {
  const drawn = new Set<string>();
  const nonFinite: string[] = [];
  Object.assign(window, { __drawnText: drawn, __nonFiniteText: nonFinite });
  const protos = [CanvasRenderingContext2D.prototype, typeof OffscreenCanvasRenderingContext2D === 'undefined' ? null : OffscreenCanvasRenderingContext2D.prototype];
  for (const proto of protos) {
    if (!proto) continue;
    for (const name of ['fillText', 'strokeText'] as const) {
      const original = proto[name] as (this: unknown, text: string, ...rest: unknown[]) => void;
      (proto as unknown as Record<string, unknown>)[name] = function (this: unknown, text: string, ...rest: unknown[]) {
        const t = String(text);
        if (/NaN|Infinity/.test(t)) nonFinite.push(t);
        if (drawn.size < 50_000) drawn.add(t);
        return original.call(this, text, ...rest);
      };
    }
  }
}

export async function openFaultSession(options: FaultOptions = {}): Promise<FaultSession> {
  const target = await servedTarget();
  const browser = await launchChrome({ args: options.args ?? [] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(recordCanvasText);
  for (const script of options.init ?? []) await context.addInitScript(script);
  await options.route?.(context);
  const url = `${target.url}${options.query ?? ''}`;
  const page = await context.newPage();
  const watch = new PageWatch(page, target.ownPrefix);
  await openDeck(page, `${url}${options.hash ?? '#1'}`);
  let clone: Page | null = null;
  let cloneWatch: PageWatch | null = null;
  const openClone = async () => {
    await page.bringToFront();
    if (!(await page.evaluate(() => document.querySelector('.remark-presenter-mode') !== null))) await page.keyboard.press('p');
    const [opened] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
    clone = opened;
    cloneWatch = new PageWatch(opened, target.ownPrefix);
    session.clone = clone;
    session.cloneWatch = cloneWatch;
    await opened.waitForSelector('.remark-slides-area .remark-visible');
    return opened;
  };
  const session: FaultSession = {
    browser,
    context,
    target,
    url,
    page,
    clone,
    watch,
    cloneWatch,
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
    openClone,
    async close() {
      await browser.close();
      await target.close();
    },
  };
  if (options.clone ?? true) await openClone();
  return session;
}

/** The live demo's root with this id in a window. */
export function demoRoot(page: Page, id: string): Locator {
  return page.locator(`.remark-slides-area .demo-root[data-demo-id="${id}"]`);
}

export function demoStatus(page: Page, id: string): Promise<string | null> {
  return demoRoot(page, id).getAttribute('data-demo-status');
}

/** The text of the demo's error box, or '' while it has none. */
export async function errorText(page: Page, id: string): Promise<string> {
  const box = demoRoot(page, id).locator('.demo-error');
  return (await box.count()) ? box.innerText() : '';
}

/** Canvas texts drawn so far that read NaN or ±Infinity. */
export function nonFiniteCanvasText(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __nonFiniteText?: string[] }).__nonFiniteText ?? []);
}

/** Whether a window has drawn this text on a canvas. */
export function hasDrawn(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => (window as unknown as { __drawnText?: Set<string> }).__drawnText?.has(t) ?? false, text);
}

/**
 * Nothing in the demo, drawn or written, reads NaN or Infinity: canvas text, the box's text
 * (but for its error box and notes, whose words "loss is NaN" are the message), its metric.
 */
export async function expectNothingNonFinite(page: Page, id: string): Promise<void> {
  expect(await nonFiniteCanvasText(page)).toEqual([]);
  const root = demoRoot(page, id);
  const shown = await root.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const said of copy.querySelectorAll('.demo-error, .demo-note')) said.remove();
    return copy.textContent ?? '';
  });
  expect(shown).not.toMatch(/\bNaN\b|Infinity/);
  expect((await root.getAttribute('data-demo-metric')) ?? '').not.toMatch(/NaN|Infinity/);
}

/** The page's notes (page-notice.ts), as text. */
export function pageNotices(page: Page): Promise<string[]> {
  return page.locator('.deck-notices .deck-notice span').allInnerTexts();
}

/** Fault injection through the runtime's hook (see DemoRuntime.injectTrainingFault). */
export function injectTrainingFault(page: Page, kind: 'diverge' | 'crash'): Promise<void> {
  return page.evaluate((k) => (window as unknown as { deckDemos: { injectTrainingFault(kind: string): Promise<void> } }).deckDemos.injectTrainingFault(k), kind);
}

/**
 * The state a window's demo holds (what it syncs and bookmarks), as JSON with its keys
 * sorted: two windows hold the same values in whatever key order each object was built.
 */
export function stateText(page: Page, id: string): Promise<string> {
  return page.evaluate((i) => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    return JSON.stringify(sorted((window as unknown as { deckDemos: { demos(): Map<string, { state: unknown }> } }).deckDemos.demos().get(i)?.state ?? null));
  }, id);
}
