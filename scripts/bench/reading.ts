import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median } from '../lib/stats.ts';

/** Rounds per build; `--runs=N` for more on a noisy machine. */
const DEFAULT_RUNS = 3;

interface Round {
  /** ms from navigation to the reading page built (performance mark `reading:first-slide`). */
  readingFirstSlide: number;
  /** ms from navigation to remark's slides built (mark `deck:slides`), the slide view in the same round. */
  slidesFirstSlide: number;
  /** JS heap after scrolling past every demo and a garbage collection, MB. */
  heapMb: number;
  /** Live tensors at the end (TensorFlow.js demos all freed: 0). */
  tensors: number;
  /** Demos still mounted at the end of the page (those of the last slides only). */
  mounted: number;
  demos: number;
}

const mark = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN, name);

async function round(browser: Browser, url: string): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}#1`);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  const slidesFirstSlide = await mark(page, 'deck:slides');
  await page.goto('about:blank');
  await page.goto(`${url}?read#1`);
  await page.waitForSelector('.deck-reading-slide');
  const readingFirstSlide = await mark(page, 'reading:first-slide');
  // Read the page top to bottom; at every demo, wait until it runs before reading on.
  const hosts = await page.locator('.deck-reading .demo-host').count();
  for (let i = 0; i < hosts; i++) {
    const host = page.locator('.deck-reading .demo-host').nth(i);
    const id = await host.getAttribute('data-demo-id');
    await host.evaluate((el) => scrollTo(0, el.closest('.deck-reading-slide')!.getBoundingClientRect().top + scrollY - 8));
    await page.waitForSelector(`.deck-reading .demo-root[data-demo-id="${id}"]:not([data-demo-status="loading"])`, { timeout: 120_000 });
  }
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const tensors = (await page.evaluate(() => (window as unknown as { deckDemos: { tfMemory(): Promise<number | null> } }).deckDemos.tfMemory())) ?? 0;
  const mounted = await page.locator('.deck-reading .demo-root').count();
  await context.close();
  return { readingFirstSlide, slidesFirstSlide, heapMb: heap.usedSize / 2 ** 20, tensors, mounted, demos: hosts };
}

/** The reading view: how soon its first slide is up next to the slide view's, and what is left after reading past every demo. */
export async function run(args: string[]): Promise<void> {
  const runs = Number(/--runs=(\d+)/.exec(args.join(' '))?.[1] ?? DEFAULT_RUNS);
  const served = await buildDeckTo('production');
  const single = await buildDeckTo('single');
  const server = await serveDirectory(served);
  const browser = await launchChrome();
  try {
    for (const [name, url] of [
      ['served', `${server.url}index.html`],
      ['single-file', pathToFileURL(join(single, 'index.html')).href],
    ] as const) {
      const rounds: Round[] = [];
      for (let r = 0; r < runs; r++) rounds.push(await round(browser, url));
      const m = (f: (r: Round) => number) => median(rounds.map(f));
      console.info(
        `${name}: reading view first slide ${m((r) => r.readingFirstSlide).toFixed(0)} ms (slide view ${m((r) => r.slidesFirstSlide).toFixed(0)} ms, ratio ${m((r) => r.readingFirstSlide / r.slidesFirstSlide).toFixed(2)}); ` +
          `after reading past ${rounds[0]!.demos} demo placements: JS heap ${m((r) => r.heapMb).toFixed(1)} MB, ${m((r) => r.tensors)} tensors, ${m((r) => r.mounted)} demos mounted (medians of ${runs})`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
    removeTemp(served);
    removeTemp(single);
  }
}
