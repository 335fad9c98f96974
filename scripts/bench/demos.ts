import type { Browser, Page } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { goalLine } from '../lib/goal.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median, quantile } from '../lib/stats.ts';

const RUNS = 5;
const MEASURE_MS = 3000;

/** How to set each demo animating (or training) for the frame-rate measurement. */
const ANIMATE: Record<string, (page: Page) => Promise<void>> = {
  unroll: (p) => clickButton(p, /^play$/),
  bptt: (p) => clickButton(p, /play/i),
  clipping: (p) => clickButton(p, /random start|restart/i),
  vanishing: async (p) => {
    const range = p.locator('.remark-slides-area .remark-visible .demo-root input[type=range]').first();
    await range.focus();
    await p.keyboard.press('ArrowRight');
  },
};

async function clickButton(page: Page, label: RegExp): Promise<void> {
  await page.locator('.remark-slides-area .remark-visible .demo-root button', { hasText: label }).first().click();
}

/** rAF intervals (ms) over a window, measured in the page: the frame rate the audience sees. */
async function frameIntervals(page: Page, ms: number, during?: () => Promise<void>): Promise<number[]> {
  const started = page.evaluate(`new Promise((resolve) => {
    const times = [];
    const t0 = performance.now();
    const tick = (t) => {
      times.push(t);
      if (t - t0 < ${ms}) requestAnimationFrame(tick);
      else resolve(times.slice(1).map((v, i) => v - times[i]));
    };
    requestAnimationFrame(tick);
  })`) as Promise<number[]>;
  if (during) await during();
  return started;
}

async function demoSlides(page: Page): Promise<{ name: string; slide: number }[]> {
  return page.evaluate(() => {
    const seen = new Set<string>();
    const out: { name: string; slide: number }[] = [];
    document.querySelectorAll('.remark-slides-area .remark-slide-container').forEach((el, i) => {
      const host = el.querySelector<HTMLElement>('.demo-host');
      const name = host?.dataset.demo;
      if (name && !seen.has(name)) {
        seen.add(name);
        out.push({ name, slide: i + 1 });
      }
    });
    return out;
  });
}

/** Key press on the slide before → the demo's first drawn frame, with its code prefetched. */
async function firstFrameMs(page: Page, base: string, slide: number): Promise<number> {
  // A fresh document each run: a hash change alone would keep the earlier run's demo.
  await page.goto('about:blank');
  await page.goto(`${base}#${slide - 1}`);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  await page.waitForTimeout(1500);
  // A string, not a function: the script runner would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    addEventListener('keydown', () => (window.__pressed = performance.now()), { capture: true, once: true });
    const check = () => {
      if (document.querySelector('.remark-slides-area .remark-visible .demo-root[data-demo-status="running"] canvas')) {
        requestAnimationFrame(() => (window.__firstFrame = performance.now()));
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })()`);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => (window as unknown as { __firstFrame?: number }).__firstFrame !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => {
    const w = window as unknown as { __firstFrame: number; __pressed: number };
    return w.__firstFrame - w.__pressed;
  });
}

async function cloneLag(browser: Browser, base: string, slide: number): Promise<{ lagMs: number[]; stepsBehind: number[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${base}#${slide}`);
  await page.waitForSelector('.remark-slides-area .remark-visible .demo-root[data-demo-status="running"]', { timeout: 60_000 });
  await page.keyboard.press('p');
  const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
  await clone.waitForSelector('.remark-slides-area .remark-visible .demo-root[data-demo-status="running"]', { timeout: 60_000 });
  const stepsBehind: number[] = [];
  const stepOf = (p: Page) => p.locator('.remark-slides-area .remark-visible .demo-root').getAttribute('data-demo-step').then(Number);
  for (let i = 0; i < 20; i++) {
    await clickButton(page, /step ▶/);
    // One frame later, how many committed states is the projector behind?
    await clone.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    stepsBehind.push((await stepOf(page)) - (await stepOf(clone)));
  }
  const lagMs = await clone.evaluate(() => (window as unknown as { deckDemos: { syncLags: number[] } }).deckDemos.syncLags.slice());
  await context.close();
  return { lagMs, stepsBehind };
}

export async function run(_args: string[]): Promise<void> {
  const out = await buildDeckTo('production');
  const server = await serveDirectory(out);
  const base = `${server.url}index.html`;
  const browser = await launchChrome();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${base}#1`);
    await page.waitForSelector('.remark-slides-area .remark-visible');
    const demos = await demoSlides(page);
    const rows: Record<string, Record<string, string>> = {};
    for (const { name, slide } of demos) {
      const fps: number[] = [];
      const p95: number[] = [];
      const first: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        first.push(await firstFrameMs(page, base, slide));
        await page.waitForTimeout(300);
        const intervals = await frameIntervals(page, MEASURE_MS, () => ANIMATE[name]?.(page) ?? Promise.resolve());
        fps.push(1000 / median(intervals));
        p95.push(quantile(intervals, 0.95));
      }
      rows[name] = {
        slide: String(slide),
        'fps (median)': median(fps).toFixed(1),
        'frame p95 ms': median(p95).toFixed(1),
        'first frame ms': median(first).toFixed(0),
      };
    }
    // Frame time while a model trains: the unroll demo takes 25 TensorFlow.js training steps per click.
    const unroll = demos.find((d) => d.name === 'unroll');
    if (unroll) {
      const p95s: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        await page.goto('about:blank');
        await page.goto(`${base}#${unroll.slide}`);
        await page.waitForSelector('.remark-slides-area .remark-visible .demo-root[data-demo-status="running"]');
        const intervals = await frameIntervals(page, MEASURE_MS, async () => {
          for (let i = 0; i < 8; i++) {
            await clickButton(page, /train/);
            await page.waitForTimeout(250);
          }
        });
        p95s.push(quantile(intervals, 0.95));
      }
      console.info(goalLine('frame time p95 while the unroll demo trains', median(p95s), 20, 'ms'));
      const lag = await cloneLag(browser, base, unroll.slide);
      console.info(
        `clone lag: message ${median(lag.lagMs).toFixed(1)} ms median, ${Math.max(...lag.lagMs).toFixed(1)} ms max; ` +
          `states behind one frame after a change over ${lag.stepsBehind.length} changes:\n${goalLine('clone states behind', Math.max(...lag.stepsBehind), 1, 'states', 0)}`,
      );
    }
    console.info(`demos, ${RUNS} runs each (medians):`);
    console.table(rows);
  } finally {
    await browser.close();
    await server.close();
    removeTemp(out);
  }
}
