import type { Browser } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome } from '../lib/chrome.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median } from '../lib/stats.ts';

const DEFAULT_RUNS = 3;
const TRAIN_MS = 60_000;
const IDLE_MS = 5_000;
const LAGS = [50, 5];
const visibleRoot = '.remark-slides-area .remark-visible .demo-root[data-demo="long-lag"]';

interface Metric {
  step: number;
  lag: number;
  accuracy: Record<string, number | null>;
}

interface Sample {
  /** The demo's data-demo-metric after TRAIN_MS of training. */
  metric: Metric;
  /** Display frames per second of the page while the worker trains. */
  fps: number;
  /** The same page's frames per second on the same slide just before training (the machine's load now). */
  idleFps: number;
  /** The demo's own redraws per second. */
  redrawsPerSecond: number;
  /** Longest gap between two changes of data-demo-metric while training (ms). */
  maxMetricGapMs: number;
}

async function slideOf(browser: Browser, base: string): Promise<number> {
  const page = await browser.newPage();
  await page.goto(`${base}#1`);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  const index = await page.evaluate(() =>
    [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector('.demo-host[data-demo="long-lag"]')),
  );
  await page.close();
  if (index < 0) throw new Error('no slide holds the long-lag demo');
  return index + 1;
}

/** One fresh page: set the lag, press train, and watch for TRAIN_MS. */
async function sample(browser: Browser, base: string, slide: number, lag: number): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}#${slide}`);
    await page.waitForSelector(`${visibleRoot}[data-demo-status="running"]`, { timeout: 60_000 });
    await page.locator(`${visibleRoot} input[type=range]`).fill(String(lag));
    const idleFps = (await page.evaluate(`new Promise((resolve) => {
      let frames = 0;
      const t0 = performance.now();
      const tick = (t) => { frames++; if (t - t0 < ${IDLE_MS}) requestAnimationFrame(tick); else resolve(frames / ((t - t0) / 1000)); };
      requestAnimationFrame(tick);
    })`)) as number;
    await page.locator(`${visibleRoot} button`, { hasText: /^train$/ }).click();
    // Counted in the page: display frames, the demo's redraws and the gaps between metric changes.
    const training = (await page.evaluate(`new Promise((resolve) => {
      const root = document.querySelector(${JSON.stringify(visibleRoot)});
      const host = () => window.deckDemos.demos().get(root.dataset.demoId);
      const r0 = host()?.redraws ?? 0;
      let frames = 0, last = root.dataset.demoMetric, lastChange = performance.now(), maxGap = 0;
      const t0 = performance.now();
      const tick = (t) => {
        frames++;
        const m = root.dataset.demoMetric;
        if (m !== last) { maxGap = Math.max(maxGap, t - lastChange); lastChange = t; last = m; }
        if (t - t0 < ${TRAIN_MS}) { requestAnimationFrame(tick); return; }
        const s = (t - t0) / 1000;
        resolve({ metric: JSON.parse(root.dataset.demoMetric), fps: frames / s, redrawsPerSecond: ((host()?.redraws ?? 0) - r0) / s, maxMetricGapMs: maxGap });
      };
      requestAnimationFrame(tick);
    })`)) as Omit<Sample, 'idleFps'>;
    return { ...training, idleFps };
  } finally {
    await context.close();
  }
}

/**
 * The long-lag race as the audience sees it: from the default seed, held-out accuracy of
 * each model after 60 s of training at lag 50 and lag 5, and the page's frame rate meanwhile.
 */
export async function run(args: string[]): Promise<void> {
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const RUNS = runsArg ? Math.max(1, Number.parseInt(runsArg.slice('--runs='.length), 10) || DEFAULT_RUNS) : DEFAULT_RUNS;
  const out = await buildDeckTo('production');
  const server = await serveDirectory(out);
  const base = `${server.url}index.html`;
  const browser = await launchChrome();
  try {
    const slide = await slideOf(browser, base);
    for (const lag of LAGS) {
      const samples: Sample[] = [];
      for (let r = 0; r < RUNS; r++) {
        const s = await sample(browser, base, slide, lag);
        samples.push(s);
        console.info(`lag ${lag} run ${r + 1}: step ${s.metric.step}, accuracy ${JSON.stringify(s.metric.accuracy)}, ${s.fps.toFixed(1)} fps (idle ${s.idleFps.toFixed(1)}), ${s.redrawsPerSecond.toFixed(1)} redraws/s, metric gap max ${s.maxMetricGapMs.toFixed(0)} ms`);
      }
      const m = (pick: (s: Sample) => number) => median(samples.map(pick));
      const acc = (cell: string) => m((s) => s.metric.accuracy[cell] ?? Number.NaN).toFixed(2);
      console.info(
        `lag ${lag}, after ${TRAIN_MS / 1000} s (medians of ${RUNS}): steps ${m((s) => s.metric.step)}, accuracy rnn ${acc('rnn')} lstm ${acc('lstm')} gru ${acc('gru')}, ` +
          `${m((s) => s.fps).toFixed(1)} fps training / ${m((s) => s.idleFps).toFixed(1)} idle = ${m((s) => s.fps / s.idleFps).toFixed(2)}×, ${m((s) => s.redrawsPerSecond).toFixed(1)} redraws/s, longest metric gap ${m((s) => s.maxMetricGapMs).toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
