import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome, rasterFromArgs } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median, quantile } from '../lib/stats.ts';

const DEFAULT_RUNS = 5;
const MEASURE_MS = 2000;
const FRAME_P95_GOAL_MS = 20;

type Setup = 'plain' | 'presenter' | 'presenter + clone';
const SETUPS: Setup[] = ['plain', 'presenter', 'presenter + clone'];

/** How to set each demo moving: what a lecturer presses. */
const ANIMATE: Record<string, RegExp> = {
  unroll: /^play$/,
  bptt: /play/i,
  clipping: /random start/i,
  vanishing: /new inputs/i,
  'long-lag': /^train$/,
  'gradient-highway': /new inputs/i,
  'lstm-gates': /^train/,
  'gru-gates': /^train/,
};

interface WindowFigures {
  /** Redraws per second of the demo, counted by the runtime's clock (the demo's own draws). */
  redrawsPerSecond: number;
  /** Main-thread frame time p95: gaps between display frames seen by a passive observer. */
  frameP95: number;
}

interface Sample {
  presenter: WindowFigures;
  clone?: WindowFigures;
  /** Milliseconds from a state leaving the presenter to the clone applying it, p95. */
  syncLagP95?: number;
}

const visibleRoot = '.remark-slides-area .remark-visible .demo-root';

/** The first slide of each demo in the deck, by its name, with its id. */
export async function demoSlides(page: Page): Promise<{ name: string; slide: number; id: string }[]> {
  return page.evaluate(() => {
    const seen = new Set<string>();
    const out: { name: string; slide: number; id: string }[] = [];
    document.querySelectorAll('.remark-slides-area .remark-slide-container').forEach((el, i) => {
      const host = el.querySelector<HTMLElement>('.demo-host');
      const name = host?.dataset.demo;
      if (name && !seen.has(name)) {
        seen.add(name);
        out.push({ name, slide: i + 1, id: host.dataset.demoId ?? '' });
      }
    });
    return out;
  });
}

/**
 * Starts counting in a window: the demo's redraw counter now, and every display frame's
 * timestamp until `ms` have passed. Resolves with redraws/s and the frame gaps' p95.
 */
function measureWindow(page: Page, id: string, ms: number): Promise<WindowFigures> {
  // A string, not a function: the script runner would wrap named inner functions in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const host = () => window.deckDemos.demos().get(${JSON.stringify(id)});
    const r0 = host()?.redraws ?? 0;
    const times = [];
    const t0 = performance.now();
    const tick = (t) => {
      times.push(t);
      if (t - t0 < ${ms}) { requestAnimationFrame(tick); return; }
      const gaps = times.slice(1).map((v, i) => v - times[i]).sort((a, b) => a - b);
      resolve({ redrawsPerSecond: ((host()?.redraws ?? 0) - r0) / ((t - t0) / 1000), frameP95: gaps[Math.floor(0.95 * (gaps.length - 1))] ?? NaN });
    };
    requestAnimationFrame(tick);
  })`) as Promise<WindowFigures>;
}

async function openOn(context: BrowserContext, base: string, slide: number): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}#${slide - 1}`);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  // Let the next slide's demo mount ahead, as it does while the lecturer talks.
  await page.waitForTimeout(1500);
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector(`${visibleRoot}[data-demo-status="running"]`, { timeout: 60_000 });
  return page;
}

async function sample(browser: Browser, base: string, demo: { name: string; slide: number; id: string }, setup: Setup): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await openOn(context, base, demo.slide);
    let clone: Page | undefined;
    if (setup !== 'plain') await page.keyboard.press('p');
    if (setup === 'presenter + clone') {
      [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
      await clone.setViewportSize({ width: 1280, height: 720 });
      await clone.waitForSelector(`${visibleRoot}[data-demo-status="running"]`, { timeout: 60_000 });
      await page.bringToFront();
    }
    await page.waitForTimeout(500);
    await page.locator(`${visibleRoot} button`, { hasText: ANIMATE[demo.name] ?? /play/i }).first().click();
    const [presenter, cloneWindow] = await Promise.all([measureWindow(page, demo.id, MEASURE_MS), clone ? measureWindow(clone, demo.id, MEASURE_MS) : Promise.resolve(undefined)]);
    if (!clone) return { presenter };
    const lags = await clone.evaluate(() => (window as unknown as { deckDemos: { syncLags: number[] } }).deckDemos.syncLags.slice(-200));
    return { presenter, clone: cloneWindow, syncLagP95: quantile(lags, 0.95) };
  } finally {
    await context.close();
  }
}

const fmt = (v: number | undefined, digits = 1) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));

/**
 * Each demo's own redraws per second and the main thread's frame time p95 while it moves,
 * in the three ways a lecture is given: the slide alone, presenter mode, and presenter mode
 * with the clone open (both windows measured at once).
 */
export async function run(args: string[]): Promise<void> {
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const RUNS = runsArg ? Math.max(1, Number.parseInt(runsArg.slice('--runs='.length), 10) || DEFAULT_RUNS) : DEFAULT_RUNS;
  const out = await buildDeckTo('production');
  const server = await serveDirectory(out);
  const base = `${server.url}index.html`;
  const raster = rasterFromArgs(args);
  const browser = await launchChrome({ raster });
  console.info(`raster: ${raster}`);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${base}#1`);
    await page.waitForSelector('.remark-slides-area .remark-visible');
    const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
    const demos = (await demoSlides(page)).filter((d) => !only || only.includes(d.name));
    if (only && demos.length < only.length) throw new Error(`--only: no demo slide for ${only.filter((n) => !demos.some((d) => d.name === n)).join(', ')}`);
    await page.close();
    const rows: Record<string, Record<string, string>> = {};
    const missed: string[] = [];
    for (const demo of demos) {
      for (const setup of SETUPS) {
        const samples: Sample[] = [];
        for (let r = 0; r < RUNS; r++) samples.push(await sample(browser, base, demo, setup));
        const m = (pick: (s: Sample) => number | undefined) => {
          const values = samples.map(pick).filter((v): v is number => v !== undefined && !Number.isNaN(v));
          return values.length ? median(values) : undefined;
        };
        const row = {
          'redraws/s': fmt(m((s) => s.presenter.redrawsPerSecond)),
          'frame p95 ms': fmt(m((s) => s.presenter.frameP95)),
          'clone redraws/s': fmt(m((s) => s.clone?.redrawsPerSecond)),
          'clone frame p95 ms': fmt(m((s) => s.clone?.frameP95)),
          'sync lag p95 ms': fmt(m((s) => s.syncLagP95)),
        };
        rows[`${demo.name} · ${setup}`] = row;
        for (const [key, value] of [['frame p95 ms', m((s) => s.presenter.frameP95)], ['clone frame p95 ms', m((s) => s.clone?.frameP95)]] as const) {
          if (value !== undefined && value > FRAME_P95_GOAL_MS) missed.push(`${demo.name} · ${setup}: ${key} ${value.toFixed(1)} > ${FRAME_P95_GOAL_MS}`);
        }
      }
    }
    console.info(`demos while they move, ${RUNS} runs each, ${MEASURE_MS} ms windows (medians):`);
    console.table(rows);
    if (missed.length) process.exitCode = 1;
    console.info(missed.length ? `MISSED GOAL (frame p95 <= ${FRAME_P95_GOAL_MS} ms):\n  ${missed.join('\n  ')}` : `every setup met frame p95 <= ${FRAME_P95_GOAL_MS} ms`);
  } finally {
    await browser.close();
    await server.close();
    removeTemp(out);
  }
}
