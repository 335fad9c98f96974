/**
 * A presenter window with its clone open on the served build, for the fault-injection
 * tests: the faults are set up before the deck loads (browser flags, scripts run in every
 * window before the page's own, routes that break a request), then the tests drive the
 * presenter and read both windows. Every canvas text a window draws is recorded, so a test
 * can show that no "NaN" or "Infinity" was ever drawn.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPresenterSession, type PresenterSession, type SessionOptions } from './presenter-session.ts';

export type FaultOptions = SessionOptions;
export type FaultSession = PresenterSession;

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

/** A presenter session (with its clone unless told otherwise) whose windows record every canvas text they draw. */
export function openFaultSession(options: FaultOptions = {}): Promise<FaultSession> {
  return openPresenterSession({ ...options, init: [recordCanvasText, ...(options.init ?? [])] });
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
