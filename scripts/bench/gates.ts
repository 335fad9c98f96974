import type { Browser, Page } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median } from '../lib/stats.ts';

const DEFAULT_RUNS = 5;
const STEP_MS = 2000;
const GATE_DEMOS = ['lstm-gates', 'gru-gates'];
const visibleRoot = '.remark-slides-area .remark-visible .demo-root';

interface Sample {
  /** Click on "train" to the trained state drawn (300 steps, depth named right): the teaching moment. */
  trainedMs: number;
  /** Display frames per second of the page, and the demo's redraws per second, while the worker trains. */
  trainFps: number;
  trainRedraws: number;
  /** The same while the lecturer steps through the equations (one → press every 50 ms). */
  stepFps: number;
  stepRedraws: number;
  /** The page's frame rate on the same slide with nothing happening: what the machine gives at all. */
  idleFps: number;
}

/**
 * Counts display frames and the demo's redraws until `done` (a JS expression) holds or `ms`
 * pass; resolves with both rates and the time taken. A string, not a function: the script
 * runner would wrap named inner functions in a helper the page lacks.
 */
function measure(page: Page, id: string, done: string, ms: number): Promise<{ fps: number; redraws: number; ms: number }> {
  return page.evaluate(`new Promise((resolve) => {
    const host = () => window.deckDemos.demos().get(${JSON.stringify(id)});
    const r0 = host()?.redraws ?? 0;
    let frames = 0;
    const t0 = performance.now();
    const tick = (t) => {
      frames++;
      const finished = (${done});
      if (!finished && t - t0 < ${ms}) { requestAnimationFrame(tick); return; }
      const s = (t - t0) / 1000;
      resolve({ fps: frames / s, redraws: ((host()?.redraws ?? 0) - r0) / s, ms: t - t0 });
    };
    requestAnimationFrame(tick);
  })`) as Promise<{ fps: number; redraws: number; ms: number }>;
}

async function sample(browser: Browser, base: string, slide: number, id: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}#${slide}`);
    await page.waitForSelector(`${visibleRoot}[data-demo-status="running"]`, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const root = page.locator(visibleRoot);
    await root.locator('canvas').first().focus();
    const idle = await measure(page, id, 'false', 1000);
    const stepping = measure(page, id, 'false', STEP_MS);
    const until = Date.now() + STEP_MS - 100;
    while (Date.now() < until) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(50);
    }
    const step = await stepping;
    await page.keyboard.press('Escape');
    const trainedState = `(window.deckDemos.demos().get(${JSON.stringify(id)})?.state?.trainSteps ?? 0) >= 300 && document.querySelector('${visibleRoot}').dataset.demoStep === '300'`;
    const training = measure(page, id, trainedState, 60_000);
    await root.locator('button', { hasText: 'train' }).click();
    const train = await training;
    return { trainedMs: train.ms, trainFps: train.fps, trainRedraws: train.redraws, stepFps: step.fps, stepRedraws: step.redraws, idleFps: idle.fps };
  } finally {
    await context.close();
  }
}

/**
 * The gate demos: time from "train" to the trained picture (the forget and write moments
 * drawn), and the page's frame rate and the demo's redraw rate while training and stepping.
 */
export async function run(args: string[]): Promise<void> {
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const RUNS = runsArg ? Math.max(1, Number.parseInt(runsArg.slice('--runs='.length), 10) || DEFAULT_RUNS) : DEFAULT_RUNS;
  const out = await buildDeckTo('production');
  const server = await serveDirectory(out);
  const base = `${server.url}index.html`;
  const browser = await launchChrome();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${base}#1`);
    await page.waitForSelector('.remark-slides-area .remark-visible');
    const found = await page.evaluate(() =>
      [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].flatMap((el, i) => {
        const host = el.querySelector<HTMLElement>('.demo-host');
        return host?.dataset.demo ? [{ name: host.dataset.demo, slide: i + 1, id: host.dataset.demoId ?? '' }] : [];
      }),
    );
    await page.close();
    const rows: Record<string, Record<string, string>> = {};
    for (const name of GATE_DEMOS) {
      const demo = found.find((d) => d.name === name);
      if (!demo) throw new Error(`no slide shows the ${name} demo`);
      const samples: Sample[] = [];
      for (let r = 0; r < RUNS; r++) samples.push(await sample(browser, base, demo.slide, demo.id));
      const m = (pick: (s: Sample) => number, digits = 1) => median(samples.map(pick)).toFixed(digits);
      rows[name] = {
        'train → trained ms': m((s) => s.trainedMs, 0),
        'fps training': m((s) => s.trainFps),
        'redraws/s training': m((s) => s.trainRedraws),
        'fps stepping': m((s) => s.stepFps),
        'redraws/s stepping': m((s) => s.stepRedraws),
        'fps idle': m((s) => s.idleFps),
        'runs (trained ms)': samples.map((s) => s.trainedMs.toFixed(0)).join(' '),
      };
    }
    console.info(`gate demos, ${RUNS} runs each (medians; 300 training steps in the worker, stepping = → every 50 ms for ${STEP_MS} ms):`);
    console.table(rows);
  } finally {
    await browser.close();
    await server.close();
    removeTemp(out);
  }
}
