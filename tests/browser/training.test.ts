import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import type { JobResult, TrainingJobSpec } from '../../src/training/index.ts';
import type * as Training from '../../src/training/index.ts';
import { openDeck } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, singleFileTarget, type Target } from './targets.ts';

/** The deck's scripting hook (src/main.ts): the training API, loaded on first use. */
interface TrainingWindow {
  deckTraining(): Promise<typeof Training>;
}

const TEXT = 'the cat sat on the mat. the dog sat on the log. ';

function spec(over: Partial<TrainingJobSpec> = {}): TrainingJobSpec {
  return {
    trainer: 'char-lstm',
    config: { text: TEXT, hiddenSize: 16, seqLength: 10, optimizer: { kind: 'sgd', learningRate: 0.1 }, clip: { kind: 'norm', threshold: 5 } },
    seed: 3,
    steps: 40,
    reportEvery: 10,
    ...over,
  };
}

/** Runs a job to its end in the page through the deck's training hook; `mainThread` forces the fallback. */
function runJob(page: Page, job: TrainingJobSpec, mainThread = false) {
  return page.evaluate(
    async ({ job, mainThread }) => {
      const m = await (window as unknown as TrainingWindow).deckTraining();
      const host = new m.TrainingHost(mainThread ? { createWorker: async () => null } : {});
      const losses: number[] = [];
      const handle = host.start(job, (r) => losses.push(r.loss));
      const result = await handle.done;
      return { place: handle.place, losses, result, liveWorkers: host.liveWorkers };
    },
    { job, mainThread },
  );
}

describe.each([
  ['served build', servedTarget],
  ['single-file build from file://', singleFileTarget],
])('training jobs in the %s', (_label, makeTarget) => {
  let target: Target;
  let browser: Browser;

  beforeAll(async () => {
    target = await makeTarget();
    browser = await launchChrome();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  async function open(noWorker = false): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    if (noWorker) await page.addInitScript(() => delete (window as { Worker?: unknown }).Worker);
    const watch = new PageWatch(page, target.ownPrefix);
    await openDeck(page, `${target.url}#1`);
    return { context, page, watch };
  }

  it('trains in a worker, stops with its state, resumes from it, and leaves no worker behind', async () => {
    const { context, page, watch } = await open();
    const started = await page.evaluate(async (job) => {
      const m = await (window as unknown as TrainingWindow).deckTraining();
      const host = new m.TrainingHost();
      const steps: number[] = [];
      const handle = host.start(job, (r) => steps.push(r.step));
      Object.assign(window, { trainingTest: { host, handle, steps } });
      while (steps.length < 3) await new Promise((r) => setTimeout(r, 20));
      return { place: handle.place, liveWorkers: host.liveWorkers };
    }, spec({ steps: 1_000_000, reportEvery: 5 }));
    expect(started).toEqual({ place: 'worker', liveWorkers: 1 });
    expect(page.workers()).toHaveLength(1);

    // The slide goes away: the demo stops its job and keeps the state.
    const stopped = await page.evaluate(async () => {
      const { host, handle } = (window as unknown as { trainingTest: { host: { liveWorkers: number }; handle: { query(): Promise<{ step: number }>; stop(): Promise<JobResult | null> } } }).trainingTest;
      const queried = (await handle.query()).step;
      const t0 = performance.now();
      const result = await handle.stop();
      return { queried, stopMs: performance.now() - t0, result, liveWorkers: host.liveWorkers };
    });
    expect(stopped.result?.reason).toBe('stopped');
    expect(stopped.result!.report.step).toBeGreaterThanOrEqual(stopped.queried);
    expect(stopped.result!.report.step).toBeLessThan(1_000_000);
    expect(stopped.stopMs).toBeLessThan(1000);
    expect(stopped.liveWorkers).toBe(0);
    await expect.poll(() => page.workers().length).toBe(0);

    // Back on the slide: training continues from the state it stopped at.
    const from = stopped.result!.report.state;
    const resumed = await runJob(page, spec({ steps: 20, initial: from }));
    expect(resumed.place).toBe('worker');
    expect(resumed.result?.report.step).toBe(from.step + 20);
    expect(resumed.liveWorkers).toBe(0);
    await expect.poll(() => page.workers().length).toBe(0);

    // A cancelled job frees its worker at once.
    const cancelled = await page.evaluate(async (job) => {
      const m = await (window as unknown as TrainingWindow).deckTraining();
      const host = new m.TrainingHost();
      let reports = 0;
      const handle = host.start(job, () => reports++);
      while (reports < 1) await new Promise((r) => setTimeout(r, 20));
      handle.cancel();
      return { result: await handle.done, liveWorkers: host.liveWorkers };
    }, spec({ steps: 1_000_000, reportEvery: 5 }));
    expect(cancelled).toEqual({ result: null, liveWorkers: 0 });
    await expect.poll(() => page.workers().length).toBe(0);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await context.close();
  });

  it('runs a tf.layers trainer in its own worker (tf.layers on the CPU backend), apart from the fused trainers\' worker', async () => {
    const { context, page, watch } = await open();
    // One epoch of demos/sentiment's model: 9 minibatches, one report with the weights and the figures measured on them.
    const layers = await runJob(page, { trainer: 'sentiment-layers', worker: 'layers', config: { cell: 'rnn' }, seed: 1, steps: 9, reportEvery: 9, snapshotEvery: 9 });
    expect(layers.place).toBe('worker');
    expect(layers.result?.reason).toBe('finished');
    const extra = layers.result!.report.state.extra;
    expect(extra.epoch).toBe(1);
    expect(extra.heldOutAccuracy).toBeGreaterThan(0);
    expect(extra.trainLoss).toBeGreaterThan(0);
    expect(layers.losses.every(Number.isFinite)).toBe(true);
    expect(layers.liveWorkers).toBe(0);
    // The fused trainers' worker has no tf.layers trainer: a job that names none of its workers' trainers fails with the registry's message.
    const core = page.evaluate(async (job) => {
      const m = await (window as unknown as TrainingWindow).deckTraining();
      return new m.TrainingHost().start(job).done.then(() => 'finished', (e: Error) => e.message);
    }, { trainer: 'sentiment-layers', config: { cell: 'rnn' }, seed: 1, steps: 1, reportEvery: 1 });
    expect(await core).toMatch(/unknown trainer "sentiment-layers"/);
    await expect.poll(() => page.workers().length).toBe(0);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
    await context.close();
  });

  it('gives the same numbers in the worker and on the main thread', async () => {
    const { context, page, watch } = await open();
    const inWorker = await runJob(page, spec());
    const onMain = await runJob(page, spec(), true);
    expect(inWorker.place).toBe('worker');
    expect(onMain.place).toBe('main-thread');
    expect(inWorker.losses).toHaveLength(4);
    expect(onMain.losses).toEqual(inWorker.losses);
    expect(onMain.result).toEqual(inWorker.result);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('falls back to the main thread where Worker does not exist, with the same numbers', async () => {
    const { context, page, watch } = await open(true);
    expect(await page.evaluate(() => typeof (window as { Worker?: unknown }).Worker)).toBe('undefined');
    const fallback = await runJob(page, spec());
    expect(fallback.place).toBe('main-thread');
    expect(page.workers()).toHaveLength(0);
    await context.close();
    const reference = await open();
    const inWorker = await runJob(reference.page, spec());
    expect(inWorker.place).toBe('worker');
    expect(fallback.losses).toEqual(inWorker.losses);
    expect(fallback.result).toEqual(inWorker.result);
    expect(watch.errors).toEqual([]);
    await reference.context.close();
  });
});
