import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { CHAPTER_SEPARATOR } from '../../src/build/compile-deck.ts';
import { readDeckSources } from '../../src/build/deck-sources.ts';
import { scanSlides } from '../../src/build/remark-scanner.ts';
import { ROOT } from './targets.ts';
import { buildFixtureDeck } from './build-fixture.ts';
import { openDeck } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';

/** remark's dialect and both math styles, on a fixture deck built as the single file. */
describe('remark dialect and math conventions', () => {
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    const out = await buildFixtureDeck('tests/fixtures/dialect', 'single');
    browser = await launchChrome();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const url = pathToFileURL(join(out, 'index.html')).href;
    watch = new PageWatch(page, url);
    await openDeck(page, url);
  });

  afterAll(async () => {
    await browser?.close();
  });

  // Text content, not rendered text: the slides next to the shown one are laid out but unseen, and have no rendered text.
  const texts = () => page.locator('.remark-slides-area .remark-slide-content').allTextContents();

  it('splits slides, applies layout, template, exclude and -- steps', async () => {
    const all = await texts();
    expect(all).toHaveLength(10);
    expect(all.join('\n')).not.toContain('Excluded slide');
    expect(all.filter((t) => t.includes('First part.'))).toHaveLength(2);
    expect(all.filter((t) => t.includes('Second part'))).toHaveLength(1);
    const agenda = page.locator('.remark-slides-area .remark-slide-content').nth(1);
    expect(await agenda.getAttribute('class')).toContain('inverse');
  });

  it('shows the slides the build read: count, names and classes as remark made them in the page', async () => {
    const source = readDeckSources(ROOT, 'tests/fixtures/dialect').chapters.map((c) => c.text).join(CHAPTER_SEPARATOR);
    // remark shows every slide but layouts and excluded ones; a template's or layout's class carries over, so only the slide's own is checked.
    const expected = scanSlides(source)
      .filter((s) => s.properties.get('layout')?.value !== 'true' && s.properties.get('exclude')?.value.toLowerCase() !== 'true')
      .map((s) => ({ name: s.properties.get('name')?.value ?? '', classes: (s.properties.get('class')?.value ?? '').split(/,| /).filter(Boolean) }));
    const shown = await page.locator('.remark-slides-area .remark-slide-content').evaluateAll((els) =>
      els.map((el) => ({ id: el.id, classes: [...el.classList] })),
    );
    expect(shown).toHaveLength(expected.length);
    expected.forEach((slide, i) => {
      expect(shown[i]!.id, `slide ${i + 1}`).toBe(slide.name ? `slide-${slide.name}` : '');
      for (const c of slide.classes) expect(shown[i]!.classes, `slide ${i + 1}`).toContain(c);
    });
  });

  it('expands {{ name }}, content classes and background-image', async () => {
    const all = await texts();
    expect(all[1]).toContain('Agenda agenda');
    expect(await page.locator('.remark-slides-area .footnote .red.bold').count()).toBe(1);
    expect(await page.locator('.remark-slides-area .right-column .red .katex').count()).toBe(1);
    const bg = await page.locator('.remark-slides-area .remark-slide-content').nth(6).evaluate((el) => (el as HTMLElement).style.backgroundImage);
    expect(bg).toContain('data:image/gif');
  });

  it('highlights code with current highlight.js and highlightLines', async () => {
    const code = page.locator('.remark-slides-area .remark-slide-content').nth(3);
    expect(await code.locator('code.python .hljs-keyword').count()).toBeGreaterThan(0);
    expect(await code.locator('code.typescript .hljs-keyword').count()).toBeGreaterThan(0);
    expect(await code.locator('.remark-code-line-highlighted').count()).toBe(1);
    expect(await code.locator('.remark-code-line-highlighted').innerText()).toContain('def step');
    expect(await code.locator('code.remark .hljs-keyword, code.remark .hljs-section').count()).toBe(0);
  });

  it('renders escaped and plain LaTeX to the same formulas', async () => {
    const html = (i: number) =>
      page.locator('.remark-slides-area .remark-slide-content').nth(i).locator('.katex-display .katex-html').first().innerHTML();
    expect(await html(8)).toBe(await html(9));
    const escaped = page.locator('.remark-slides-area .remark-slide-content').nth(8);
    expect(await escaped.locator('.katex-display').count()).toBe(2);
    expect(await escaped.innerText()).toContain('price of $5');
    expect(await escaped.locator('em').count()).toBe(0);
    const plain = page.locator('.remark-slides-area .remark-slide-content').nth(9);
    expect(await plain.locator('code.remark-inline-code').innerText()).toBe('$code$');
    expect(await page.locator('.katex-error, .deck-error').count()).toBe(0);
  });

  it('renders math in notes and inlines SVG figures', async () => {
    expect(await page.locator('.remark-slides-area .remark-slide-notes .katex').count()).toBeGreaterThanOrEqual(2);
    const figure = page.locator('.remark-slides-area .deck-figure[aria-label="a square state"] svg');
    expect(await figure.count()).toBe(1);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});
