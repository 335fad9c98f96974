import type { Browser, Page } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median } from '../lib/stats.ts';

const DEFAULT_RUNS = 3;
const visibleRoot = '.remark-slides-area .remark-visible .demo-root';

/**
 * The demos that train: what a lecturer presses, when the slide has made its point (the
 * teaching moment), and when training is over; both read from data-demo-metric (`m`).
 */
const DEMOS: Record<string, { press: RegExp; moment: string; done: string; report: (m: Record<string, number>) => string }> = {
  'sliding-window': {
    press: /train both/,
    moment: 'm.rnnAccuracy >= 0.99 && m.mlpSteps >= 300',
    done: 'm.rnnSteps >= 300',
    report: (m) => `MLP ${(100 * m.mlpAccuracy!).toFixed(1)} %, RNN ${(100 * m.rnnAccuracy!).toFixed(1)} % held-out`,
  },
  sentiment: {
    press: /^train/,
    moment: 'm.heldOutAccuracy >= 0.7',
    done: 'm.epoch >= 15 && !m.training',
    report: (m) => `held-out ${(100 * m.heldOutAccuracy!).toFixed(1)} % after ${m.epoch} epochs`,
  },
};

interface Sample {
  momentMs: number;
  doneMs: number;
  /** Display frames per second while training, and the frame gaps' p95. */
  fps: number;
  /** The demo's own redraws per second while training (counted by the runtime's clock). */
  redrawsPerSecond: number;
  /** Main-thread tasks over 50 ms while training: how many, and the longest (ms). */
  longTasks: number;
  longestTaskMs: number;
  frameP95: number;
  idleFrameP95: number;
  /** Key press to the next painted frame with the new slide, while training and at rest. */
  slideChangeMs: number;
  idleSlideChangeMs: number;
  final: Record<string, number>;
}

interface Watched {
  momentMs: number;
  doneMs: number;
  frames: number[];
  redraws: number;
  longTasks: number[];
  final: Record<string, number>;
}

/** Frames, the demo's redraws, long tasks and the metric, watched from the page until `done` holds: times are page clock, from the call. */
function watchTraining(page: Page, moment: string, done: string): Promise<Watched> {
  // A string, not a function: the script runner would wrap named inner functions in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    const frames = [];
    const longTasks = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
    const root = document.querySelector(${JSON.stringify(visibleRoot)});
    const host = () => window.deckDemos.demos().get(root.dataset.demoId);
    const r0 = host()?.redraws ?? 0;
    let momentMs = NaN;
    const metric = () => JSON.parse(root.dataset.demoMetric ?? '{}');
    const tick = (t) => {
      frames.push(t);
      const m = metric();
      if (Number.isNaN(momentMs) && (${moment})) momentMs = t - t0;
      if ((${done}) || t - t0 > 600000) {
        observer.disconnect();
        resolve({ momentMs, doneMs: t - t0, frames, redraws: (host()?.redraws ?? 0) - r0, longTasks, final: m });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

function framesFor(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const frames = [];
    const t0 = performance.now();
    const tick = (t) => { frames.push(t); if (t - t0 < ${ms}) requestAnimationFrame(tick); else resolve(frames); };
    requestAnimationFrame(tick);
  })`);
}

/** Milliseconds from pressing a key to the first frame painted after the visible slide changed. */
async function slideChange(page: Page, key: string): Promise<number> {
  await page.evaluate(`(() => {
    const all = () => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
    const start = all().findIndex((el) => el.classList.contains('remark-visible'));
    window.__slideChange = new Promise((resolve) => {
      document.addEventListener('keydown', () => {
        const t0 = performance.now();
        const wait = () => all().findIndex((el) => el.classList.contains('remark-visible')) !== start ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(wait);
        wait();
      }, { once: true, capture: true });
    });
  })()`);
  await page.keyboard.press(key);
  return page.evaluate('window.__slideChange') as Promise<number>;
}

const p95 = (frames: number[]) => {
  const gaps = frames.slice(1).map((v, i) => v - frames[i]!).sort((a, b) => a - b);
  return gaps[Math.floor(0.95 * (gaps.length - 1))] ?? Number.NaN;
};

async function sample(browser: Browser, base: string, name: string, slide: number): Promise<Sample> {
  const demo = DEMOS[name]!;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}#${slide - 1}`);
    await page.waitForSelector('.remark-slides-area .remark-visible');
    await page.waitForTimeout(1500);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`${visibleRoot}[data-demo-status="running"]`, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const idleFrameP95 = p95(await framesFor(page, 1500));
    const idleSlideChangeMs = await slideChange(page, 'ArrowRight');
    await slideChange(page, 'ArrowLeft');
    await page.waitForSelector(`${visibleRoot}[data-demo-status="running"]`, { timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.locator(`${visibleRoot} button`, { hasText: demo.press }).first().click();
    const watched = await watchTraining(page, demo.moment, demo.done);
    const seconds = (watched.frames.at(-1)! - watched.frames[0]!) / 1000;
    // Training again, then leaving the slide while it runs.
    await page.waitForTimeout(300);
    await page.locator(`${visibleRoot} button`, { hasText: demo.press }).first().click();
    await page.waitForTimeout(1500);
    const slideChangeMs = await slideChange(page, 'ArrowRight');
    return {
      momentMs: watched.momentMs,
      doneMs: watched.doneMs,
      fps: (watched.frames.length - 1) / seconds,
      redrawsPerSecond: watched.redraws / seconds,
      longTasks: watched.longTasks.length,
      longestTaskMs: Math.max(0, ...watched.longTasks),
      frameP95: p95(watched.frames),
      idleFrameP95,
      slideChangeMs,
      idleSlideChangeMs,
      final: watched.final,
    };
  } finally {
    await context.close();
  }
}

/**
 * For each demo that trains: time from pressing "train" to the teaching moment and to the
 * end, display frames per second, the demo's own redraws per second, main-thread tasks
 * over 50 ms and frame p95 while it trains (idle p95 for comparison), and one slide change
 * (key to painted frame) while it trains against one at rest. One fresh page per round,
 * presenter window alone; medians over the rounds. `--only=sentiment` measures one demo.
 */
export async function run(args: string[]): Promise<void> {
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const RUNS = runsArg ? Math.max(1, Number.parseInt(runsArg.slice('--runs='.length), 10) || DEFAULT_RUNS) : DEFAULT_RUNS;
  const onlyArg = args.find((a) => a.startsWith('--only='));
  const names = onlyArg ? onlyArg.slice('--only='.length).split(',') : Object.keys(DEMOS);
  const unknown = names.filter((n) => !DEMOS[n]);
  if (unknown.length) throw new Error(`--only: no training demo named ${unknown.join(', ')} (known: ${Object.keys(DEMOS).join(', ')})`);
  const out = await buildDeckTo('production');
  const server = await serveDirectory(out);
  const browser = await launchChrome();
  try {
    const probe = await browser.newPage();
    await probe.goto(`${server.url}index.html#1`);
    await probe.waitForSelector('.remark-slides-area .remark-visible');
    const slides = await probe.evaluate((names) => {
      const all = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
      return names.map((n) => all.findIndex((el) => el.querySelector(`.demo-host[data-demo="${n}"]`)) + 1);
    }, names);
    await probe.close();
    for (const [i, name] of names.entries()) {
      const samples: Sample[] = [];
      for (let r = 0; r < RUNS; r++) {
        const s = await sample(browser, `${server.url}index.html`, name, slides[i]!);
        samples.push(s);
        console.info(
          `${name} round ${r + 1}: moment ${(s.momentMs / 1000).toFixed(1)} s, done ${(s.doneMs / 1000).toFixed(1)} s, ${s.fps.toFixed(1)} fps, ${s.redrawsPerSecond.toFixed(1)} redraws/s, ${s.longTasks} tasks > 50 ms (longest ${s.longestTaskMs.toFixed(0)} ms) (frame p95 ${s.frameP95.toFixed(1)} ms, idle ${s.idleFrameP95.toFixed(1)}), slide change ${s.slideChangeMs.toFixed(0)} ms training / ${s.idleSlideChangeMs.toFixed(0)} ms idle; ${DEMOS[name]!.report(s.final)}`,
        );
      }
      const med = (f: (s: Sample) => number) => median(samples.map(f));
      console.info(
        `${name} median of ${RUNS}: teaching moment ${(med((s) => s.momentMs) / 1000).toFixed(1)} s, training done ${(med((s) => s.doneMs) / 1000).toFixed(1)} s, ${med((s) => s.fps).toFixed(1)} fps and ${med((s) => s.redrawsPerSecond).toFixed(1)} demo redraws/s while training, ${med((s) => s.longTasks).toFixed(0)} main-thread tasks > 50 ms (longest ${med((s) => s.longestTaskMs).toFixed(0)} ms), frame p95 ${med((s) => s.frameP95).toFixed(1)} ms (idle ${med((s) => s.idleFrameP95).toFixed(1)} ms), slide change while training / idle ${med((s) => s.slideChangeMs / s.idleSlideChangeMs).toFixed(2)}× (${med((s) => s.slideChangeMs).toFixed(0)} / ${med((s) => s.idleSlideChangeMs).toFixed(0)} ms)`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
    removeTemp(out);
  }
}
