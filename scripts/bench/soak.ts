import type { Browser, CDPSession, Page } from 'playwright-core';
import { buildDeckTo } from '../lib/build-deck.ts';
import { launchChrome, rasterFromArgs } from '../lib/chrome.ts';
import { removeTemp } from '../lib/cli.ts';
import { serveDirectory } from '../lib/static-server.ts';
import { median } from '../lib/stats.ts';
import { heapBreakdown, type HeapBreakdown } from '../lib/heap-snapshot.ts';
import { demoSlides } from './demos.ts';

/**
 * Soak: every demo kept training or animating for a long stretch, and the whole deck walked
 * forward and back many times with the presenter and its clone open. A leak shows as JS heap
 * or TensorFlow.js tensors that grow with the work done; the goal is both flat within 10 %
 * from the start of the stretch (after a warm-up, after a forced GC) to its end.
 * Not run in CI: the default is ten minutes per demo (all demos at once, each in its own
 * browser context) and twenty walks.
 */

const DEFAULT_MINUTES = 10;
const DEFAULT_WALKS = 20;
const FLAT = 1.1;
const POLL_MS = 1000;
const LOAD_TIMEOUT_MS = 180_000;
/** Samples (each after a forced GC) whose median is one measurement. */
const SAMPLES = 3;

/**
 * What a lecturer presses to keep each demo busy: whenever the demo comes to rest (drawn,
 * no training job, nothing moving), the next button of its cycle that is there and enabled
 * is pressed.
 */
const DRIVE: Record<string, RegExp[]> = {
  unroll: [/^play$/, /^train \d+ steps$/, /^reset$/],
  bptt: [/Play$/, /^New weights$/],
  clipping: [/^Random start$/, /^Play$/],
  vanishing: [/^new inputs$/],
  'gradient-highway': [/^new inputs$/, /^(trained|seeded) weights$/],
  'char-hello': [/^train \d+ steps$/, /^sample$/, /^reset$/],
  'char-lm': [/^train$/],
  'long-lag': [/^train( again)?$/],
  bidirectional: [/^train both$/, /^reset$/],
  'deep-rnn': [/^train all three$/, /^reset$/],
  sentiment: [/^train \d+ epochs$/, /^held-out review$/, /^reset$/],
  'sliding-window': [/^train both$/, /^shuffle window$/, /^unshuffle$/, /^next sequence$/, /^reset$/],
  'lstm-gates': [/^train \d+ steps$/, /^step ▶$/, /^reset$/],
  'gru-gates': [/^train \d+ steps$/, /^step ▶$/, /^reset$/],
};
const FALLBACK_DRIVE = [/play|train|new inputs/i, /reset/i];

interface Memory {
  heapMB: number;
  /** Live tensors in the page, or 0 where TensorFlow.js was never loaded. */
  tensors: number;
}

interface DemoSoak {
  name: string;
  start: Memory;
  end: Memory;
  stepStart: number;
  stepEnd: number;
  presses: number;
  /** Share of polls that found the demo busy (training, animating or drawing). */
  busy: number;
  errors: string[];
}

interface DemoSlide {
  name: string;
  slide: number;
  id: string;
}

const option = (args: string[], name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function positive(args: string[], name: string, fallback: number): number {
  const raw = option(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Console errors and uncaught exceptions: a soak that logs one has failed whatever its memory. */
function collectErrors(page: Page, into: string[], label: string): void {
  page.on('pageerror', (e) => into.push(`${label}: pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(`${label}: console: ${m.text()}`);
  });
}

async function sampleMemory(page: Page, cdp: CDPSession): Promise<Memory> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const tensors = await page.evaluate(() => (window as unknown as { deckDemos: { tfMemory(): Promise<number | null> } }).deckDemos.tfMemory());
  return { heapMB: usedSize / 2 ** 20, tensors: tensors ?? 0 };
}

/** The median of a few GC'd samples a second apart: one transient report in flight does not decide. */
async function measure(page: Page, cdp: CDPSession): Promise<Memory> {
  const samples: Memory[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    if (i > 0) await sleep(1000);
    samples.push(await sampleMemory(page, cdp));
  }
  return { heapMB: median(samples.map((s) => s.heapMB)), tensors: median(samples.map((s) => s.tensors)) };
}


/** Presses the first button of the cycle, from `next` on, that the resting demo shows enabled. Returns the cycle position pressed, or null when busy. */
function pressIfResting(page: Page, id: string, cycle: RegExp[], next: number): Promise<{ busy: boolean; pressed: number | null; step: number }> {
  return page.evaluate(
    ({ id, sources, next }) => {
      const host = (window as unknown as { deckDemos: { demos(): Map<string, { atRest(): boolean; step: number; root: HTMLElement }> } }).deckDemos.demos().get(id);
      if (!host) return { busy: false, pressed: null, step: 0 };
      if (!host.atRest()) return { busy: true, pressed: null, step: host.step };
      const buttons = [...host.root.querySelectorAll('button')].filter((b) => !b.disabled);
      for (let k = 0; k < sources.length; k++) {
        const i = (next + k) % sources.length;
        const pattern = new RegExp(sources[i]!);
        const button = buttons.find((b) => pattern.test((b.textContent ?? '').trim()));
        if (button) {
          button.click();
          return { busy: false, pressed: i, step: host.step };
        }
      }
      return { busy: false, pressed: null, step: host.step };
    },
    { id, sources: cycle.map((r) => r.source), next },
  );
}

async function soakDemo(browser: Browser, base: string, demo: DemoSlide, ms: number, warmupMs: number): Promise<DemoSoak> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    // Many pages start at once on a busy machine: loading is slow, and is not what is measured.
    page.setDefaultTimeout(LOAD_TIMEOUT_MS);
    collectErrors(page, errors, demo.name);
    const cdp = await context.newCDPSession(page);
    await page.goto(`${base}#${demo.slide}`);
    await page.waitForSelector(`.remark-slides-area .remark-visible .demo-root[data-demo-id="${demo.id}"][data-demo-status="running"]`);
    const cycle = DRIVE[demo.name] ?? FALLBACK_DRIVE;
    let next = 0;
    let presses = 0;
    let polls = 0;
    let busyPolls = 0;
    let step = 0;
    const drive = async (until: number, count: boolean) => {
      while (Date.now() < until) {
        const r = await pressIfResting(page, demo.id, cycle, next);
        step = r.step;
        if (r.pressed !== null) {
          next = r.pressed + 1;
          presses++;
        }
        if (count) {
          polls++;
          if (r.busy) busyPolls++;
        }
        await sleep(POLL_MS);
      }
    };
    await drive(Date.now() + warmupMs, false);
    const start = await measure(page, cdp);
    const stepStart = step;
    await drive(Date.now() + ms, true);
    const end = await measure(page, cdp);
    return { name: demo.name, start, end, stepStart, stepEnd: step, presses, busy: polls ? busyPolls / polls : 0, errors };
  } catch (error) {
    // One demo that cannot be soaked is a failed row, not a lost run.
    errors.push(`${demo.name}: ${(error as Error).message.split('\n')[0]}`);
    const none = { heapMB: Number.NaN, tensors: Number.NaN };
    return { name: demo.name, start: none, end: none, stepStart: 0, stepEnd: 0, presses: 0, busy: 0, errors };
  } finally {
    await context.close();
  }
}

/** Runs `tasks` with at most `limit` at once. */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let i = 0;
  const worker = async () => {
    while (i < tasks.length) {
      const k = i++;
      results[k] = await tasks[k]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

interface WalkResult {
  slides: number;
  walks: number;
  secondsPerWalk: number[];
  before: { presenter: Memory; clone: Memory };
  afterFirst: { presenter: Memory; clone: Memory };
  afterLast: { presenter: Memory; clone: Memory };
  /** JS heap of the two windows after each walk (one forced GC each), to see growth level off or not. */
  heapPerWalkMB: number[];
  /** Heap snapshots after walk 1 and after the last walk, by kind of node. */
  snapshotFirst: HeapBreakdown;
  snapshotLast: HeapBreakdown;
  errors: string[];
}

const visibleIndex = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.classList.contains('remark-visible')));

/** Presses a key in the presenter and waits until both windows show slide `index`. */
async function stepTo(presenter: Page, clone: Page, key: string, index: number): Promise<void> {
  await presenter.keyboard.press(key);
  const shows = (i: number) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.classList.contains('remark-visible')) === i;
  await presenter.waitForFunction(shows, index, { timeout: 30_000 });
  await clone.waitForFunction(shows, index, { timeout: 30_000 });
}

async function walkDeck(browser: Browser, base: string, walks: number): Promise<WalkResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const errors: string[] = [];
  try {
    const presenter = await context.newPage();
    presenter.setDefaultTimeout(LOAD_TIMEOUT_MS);
    collectErrors(presenter, errors, 'presenter');
    await presenter.goto(`${base}#1`);
    await presenter.waitForSelector('.remark-slides-area .remark-visible');
    await presenter.keyboard.press('p');
    const [clone] = await Promise.all([context.waitForEvent('page'), presenter.keyboard.press('c')]);
    clone.setDefaultTimeout(LOAD_TIMEOUT_MS);
    collectErrors(clone, errors, 'clone');
    await clone.setViewportSize({ width: 1280, height: 720 });
    await clone.waitForSelector('.remark-slides-area .remark-visible');
    // The clone is opened with window.open, so both windows run in one renderer process and
    // share one V8 heap: measured once, it is the two windows together. Tensors are per window.
    const cdp = await context.newCDPSession(presenter);
    const both = async () => {
      const shared = await measure(presenter, cdp);
      const cloneTensors = await clone.evaluate(() => (window as unknown as { deckDemos: { tfMemory(): Promise<number | null> } }).deckDemos.tfMemory());
      return { presenter: shared, clone: { heapMB: shared.heapMB, tensors: cloneTensors ?? 0 } };
    };
    const slides = await presenter.locator('.remark-slides-area .remark-slide-container').count();
    const before = await both();
    let afterFirst = before;
    let snapshotFirst: HeapBreakdown | undefined;
    const secondsPerWalk: number[] = [];
    const heapPerWalkMB: number[] = [];
    for (let w = 0; w < walks; w++) {
      const t0 = Date.now();
      for (let i = 1; i < slides; i++) await stepTo(presenter, clone, 'ArrowRight', i);
      for (let i = slides - 2; i >= 0; i--) await stepTo(presenter, clone, 'ArrowLeft', i);
      secondsPerWalk.push((Date.now() - t0) / 1000);
      if (w === 0) {
        afterFirst = await both();
        snapshotFirst = await heapBreakdown(cdp);
      }
      await cdp.send('HeapProfiler.collectGarbage');
      heapPerWalkMB.push((await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20);
      console.info(`walk ${w + 1}/${walks}: ${secondsPerWalk.at(-1)!.toFixed(0)} s, ${errors.length} error(s), heap ${heapPerWalkMB.at(-1)!.toFixed(2)} MB`);
    }
    if ((await visibleIndex(presenter)) !== 0) errors.push('presenter did not end on the first slide');
    const afterLast = walks > 1 ? await both() : afterFirst;
    const snapshotLast = walks > 1 ? await heapBreakdown(cdp) : snapshotFirst!;
    return { slides, walks, secondsPerWalk, before, afterFirst, afterLast, heapPerWalkMB, snapshotFirst: snapshotFirst!, snapshotLast, errors };
  } finally {
    await context.close();
  }
}

/** One goal line: the end within 10 % of the start (no growth at all from zero tensors). */
function flatLine(label: string, start: number, end: number, unit: string, decimals: number): string {
  const met = start === 0 ? end === 0 : end <= start * FLAT; // NaN (a failed row) is never met
  if (!met) process.exitCode = 1;
  const ratio = start === 0 ? (end === 0 ? '×1.00' : '×∞') : `×${(end / start).toFixed(2)}`;
  return `${met ? 'met   ' : 'MISSED'}  ${label}: ${start.toFixed(decimals)} → ${end.toFixed(decimals)} ${unit} (${ratio}; goal ≤ ×${FLAT.toFixed(2)})`;
}

function errorLine(label: string, errors: string[]): string {
  if (errors.length > 0) process.exitCode = 1;
  return `${errors.length === 0 ? 'met   ' : 'MISSED'}  ${label}: ${errors.length} page error(s) (goal 0)${errors.length ? `\n    ${errors.slice(0, 10).join('\n    ')}` : ''}`;
}

/**
 * `npm run bench -- soak [--minutes M] [--walks N] [--concurrency K] [--only demo,demo]`:
 * M minutes of driving per demo after a warm-up (a tenth of it, at most one minute), K demos
 * at once (default all), then N walks of the deck with presenter and clone.
 */
export async function run(args: string[]): Promise<void> {
  const minutes = positive(args, 'minutes', DEFAULT_MINUTES);
  const walks = Math.round(positive(args, 'walks', DEFAULT_WALKS));
  const only = option(args, 'only')?.split(',');
  const ms = minutes * 60_000;
  const warmupMs = Math.min(60_000, ms / 10);
  const out = await buildDeckTo('production');
  const server = await serveDirectory(out);
  const base = `${server.url}index.html`;
  const raster = rasterFromArgs(args);
  const browser = await launchChrome({ raster });
  try {
    const probe = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    probe.setDefaultTimeout(LOAD_TIMEOUT_MS);
    await probe.goto(`${base}#1`);
    await probe.waitForSelector('.remark-slides-area .remark-visible');
    const demos = (await demoSlides(probe)).filter((d) => !only || only.includes(d.name));
    await probe.close();
    if (only && demos.length < only.length) throw new Error(`--only: no demo slide for ${only.filter((n) => !demos.some((d) => d.name === n)).join(', ')}`);
    const concurrency = Math.round(positive(args, 'concurrency', demos.length));
    console.info(`raster: ${raster}; ${demos.length} demos, ${minutes} min each after a ${(warmupMs / 1000).toFixed(0)} s warm-up, ${concurrency} at once; then ${walks} walk(s) of the deck`);

    const soaks = await pooled(
      demos.map((d) => () => soakDemo(browser, base, d, ms, warmupMs)),
      concurrency,
    );
    const rows: Record<string, Record<string, string>> = {};
    for (const s of soaks) {
      rows[s.name] = {
        'heap MB start': s.start.heapMB.toFixed(2),
        'heap MB end': s.end.heapMB.toFixed(2),
        'heap ×': (s.end.heapMB / s.start.heapMB).toFixed(3),
        'tensors start': String(s.start.tensors),
        'tensors end': String(s.end.tensors),
        'step start': String(s.stepStart),
        'step end': String(s.stepEnd),
        presses: String(s.presses),
        'busy %': (100 * s.busy).toFixed(0),
        errors: String(s.errors.length),
      };
    }
    console.info(`\ndemos, ${minutes} min each (memory after forced GC, median of ${SAMPLES} samples):`);
    console.table(rows);
    for (const s of soaks) {
      console.info(flatLine(`${s.name} JS heap`, s.start.heapMB, s.end.heapMB, 'MB', 2));
      console.info(flatLine(`${s.name} tensors`, s.start.tensors, s.end.tensors, '', 0));
      console.info(errorLine(`${s.name} errors`, s.errors));
    }

    const walk = await walkDeck(browser, base, walks);
    console.info(`\nwalk: ${walk.slides} slides forward and back, ${walk.walks} time(s), presenter mode with the clone open; median ${median(walk.secondsPerWalk).toFixed(0)} s per walk`);
    console.table({
      'presenter + clone heap MB': { before: walk.before.presenter.heapMB.toFixed(2), 'after walk 1': walk.afterFirst.presenter.heapMB.toFixed(2), [`after walk ${walk.walks}`]: walk.afterLast.presenter.heapMB.toFixed(2) },
      'presenter tensors': { before: String(walk.before.presenter.tensors), 'after walk 1': String(walk.afterFirst.presenter.tensors), [`after walk ${walk.walks}`]: String(walk.afterLast.presenter.tensors) },
      'clone tensors': { before: String(walk.before.clone.tensors), 'after walk 1': String(walk.afterFirst.clone.tensors), [`after walk ${walk.walks}`]: String(walk.afterLast.clone.tensors) },
    });
    console.info(`JS heap after each walk (MB): ${walk.heapPerWalkMB.map((m) => m.toFixed(2)).join(' ')}`);
    const kinds = (b: HeapBreakdown) => ({ 'JS values MB': b.jsValuesMB.toFixed(2), 'compiled code MB': b.codeMB.toFixed(2), 'other MB': b.otherMB.toFixed(2) });
    console.info('heap snapshots of the two windows, by kind of node:');
    console.table({ 'after walk 1': kinds(walk.snapshotFirst), [`after walk ${walk.walks}`]: kinds(walk.snapshotLast) });
    // The first walk loads TensorFlow.js, the demos' code and the figures once: flat is measured from there.
    // The whole heap includes V8's compiled code, which grows as the engine optimises the code
    // the walk runs; what the deck keeps is its JS values, and those must stay flat.
    console.info(flatLine('walk JS values kept by the two windows (walk 1 → last)', walk.snapshotFirst.jsValuesMB, walk.snapshotLast.jsValuesMB, 'MB', 2));
    console.info(`info    walk presenter + clone JS heap, compiled code included (walk 1 → last): ${walk.afterFirst.presenter.heapMB.toFixed(2)} → ${walk.afterLast.presenter.heapMB.toFixed(2)} MB (×${(walk.afterLast.presenter.heapMB / walk.afterFirst.presenter.heapMB).toFixed(2)})`);
    console.info(flatLine('walk presenter tensors (walk 1 → last)', walk.afterFirst.presenter.tensors, walk.afterLast.presenter.tensors, '', 0));
    console.info(flatLine('walk clone tensors (walk 1 → last)', walk.afterFirst.clone.tensors, walk.afterLast.clone.tensors, '', 0));
    console.info(errorLine('walk errors', walk.errors));
  } finally {
    await browser.close();
    await server.close();
    removeTemp(out);
  }
}
