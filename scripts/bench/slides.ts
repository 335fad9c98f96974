import type { Browser, Page } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome, rasterFromArgs } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median, quantile } from '../lib/stats.ts';
import { KEY_LATENCY, buildStockPage } from './deck.ts';

const RUNS = 3;
const PRESSES = 4;
/** Time on a slide before the key press: what a lecturer spends talking (demos mount ahead meanwhile). */
const DWELL_MS = 1000;
const RATIO_GOAL = 1.2;
const ABSOLUTE_GOAL_MS = 20;

type Variant = 'deck' | 'stock';
type Mode = 'plain' | 'presenter';

/** The title, and the key press onto every slide that holds a demo (its demo mounted ahead, the previous one's left behind). */
async function transitions(page: Page): Promise<[number, number][]> {
  const demoSlides = await page.evaluate(() =>
    [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].flatMap((el, i) => (el.querySelector('.demo-host') ? [i + 1] : [])),
  );
  const pairs: [number, number][] = [[1, 2]];
  for (const d of demoSlides) if (!pairs.some(([a]) => a === d - 1)) pairs.push([d - 1, d]);
  return pairs;
}

/** remark's own way to a slide: its number, then Enter (the same in both pages and modes). */
async function jumpTo(page: Page, slide: number): Promise<void> {
  await page.keyboard.type(String(slide));
  await page.keyboard.press('Enter');
}

async function sample(browser: Browser, url: string, mode: Mode, pairs: [number, number][]): Promise<Map<string, number[]>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const out = new Map<string, number[]>();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('.remark-slides-area .remark-visible');
    await page.waitForTimeout(1000);
    if (mode === 'presenter') await page.keyboard.press('p');
    await page.evaluate(KEY_LATENCY);
    for (const [from, to] of pairs) {
      const latencies: number[] = [];
      for (let i = 0; i < PRESSES; i++) {
        await jumpTo(page, from);
        await page.waitForTimeout(DWELL_MS);
        await page.evaluate(() => ((window as unknown as { __latencies: number[] }).__latencies.length = 0));
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction(() => (window as unknown as { __latencies: number[] }).__latencies.length > 0);
        latencies.push(...(await page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies)));
      }
      out.set(`${from}→${to}`, latencies);
    }
  } finally {
    await context.close();
  }
  return out;
}

/**
 * Key press to the next frame when changing slides, this deck against stock remark on the
 * same Markdown, alternated in one run, on the title and onto every demo's slide, in the
 * slide view and in presenter mode.
 */
export async function run(args: string[]): Promise<void> {
  const ours = await buildDeckTo('production');
  const stock = buildStockPage();
  const [oursServer, stockServer] = await Promise.all([serveDirectory(ours), serveDirectory(stock)]);
  const raster = rasterFromArgs(args);
  const browser = await launchChrome({ raster });
  console.info(`raster: ${raster}`);
  try {
    const urls: Record<Variant, string> = { deck: `${oursServer.url}index.html#1`, stock: `${stockServer.url}index.html#1` };
    const probe = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await probe.goto(urls.deck);
    await probe.waitForSelector('.remark-slides-area .remark-visible');
    const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').map(Number);
    const pairs = (await transitions(probe)).filter(([, to]) => !only || only.includes(to));
    if (pairs.length === 0) throw new Error(`--only names no transition onto a demo's slide (${only?.join(', ')})`);
    await probe.close();
    const all = new Map<string, number[]>();
    for (let r = 0; r < RUNS; r++) {
      for (const mode of ['plain', 'presenter'] as const) {
        const order: Variant[] = r % 2 === 0 ? ['deck', 'stock'] : ['stock', 'deck'];
        for (const variant of order) {
          for (const [pair, values] of await sample(browser, urls[variant], mode, pairs)) {
            const key = `${mode} ${pair} ${variant}`;
            all.set(key, [...(all.get(key) ?? []), ...values]);
          }
        }
      }
    }
    const rows: Record<string, Record<string, string>> = {};
    const missed: string[] = [];
    for (const mode of ['plain', 'presenter'] as const) {
      for (const [from, to] of pairs) {
        const p95 = (v: Variant) => quantile(all.get(`${mode} ${from}→${to} ${v}`) ?? [], 0.95);
        const deck = p95('deck');
        const stockP95 = p95('stock');
        const ratio = deck / stockP95;
        const ok = deck <= ABSOLUTE_GOAL_MS && ratio <= RATIO_GOAL;
        rows[`${mode} ${from}→${to}`] = {
          'deck p95 ms': deck.toFixed(1),
          'stock p95 ms': stockP95.toFixed(1),
          'deck/stock': `${ratio.toFixed(2)}×`,
          'deck median ms': median(all.get(`${mode} ${from}→${to} deck`) ?? []).toFixed(1),
          goal: ok ? 'met' : 'MISSED',
        };
        if (!ok) missed.push(`${mode} ${from}→${to}: ${deck.toFixed(1)} ms, ${ratio.toFixed(2)}× stock`);
      }
    }
    console.info(`slide change, key press to next frame, ${RUNS} runs × ${PRESSES} presses per transition, deck and stock alternated:`);
    console.table(rows);
    if (missed.length) process.exitCode = 1;
    console.info(
      missed.length
        ? `MISSED GOAL (p95 <= ${RATIO_GOAL}× stock and <= ${ABSOLUTE_GOAL_MS} ms):\n  ${missed.join('\n  ')}`
        : `every transition met p95 <= ${RATIO_GOAL}× stock and <= ${ABSOLUTE_GOAL_MS} ms`,
    );
  } finally {
    await browser.close();
    await oursServer.close();
    await stockServer.close();
    removeTemp(ours);
    removeTemp(stock);
  }
}
