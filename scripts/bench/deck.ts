import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { CHAPTER_SEPARATOR } from '../../src/build/compile-deck.ts';
import { readDeckSources } from '../../src/build/deck-sources.ts';
import { PROJECT_ROOT, buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { goalLine, rounded } from '../lib/goal.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median, quantile } from '../lib/stats.ts';

/** Rounds per variant; `--runs=N` for more on a noisy machine. */
const DEFAULT_RUNS = 5;
const KEY_PRESSES = 40;

/**
 * The same Markdown in a page set up the usual way: remark's own bundle (highlight.js 9
 * with every language) and KaTeX auto-render running over the page after remark.
 */
export function buildStockPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deck-stock-'));
  const nm = join(PROJECT_ROOT, 'node_modules');
  cpSync(join(nm, 'remark-slide/out/remark.min.js'), join(dir, 'remark.min.js'));
  for (const f of ['katex.min.js', 'katex.min.css', 'contrib/auto-render.min.js']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    cpSync(join(nm, 'katex/dist', f), join(dir, f));
  }
  cpSync(join(nm, 'katex/dist/fonts'), join(dir, 'fonts'), { recursive: true });
  const slidesDir = process.env.DECK_SLIDES ?? 'slides';
  const { chapters } = readDeckSources(PROJECT_ROOT, slidesDir);
  const figures = join(PROJECT_ROOT, slidesDir, 'figures');
  if (existsSync(figures)) cpSync(figures, join(dir, 'figures'), { recursive: true });
  const markdown = chapters.map((c) => c.text).join(CHAPTER_SEPARATOR);
  const escaped = markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><link rel="stylesheet" href="katex.min.css"></head><body>
<textarea id="source">${escaped}</textarea>
<script src="remark.min.js"></script><script src="katex.min.js"></script><script src="contrib/auto-render.min.js"></script>
<script>var slideshow = remark.create({ ratio: '16:9' });
renderMathInElement(document.body, { delimiters: [{ left: '$$', right: '$$', display: true }, { left: '$', right: '$', display: false }], throwOnError: false });</script>
</body></html>`,
  );
  return dir;
}

/**
 * Sets window.__firstMathPaint once the first slide is shown and the deck's formulas are
 * rendered (stock auto-render typesets the whole page before its first paint), two frames on.
 */
const FIRST_MATH_PAINT = `(() => {
  const check = () => {
    if (document.querySelector('.remark-visible') && document.querySelector('.remark-slide-container .katex')) {
      requestAnimationFrame(() => requestAnimationFrame(() => { window.__firstMathPaint = performance.now(); }));
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();`;

/** Key press to the frame after it: the event's timestamp to a task queued from the next animation frame. */
export const KEY_LATENCY = `(() => {
  window.__latencies = [];
  addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__latencies.push(performance.now() - t0);
      ch.port2.postMessage(0);
    });
  }, true);
})();`;

interface Sample {
  firstMathPaintMs: number;
  /** Requests to anywhere but the page's own folder (or, from file://, its own file). */
  foreignRequests: number;
  gzipBytes: number;
  latencies: number[];
}

async function measure(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const own = url.startsWith('file:') ? url.replace(/#.*$/, '') : new URL('.', url).href;
  let foreignRequests = 0;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(own) && !u.startsWith('data:') && !u.startsWith('blob:')) foreignRequests++;
  });
  const bodies = new Map<string, Promise<number>>();
  page.on('response', (r) => {
    if (/\.(js|css)(\?|$)/.test(r.url())) bodies.set(r.url(), r.body().then((b) => gzipSync(b).length).catch(() => 0));
  });
  await page.addInitScript(FIRST_MATH_PAINT);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstMathPaint?: number }).__firstMathPaint !== undefined, null, { timeout: 60_000 });
  const firstMathPaintMs = await page.evaluate(() => (window as unknown as { __firstMathPaint: number }).__firstMathPaint);
  // Only what was requested before the first contentful paint counts as needed for the first slide.
  const early = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime < fcp)
      .map((e) => e.name);
  });
  let gzipBytes = 0;
  for (const url of early) gzipBytes += (await bodies.get(url)) ?? 0;
  await page.evaluate(KEY_LATENCY);
  for (let i = 0; i < KEY_PRESSES; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(60);
  }
  const latencies = await page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
  await context.close();
  return { firstMathPaintMs, foreignRequests, gzipBytes, latencies };
}

export async function run(args: string[]): Promise<void> {
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const RUNS = runsArg ? Math.max(1, Number.parseInt(runsArg.slice('--runs='.length), 10) || DEFAULT_RUNS) : DEFAULT_RUNS;
  const ours = await buildDeckTo('production');
  const single = await buildDeckTo('single');
  const stock = buildStockPage();
  const [oursServer, stockServer] = await Promise.all([serveDirectory(ours), serveDirectory(stock)]);
  const browser = await launchChrome();
  try {
    const variants = {
      deck: `${oursServer.url}index.html#1`,
      single: `${pathToFileURL(join(single, 'index.html')).href}#1`,
      stock: `${stockServer.url}index.html#1`,
    };
    const names = Object.keys(variants) as (keyof typeof variants)[];
    const samples: Record<keyof typeof variants, Sample[]> = { deck: [], single: [], stock: [] };
    for (let r = 0; r < RUNS; r++) {
      // Rotate the order so that no variant always runs first (or last) in a round.
      const order = names.map((_, i) => names[(i + r) % names.length]!);
      for (const v of order) samples[v].push(await measure(browser, variants[v]));
    }
    const summary = (v: keyof typeof variants) => ({
      firstMathPaintMs: median(samples[v].map((s) => s.firstMathPaintMs)),
      gzipKB: median(samples[v].map((s) => s.gzipBytes)) / 1024,
      keyToFrameP95Ms: median(samples[v].map((s) => quantile(s.latencies, 0.95))),
      foreignRequests: Math.max(...samples[v].map((s) => s.foreignRequests)),
    });
    // Ratios per round (the variants of one round ran back to back), then their median.
    const ratio = (a: keyof typeof variants, b: keyof typeof variants) =>
      median(samples[a].map((s, i) => s.firstMathPaintMs / samples[b][i]!.firstMathPaintMs));
    const deck = summary('deck');
    const singleSummary = summary('single');
    const stockSummary = summary('stock');
    console.info(`first slide, ${RUNS} runs each, order rotated; medians (deck: served build, single: the one-file build from file://):`);
    console.table(rounded({ deck, single: singleSummary, stock: stockSummary }));
    console.info(
      [
        goalLine('first paint with math, deck/stock', ratio('deck', 'stock'), 0.5, 'x', 2),
        `${goalLine('single-file from file:// / served', ratio('single', 'deck'), 1.5, 'x', 2)}; single/stock ${ratio('single', 'stock').toFixed(2)}x`,
        goalLine('requests leaving the page, served + single', deck.foreignRequests + singleSummary.foreignRequests, 0, '', 0),
        `${goalLine('JS+CSS before first slide', deck.gzipKB, 120, 'KB gzip')}; stock ${stockSummary.gzipKB.toFixed(1)} KB`,
        `${goalLine('slide change, key to next frame, p95', deck.keyToFrameP95Ms, 50, 'ms')}; stock ${stockSummary.keyToFrameP95Ms.toFixed(1)} ms`,
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await oursServer.close();
    await stockServer.close();
    removeTemp(ours);
    removeTemp(stock);
  }
}
