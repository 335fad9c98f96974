import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, slideCount, waitForIndex } from './deck-page.ts';
import { servedTarget, type Target } from './targets.ts';

/**
 * Readable on a projector: at 1280 × 720 (16:9) and 1024 × 768 (4:3) no text in a figure or a
 * demo canvas is drawn below 14 screen px. remark lays a slide out 1210 × 681 (16:9) or
 * 908 × 681 (4:3) and scales it to the window, so one slide px is 720/681 ≈ 1.06 screen px at
 * 1280 × 720 and 1024/908 ≈ 1.13 at 1024 × 768; both measures below are taken on screen, so
 * they need no such factor.
 */
const SCREENS = [
  { name: '16:9 at 1280 × 720', viewport: { width: 1280, height: 720 }, query: '' },
  { name: '4:3 at 1024 × 768', viewport: { width: 1024, height: 768 }, query: '?ratio=4:3' },
];
const MIN_PX = 14;

interface Smallest {
  px: number;
  text: string;
}

/** The smallest text drawn on a canvas, in the canvas's own pixels, kept on the element by the patched fillText. */
type Recorded = HTMLCanvasElement & { smallestText?: Smallest };

/**
 * Records on each canvas the smallest text it has drawn: font px × the context's scale, in canvas
 * pixels. A demo may draw before its slide is shown (it mounts ahead), so the screen size is
 * worked out later, when the slide is visible.
 */
function patchCanvasText(): void {
  const original = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
    const t = this.getTransform();
    const px = Number(/([\d.]+)px/.exec(this.font)?.[1] ?? 0) * Math.hypot(t.a, t.b);
    const canvas = this.canvas as Recorded;
    if (String(text).trim() && (!canvas.smallestText || px < canvas.smallestText.px)) canvas.smallestText = { px, text: String(text) };
    if (maxWidth === undefined) original.call(this, text, x, y);
    else original.call(this, text, x, y, maxWidth);
  };
}

/** The smallest text on the visible slide's canvases, in screen px. */
function smallestCanvasText(page: Page): Promise<Smallest | null> {
  return page.evaluate(() => {
    let best: { px: number; text: string } | null = null;
    const visible = document.querySelector('.remark-slides-area .remark-visible');
    for (const c of visible?.querySelectorAll<HTMLCanvasElement & { smallestText?: { px: number; text: string } }>('canvas') ?? []) {
      const box = c.getBoundingClientRect();
      if (!c.smallestText || box.width === 0) continue;
      const px = c.smallestText.px * (box.width / c.width);
      if (!best || px < best.px) best = { px, text: c.smallestText.text };
    }
    return best;
  });
}

/** The smallest text of the visible slide's inline SVG figures, in screen px. */
function smallestFigureText(page: Page): Promise<Smallest | null> {
  return page.evaluate(() => {
    let best: { px: number; text: string } | null = null;
    const visible = document.querySelector('.remark-slides-area .remark-visible');
    for (const el of visible?.querySelectorAll<SVGTextContentElement>('svg text, svg tspan') ?? []) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own) continue;
      const owner = el.closest('text') ?? el;
      const m = (owner as SVGGraphicsElement).getScreenCTM();
      if (!m) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
      if (!best || px < best.px) best = { px, text: el.textContent!.trim() };
    }
    return best;
  });
}

describe.each(SCREENS)('text size, $name', ({ viewport, query }) => {
  let browser: Browser;
  let target: Target;
  let page: Page;

  beforeAll(async () => {
    target = await servedTarget();
    browser = await launchChrome();
    page = await browser.newPage({ viewport });
    await page.addInitScript(patchCanvasText);
    await openDeck(page, `${target.url}${query}#1`);
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  it(`draws no figure or demo text below ${MIN_PX} px on any slide`, async () => {
    const n = await slideCount(page);
    const small: string[] = [];
    let smallest = { px: Infinity, where: '' };
    for (let i = 1; i <= n; i++) {
      await page.evaluate((k) => (location.hash = `#${k}`), i);
      await waitForIndex(page, i - 1);
      await page.waitForFunction(() => document.querySelector('.remark-slides-area .remark-visible :is(.deck-pending, .deck-figure-pending)') === null);
      // A demo is measured once it has drawn (or failed: an error box is text too).
      await page.waitForFunction(() => {
        const visible = document.querySelector('.remark-slides-area .remark-visible');
        const hosts = visible?.querySelectorAll('.demo-host').length ?? 0;
        const roots = [...(visible?.querySelectorAll<HTMLElement>('.demo-root') ?? [])];
        return roots.length === hosts && roots.every((r) => r.dataset.demoStatus !== 'loading');
      }, null, { timeout: 60_000 });
      const figure = await smallestFigureText(page);
      const canvas = await smallestCanvasText(page);
      for (const [kind, s] of [['figure', figure], ['canvas', canvas]] as const) {
        if (!s) continue;
        if (s.px < smallest.px) smallest = { px: s.px, where: `slide ${i}, ${kind}: "${s.text}"` };
        if (s.px < MIN_PX - 0.01) small.push(`slide ${i}, ${kind}: "${s.text}" at ${s.px.toFixed(1)} px`);
      }
    }
    console.info(`smallest figure or canvas text on ${n} slides: ${smallest.px.toFixed(1)} px (${smallest.where})`);
    expect(small).toEqual([]);
  });
});
