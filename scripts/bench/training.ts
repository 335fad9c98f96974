import type { Browser, Page } from 'playwright-core';
import { CHAPTER_SEPARATOR } from '../../src/build/compile-deck.ts';
import { readDeckSources } from '../../src/build/deck-sources.ts';
import type { TrainingJobSpec } from '../../src/training/index.ts';
import { PROJECT_ROOT, buildDeckTo } from '../lib/build-deck.ts';
import { removeTemp } from '../lib/cli.ts';
import { launchChrome } from '../lib/chrome.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median, quantile } from '../lib/stats.ts';
import { KEY_LATENCY } from './deck.ts';

const RUNS = 7;
const FRAMES_MS = 3000;
const KEY_PRESSES = 60;
const HIDDEN = 100;
const SEQ = 25;

/** rAF intervals over `ms`, measured in the page (a string: the script runner's helpers do not exist there). */
function frameIntervals(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const times = [];
    const t0 = performance.now();
    const tick = (t) => {
      times.push(t);
      if (t - t0 < ${ms}) requestAnimationFrame(tick);
      else resolve(times.slice(1).map((v, i) => v - times[i]));
    };
    requestAnimationFrame(tick);
  })`) as Promise<number[]>;
}

async function slideChanges(page: Page): Promise<number[]> {
  await page.evaluate(KEY_LATENCY);
  for (let i = 0; i < KEY_PRESSES; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(80);
  }
  return page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
}

interface Phase {
  frameP95: number;
  slideP95: number;
}

async function phase(page: Page): Promise<Phase> {
  const frames = await frameIntervals(page, FRAMES_MS);
  const keys = await slideChanges(page);
  return { frameP95: quantile(frames, 0.95), slideP95: quantile(keys, 0.95) };
}

/**
 * Starts a job through the deck's training hook and waits for its first report; `mainThread`
 * forces the fallback. Page code is a string: the script runner's helpers do not exist there.
 */
async function startJob(page: Page, job: TrainingJobSpec, mainThread: boolean): Promise<string> {
  return page.evaluate(`(async () => {
    const m = await window.deckTraining();
    const host = new m.TrainingHost(${mainThread ? '{ createWorker: async () => null }' : '{}'});
    let reports = 0;
    const t0 = performance.now();
    const handle = host.start(${JSON.stringify(job)}, () => reports++);
    window.benchJob = { handle, t0 };
    while (reports === 0) await new Promise((r) => setTimeout(r, 10));
    return handle.place;
  })()`) as Promise<string>;
}

/** Steps per second since the job started, then cancels it. */
async function stopJob(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const { handle, t0 } = window.benchJob;
    const n = (await handle.query()).jobStep;
    const rate = (n * 1000) / (performance.now() - t0);
    handle.cancel();
    return rate;
  })()`) as Promise<number>;
}

interface Round {
  idle: Phase;
  worker: Phase;
  fallback: Phase;
  workerSteps: number;
  fallbackSteps: number;
}

async function round(browser: Browser, url: string, job: TrainingJobSpec, fallbackFirst: boolean): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  await page.waitForTimeout(1000);
  const idle = await phase(page);
  const training = async (mainThread: boolean) => {
    const place = await startJob(page, job, mainThread);
    const measured = await phase(page);
    return { place, measured, steps: await stopJob(page) };
  };
  // Alternate which training phase comes first, so neither always runs on a warmer page.
  const [first, second] = fallbackFirst ? [await training(true), await training(false)] : [await training(false), await training(true)];
  const [w, f] = fallbackFirst ? [second, first] : [first, second];
  const { place, measured: worker, steps: workerSteps } = w;
  const { place: fallbackPlace, measured: fallback, steps: fallbackSteps } = f;
  await context.close();
  if (place !== 'worker' || fallbackPlace !== 'main-thread') throw new Error(`expected a worker and a fallback job, got ${place} and ${fallbackPlace}`);
  return { idle, worker, fallback, workerSteps, fallbackSteps };
}

/**
 * Main-thread responsiveness while a hidden-100 character LSTM trains: frame time p95 and
 * slide change (key to next frame) p95, idle vs training in a worker vs the main-thread
 * fallback, all in one page per round.
 */
export async function run(_args: string[]): Promise<void> {
  const dir = await buildDeckTo('production');
  const server = await serveDirectory(dir);
  const browser = await launchChrome();
  const text = readDeckSources(PROJECT_ROOT, process.env.DECK_SLIDES ?? 'slides').chapters.map((c) => c.text).join(CHAPTER_SEPARATOR).slice(0, 20_000);
  const job: TrainingJobSpec = {
    trainer: 'char-lstm',
    config: { text, hiddenSize: HIDDEN, seqLength: SEQ, optimizer: { kind: 'adam', learningRate: 0.002 }, clip: { kind: 'norm', threshold: 5 } },
    seed: 1,
    steps: 1_000_000,
    reportEvery: 10,
  };
  try {
    const rounds: Round[] = [];
    for (let r = 0; r < RUNS; r++) rounds.push(await round(browser, `${server.url}index.html#1`, job, r % 2 === 1));
    const m = (f: (x: Round) => number) => median(rounds.map(f));
    console.info(`char LSTM hidden ${HIDDEN}, sequence ${SEQ}, batch 1; ${RUNS} rounds, medians:`);
    console.table({
      idle: { frameP95Ms: m((x) => x.idle.frameP95), slideChangeP95Ms: m((x) => x.idle.slideP95), charsPerSecond: 0 },
      'worker training': { frameP95Ms: m((x) => x.worker.frameP95), slideChangeP95Ms: m((x) => x.worker.slideP95), charsPerSecond: m((x) => x.workerSteps * SEQ) },
      'main-thread fallback': { frameP95Ms: m((x) => x.fallback.frameP95), slideChangeP95Ms: m((x) => x.fallback.slideP95), charsPerSecond: m((x) => x.fallbackSteps * SEQ) },
    });
    console.info(
      `frame p95 while a worker trains: ${m((x) => x.worker.frameP95).toFixed(1)} ms (goal <= 20 ms)\n` +
        `slide change p95, worker training / idle (per round): ${m((x) => x.worker.slideP95 / x.idle.slideP95).toFixed(2)}x (goal <= 1.10x)\n` +
        `slide change p95, main-thread fallback / idle: ${m((x) => x.fallback.slideP95 / x.idle.slideP95).toFixed(2)}x`,
    );
  } finally {
    await browser.close();
    await server.close();
    removeTemp(dir);
  }
}
