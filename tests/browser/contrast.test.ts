import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { buildFixtureDeck } from './build-fixture.ts';
import { openDeck } from './deck-page.ts';

/**
 * Every piece of text on every slide, code, inline code and the slide number included, on
 * `.inverse` and each content class: contrast of its colour against what is behind it, at
 * least 4.5:1. Links in running text are underlined, so they do not rely on colour alone.
 */
describe('text contrast', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const out = await buildFixtureDeck('tests/fixtures/contrast', 'single');
    browser = await launchChrome();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await openDeck(page, pathToFileURL(join(out, 'index.html')).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is at least 4.5:1 for every text on every slide', async () => {
    const rows = await page.evaluate(() => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
      };
      // The colour behind an element: its own and its ancestors' backgrounds, composited.
      const behind = (el: Element | null): number[] => {
        const layers: number[][] = [];
        for (let e = el; e; e = e.parentElement) {
          const [r, g, b, a = 1] = parse(getComputedStyle(e).backgroundColor);
          if (a > 0) layers.push([r!, g!, b!, a]);
          if (a >= 1) break;
        }
        let out = [255, 255, 255];
        for (const [r, g, b, a] of layers.reverse()) out = [r!, g!, b!].map((v, i) => v * a! + out[i]! * (1 - a!));
        return out;
      };
      const result: { text: string; ratio: number; slide: number }[] = [];
      document.querySelectorAll('.remark-slides-area .remark-slide-content').forEach((slide, index) => {
        const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent?.trim();
          const el = n.parentElement;
          if (!text || !el || el.closest('.katex-mathml')) continue;
          // Text faded with opacity (remark's slide number) is seen mixed with what is behind it.
          let alpha = 1;
          for (let e: Element | null = el; e; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
          const back = behind(el);
          const fg = parse(getComputedStyle(el).color).slice(0, 3).map((v, i) => v * alpha + back[i]! * (1 - alpha));
          const [a, b] = [lum(fg), lum(back)].sort((x, y) => y - x);
          result.push({ text: text.slice(0, 30), ratio: (a! + 0.05) / (b! + 0.05), slide: index + 1 });
        }
      });
      return result;
    });
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.text.includes('tanh')).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.ratio < 4.5)).toEqual([]);
  });

  it('underlines every link in running text, on paper and on the dark slide', async () => {
    const links = await page.evaluate(() =>
      [...document.querySelectorAll('.remark-slides-area .remark-slide-content p a')].map((a) => ({ text: a.textContent, line: getComputedStyle(a).textDecorationLine })),
    );
    expect(links.length).toBeGreaterThanOrEqual(2);
    expect(links.filter((l) => !l.line.includes('underline'))).toEqual([]);
  });

  it('shows code highlighted at build time, with no highlighter in the page', async () => {
    expect(await page.locator('.remark-slides-area code.python .hljs-keyword').count()).toBeGreaterThan(0);
    expect(await page.locator('.remark-slides-area code.rust .hljs-keyword').count()).toBeGreaterThan(0);
    expect(await page.locator('.remark-slides-area .remark-code-line-highlighted').innerText()).toContain('def step');
    const html = await page.content();
    expect(html).not.toContain('registerLanguage');
  });
});
