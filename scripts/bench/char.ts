import type { Browser, Page } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median } from '../lib/stats.ts';

const DEFAULT_RUNS = 3;
const CELLS = ['rnn', 'lstm', 'gru'] as const;
/** Seconds after pressing "train" at which char-lm's loss is read. */
const MARKS = [10, 30] as const;
const HELLO_GOAL_MS = 1000;
const LM_GOAL_NATS = 1.5;

const visibleRoot = '.remark-slides-area .remark-visible .demo-root';

async function openDemo(browser: Browser, base: string, name: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${base}#1`);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  const slide = await page.evaluate(
    (n) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector(`.demo-host[data-demo="${n}"]`)) + 1,
    name,
  );
  if (slide < 1) throw new Error(`no slide holds the ${name} demo`);
  await page.evaluate((n) => {
    location.hash = `#${n}`;
  }, slide);
  await page.waitForSelector(`${visibleRoot}[data-demo="${name}"][data-demo-status="running"]`, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  return { page, close: () => context.close() };
}

/**
 * Milliseconds from the click on "train" to the first metric that says "ello", timed in
 * the page (a string script: the runner would wrap inner functions in a helper the page lacks).
 */
async function helloOnce(browser: Browser, base: string): Promise<number> {
  const { page, close } = await openDemo(browser, base, 'char-hello');
  try {
    return (await page.evaluate(`new Promise((resolve, reject) => {
      const root = document.querySelector('${visibleRoot}');
      const button = [...root.querySelectorAll('button')].find((b) => /^train/.test(b.textContent));
      const t0 = performance.now();
      const check = () => {
        const m = JSON.parse(root.dataset.demoMetric || 'null');
        if (m && m.predicted === 'ello') { observer.disconnect(); resolve(performance.now() - t0); }
      };
      const observer = new MutationObserver(check);
      observer.observe(root, { attributes: true, attributeFilter: ['data-demo-metric'] });
      setTimeout(() => reject(new Error('no "ello" within 30 s')), 30000);
      button.click();
    })`)) as number;
  } finally {
    await close();
  }
}

interface LmSample {
  /** nats/char at each mark. */
  loss: number[];
  charsPerSec: number;
  /** Display frames per second on the main thread while training (mark 1 to mark 2). */
  fps: number;
}

async function lmOnce(browser: Browser, base: string, cell: string): Promise<LmSample> {
  const { page, close } = await openDemo(browser, base, 'char-lm');
  try {
    await page.locator(`${visibleRoot} select`).first().selectOption(cell);
    await page.waitForTimeout(300);
    return (await page.evaluate(`new Promise((resolve) => {
      const root = document.querySelector('${visibleRoot}');
      const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'train');
      const marks = ${JSON.stringify(MARKS)};
      const loss = [];
      let frames = 0;
      let counting = false;
      const t0 = performance.now();
      const frame = () => { if (counting) frames++; if (loss.length < marks.length) requestAnimationFrame(frame); };
      requestAnimationFrame(frame);
      const read = () => JSON.parse(root.dataset.demoMetric || '{}');
      marks.forEach((s, i) => setTimeout(() => {
        const m = read();
        loss.push(m.loss ?? NaN);
        if (i === 0) counting = true;
        if (i === marks.length - 1) resolve({ loss, charsPerSec: m.charsPerSec, fps: frames / (marks[marks.length - 1] - marks[0]) });
      }, s * 1000 - (performance.now() - t0)));
      button.click();
    })`)) as LmSample;
  } finally {
    await close();
  }
}

/**
 * char-hello: time from pressing "train" to the prediction "ello" (worker start included,
 * a fresh page each run). char-lm: nats/char at 10 s and 30 s after pressing "train" on
 * the default paragraph, per cell, with the speed and the main thread's frame rate.
 */
export async function run(args: string[]): Promise<void> {
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const RUNS = runsArg ? Math.max(1, Number.parseInt(runsArg.slice('--runs='.length), 10) || DEFAULT_RUNS) : DEFAULT_RUNS;
  const out = await buildDeckTo('production');
  const server = await serveDirectory(out);
  const base = `${server.url}index.html`;
  const browser = await launchChrome();
  const missed: string[] = [];
  try {
    const hello: number[] = [];
    for (let r = 0; r < RUNS; r++) hello.push(await helloOnce(browser, base));
    const helloMedian = median(hello);
    console.info(`char-hello: "ello" after ${hello.map((v) => v.toFixed(0)).join(', ')} ms; median ${helloMedian.toFixed(0)} ms (goal < ${HELLO_GOAL_MS} ms)`);
    if (!(helloMedian < HELLO_GOAL_MS)) missed.push(`char-hello median ${helloMedian.toFixed(0)} ms`);

    const rows: Record<string, Record<string, string>> = {};
    for (const cell of CELLS) {
      const samples: LmSample[] = [];
      for (let r = 0; r < RUNS; r++) samples.push(await lmOnce(browser, base, cell));
      const row: Record<string, string> = {};
      MARKS.forEach((s, i) => {
        row[`nats/char at ${s} s`] = median(samples.map((x) => x.loss[i]!)).toFixed(3);
        row[`runs at ${s} s`] = samples.map((x) => x.loss[i]!.toFixed(2)).join(' ');
      });
      row['chars/s'] = median(samples.map((x) => x.charsPerSec)).toFixed(0);
      row['fps while training'] = median(samples.map((x) => x.fps)).toFixed(1);
      rows[cell] = row;
      const last = median(samples.map((x) => x.loss[MARKS.length - 1]!));
      if (!(last < LM_GOAL_NATS)) missed.push(`char-lm ${cell}: ${last.toFixed(3)} nats/char at ${MARKS[MARKS.length - 1]} s`);
    }
    console.info(`char-lm on the default paragraph, ${RUNS} runs per cell (medians):`);
    console.table(rows);
    if (missed.length) process.exitCode = 1;
    console.info(missed.length ? `MISSED GOAL:\n  ${missed.join('\n  ')}` : `goals met: "ello" < ${HELLO_GOAL_MS} ms; every cell < ${LM_GOAL_NATS} nats/char at ${MARKS[MARKS.length - 1]} s`);
  } finally {
    await browser.close();
    await server.close();
    removeTemp(out);
  }
}
