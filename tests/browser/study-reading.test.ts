import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { visibleIndex } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, singleFileTarget, type Target } from './targets.ts';

const DEMO = 'unroll-hello';

async function openReading(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.deck-reading .deck-reading-slide');
  await page.evaluate(() => document.fonts.ready);
}

/** Scrolls the reading page so the slide holding `selector` is the one being read. */
async function readSlideWith(page: Page, selector: string): Promise<void> {
  await page.locator('.deck-reading .deck-reading-slide', { has: page.locator(selector) }).first().evaluate((el) => scrollTo(0, el.getBoundingClientRect().top + scrollY - 8));
}

/** The reading view: every slide with its notes, demos mounted near and freed far, the slide kept in the address. */
describe.each([
  ['served build', servedTarget],
  ['single-file build from file://', singleFileTarget],
])('%s', (_label, makeTarget) => {
  let browser: Browser;
  let target: Target;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    target = await makeTarget();
    browser = await launchChrome();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    watch = new PageWatch(page, target.ownPrefix);
    await openReading(page, target.url.replace(/index\.html$/, 'index.html?read'));
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  it('shows every slide with its notes as text, under chapter headings and a table of contents', async () => {
    const { slides, notes, articles } = await page.evaluate(() => {
      const remark = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
      const read = [...document.querySelectorAll<HTMLElement>('.deck-reading-slide')];
      return {
        slides: remark.length,
        notes: remark.map((s) => s.querySelector('.remark-slide-notes')?.textContent?.trim() ?? ''),
        articles: read.map((a) => ({ slide: Number(a.dataset.slide), label: a.querySelector('.deck-reading-notes-label')?.textContent ?? '', notes: a.querySelector('.deck-reading-notes')?.textContent?.replace(a.querySelector('.deck-reading-notes-label')?.textContent ?? '', '').trim() ?? '', text: a.querySelector('.remark-slide-content')?.textContent?.trim() ?? '' })),
      };
    });
    expect(articles.map((a) => a.slide)).toEqual(Array.from({ length: slides }, (_, i) => i));
    for (const a of articles) {
      expect(a.notes, `slide ${a.slide + 1}`).toBe(notes[a.slide]);
      expect(a.label).toBe(`Notes to slide ${a.slide + 1}`);
      expect(a.notes.length, `slide ${a.slide + 1} has notes`).toBeGreaterThan(20);
      expect(a.text.length).toBeGreaterThan(0);
    }
    expect(await page.locator('.deck-reading-toc li').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('.deck-reading-chapter-title').count()).toBe(await page.locator('.deck-reading-toc li').count());
    expect(await page.locator('.deck-reading .katex').count()).toBeGreaterThan(50);
    expect(await page.locator('.deck-reading .katex-error').count()).toBe(0);
  });

  it('mounts a demo only when its slide is read or next, and frees it when far away', async () => {
    await page.evaluate(() => scrollTo(0, 0));
    expect(await page.locator(`.deck-reading .demo-root[data-demo-id="${DEMO}"]`).count()).toBe(0);
    await readSlideWith(page, `.demo-host[data-demo-id="${DEMO}"]`);
    await page.waitForSelector(`.deck-reading .demo-root[data-demo-id="${DEMO}"][data-demo-status="running"]`, { timeout: 60_000 });
    await page.waitForFunction(() => /^#\d+$/.test(location.hash));
    const readSlide = await page.evaluate(() => Number(location.hash.slice(1)));
    // Far down the page: the demo is freed and its host shows the snapshot.
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction((id) => !document.querySelector(`.deck-reading .demo-root[data-demo-id="${id}"]`), DEMO, { timeout: 10_000 });
    expect(await page.locator(`.deck-reading .demo-host[data-demo-id="${DEMO}"] img.demo-snapshot`).count()).toBe(1);
    await readSlideWith(page, `.demo-host[data-demo-id="${DEMO}"]`);
    await page.waitForSelector(`.deck-reading .demo-root[data-demo-id="${DEMO}"][data-demo-status="running"]`, { timeout: 60_000 });
    await page.waitForFunction((n) => location.hash === `#${n}`, readSlide);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  it('R switches to the slides on the slide being read, and back', async () => {
    const n = await page.evaluate(() => Number(location.hash.slice(1)));
    await page.keyboard.press('r');
    await page.waitForSelector('.remark-slides-area .remark-visible');
    expect(page.url()).not.toContain('read');
    expect(await visibleIndex(page)).toBe(n - 1);
    await page.keyboard.press('r');
    await page.waitForSelector('.deck-reading .deck-reading-slide');
    await page.waitForFunction(() => location.search.includes('read'));
    expect(await page.evaluate(() => location.hash)).toBe(`#${n}`);
    const top = await page.locator(`.deck-reading-slide[data-slide="${n - 1}"]`).evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(50);
  });
});
