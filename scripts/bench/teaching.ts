/**
 * The training demos' teaching moments: for each demo, the wall-clock time from pressing
 * its train button to the moment its data-demo-metric first shows the effect the slide is
 * about, the display frames per second while it trains against the same slide's rate in
 * the 2 s before (the ratio is what a loaded machine can compare), and the demo's own
 * redraws per second and the main thread's tasks over 50 ms, in a plain window of the
 * served build. Medians over the runs; `--only=bidirectional` measures one demo's moments.
 */
import type { Browser } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median } from '../lib/stats.ts';

const DEFAULT_RUNS = 5;
const TIMEOUT_MS = 120_000;

interface Moment {
  demo: string;
  button: RegExp;
  /** What the moment is, in words. */
  says: string;
  /** A JavaScript expression over `m` (the parsed metric) that is true from the moment on. */
  reached: string;
}

const MOMENTS: Moment[] = [
  {
    demo: 'bidirectional',
    button: /^train both$/,
    says: 'held-out accuracy, bidirectional − one direction ≥ 0.15, and the bidirectional model ≥ 0.9 at the first letter',
    reached: 'm.bi.accuracy - m.uni.accuracy >= 0.15 && m.bi.firstAccuracy >= 0.9',
  },
  {
    demo: 'bidirectional',
    button: /^train both$/,
    says: '200 training steps (a longer window for the frame rate while training)',
    reached: 'm.step >= 200',
  },
  {
    demo: 'deep-rnn',
    button: /^train all three$/,
    says: 'the deeper stack clearly below the shallow one: held-out loss of 3 layers under half that of 1 layer, 2 layers under 1 layer',
    reached: 'm.layers1.loss !== null && m.layers3.loss < m.layers1.loss / 2 && m.layers2.loss < m.layers1.loss',
  },
  {
    demo: 'deep-rnn',
    button: /^train all three$/,
    says: 'the 3-layer stack answers 95 % of the held-out steps right (the challenge)',
    reached: 'm.layers3.accuracy !== null && m.layers3.accuracy >= 0.95',
  },
];

interface Sample {
  /** ms from the click to the moment, NaN when it was not reached in time. */
  moment: number;
  step: number;
  fps: number;
  /** Frames per second on the same slide in the 2 s before the click: the baseline of the loaded machine. */
  idleFps: number;
  redrawsPerSecond: number;
  /** Main-thread tasks over 50 ms from the click to the moment: how many, and the longest (ms). */
  longTasks: number;
  longestTaskMs: number;
}

async function sample(browser: Browser, base: string, moment: Moment): Promise<Sample> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.goto(`${base}#1`);
    await page.waitForSelector('.remark-slides-area .remark-visible');
    const slide = await page.evaluate((d) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector(`.demo-host[data-demo="${d}"]`)) + 1, moment.demo);
    if (slide < 1) throw new Error(`no slide holds the ${moment.demo} demo`);
    await page.evaluate((n) => {
      location.hash = `#${n}`;
    }, slide);
    const root = '.remark-slides-area .remark-visible .demo-root';
    await page.waitForSelector(`${root}[data-demo-status="running"]`, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const idleFps = (await page.evaluate(`new Promise((resolve) => {
      let frames = 0;
      let t0 = null;
      const tick = (t) => {
        if (t0 === null) t0 = t;
        frames++;
        if (t - t0 >= 2000) { resolve(frames / ((t - t0) / 1000)); return; }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })`)) as number;
    // Counting starts in the page before the click, so the click's own time is inside the window; the
    // expression ends in `undefined` so that evaluate does not wait for the promise it stores.
    await page.evaluate(`window.__moment = new Promise((resolve) => {
      const root = document.querySelector(${JSON.stringify(root)});
      const id = root.dataset.demoId;
      const host = () => window.deckDemos.demos().get(id);
      const longTasks = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
      observer.observe({ type: 'longtask' });
      let frames = 0;
      let r0 = null;
      let t0 = null;
      const longTasks = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
      observer.observe({ type: 'longtask' });
      const tick = (t) => {
        if (t0 === null) { t0 = t; r0 = host()?.redraws ?? 0; }
        frames++;
        const m = JSON.parse(root.dataset.demoMetric || 'null');
        const reached = m && m.step > 0 && (${moment.reached});
        if (reached || t - t0 > ${TIMEOUT_MS}) {
          const s = (t - t0) / 1000;
          observer.disconnect();
          resolve({ moment: reached ? performance.now() - window.__clickAt : NaN, step: m ? m.step : -1, fps: frames / s, redrawsPerSecond: ((host()?.redraws ?? 0) - r0) / s, longTasks: longTasks.length, longestTaskMs: Math.max(0, ...longTasks) });
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }); undefined`);
    await page.evaluate(() => ((window as unknown as { __clickAt: number }).__clickAt = performance.now()));
    await page.locator(`${root} button`, { hasText: moment.button }).first().click();
    return { ...((await page.evaluate('window.__moment')) as Omit<Sample, 'idleFps'>), idleFps };
  } finally {
    await page.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const runs = runsArg ? Math.max(1, Number.parseInt(runsArg.slice('--runs='.length), 10) || DEFAULT_RUNS) : DEFAULT_RUNS;
  // `--only=bidirectional` measures the moments of the demos named.
  const onlyArg = args.find((a) => a.startsWith('--only='));
  const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
  const moments = only ? MOMENTS.filter((m) => only.includes(m.demo)) : MOMENTS;
  if (moments.length === 0) throw new Error(`--only: no teaching moment for ${only!.join(', ')} (known: ${[...new Set(MOMENTS.map((m) => m.demo))].join(', ')})`);
  const out = await buildDeckTo('production');
  const server = await serveDirectory(out);
  const browser = await launchChrome();
  try {
    const rows: Record<string, Record<string, string>> = {};
    for (const moment of moments) {
      const samples: Sample[] = [];
      for (let r = 0; r < runs; r++) samples.push(await sample(browser, `${server.url}index.html`, moment));
      const reached = samples.filter((s) => Number.isFinite(s.moment));
      const med = (pick: (s: Sample) => number, from = samples) => (from.length ? median(from.map(pick)) : Number.NaN);
      rows[`${moment.demo}: ${moment.says}`] = {
        'moment (s)': (med((s) => s.moment, reached) / 1000).toFixed(2),
        'at step': med((s) => s.step, reached).toFixed(0),
        reached: `${reached.length}/${samples.length}`,
        'fps before': med((s) => s.idleFps).toFixed(1),
        'fps while training': med((s) => s.fps).toFixed(1),
        'fps training / before': med((s) => s.fps / s.idleFps).toFixed(2),
        'demo redraws/s': med((s) => s.redrawsPerSecond).toFixed(1),
        'tasks > 50 ms': med((s) => s.longTasks).toFixed(0),
        'longest task (ms)': med((s) => s.longestTaskMs).toFixed(0),
        'all moments (s)': samples.map((s) => (s.moment / 1000).toFixed(2)).join(' '),
      };
    }
    console.info(`teaching moments, ${runs} runs each (medians):`);
    console.table(rows);
  } finally {
    await browser.close();
    await server.close();
    removeTemp(out);
  }
}
