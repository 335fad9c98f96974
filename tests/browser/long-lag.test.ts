import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCanvases, atRest, demoState, goto, liveRoot, metricOf, waitRunning } from './demo-helpers.ts';
import { trainingWorkers } from './presenter-session.ts';
import { openLecture, waitState, type Lecture } from './race-demo-page.ts';

interface RaceState {
  lag: number;
  running: boolean;
  step: number;
  rnn: number[];
  weightsStep: number;
}
interface RaceMetric {
  step: number;
  lag: number;
  accuracy: Record<'rnn' | 'lstm' | 'gru', number | null>;
}

describe('long-lag demo in the lecture', () => {
  let l: Lecture;
  beforeAll(async () => {
    l = await openLecture('long-lag');
  });
  afterAll(async () => {
    await l?.close();
  });

  it('trains in the worker, survives leaving the slide mid-run, ends equal in the clone, and frees its worker', async () => {
    const { page, clone, id, slide, target } = l;
    const root = liveRoot(page);
    // A short lag: every model learns, and a run is quick.
    await root.locator('input[type=range]').fill('5');
    await root.locator('button', { hasText: /^train$/ }).click();
    const early = await waitState<RaceState>(page, id, (s) => s.step >= 30);
    expect(early.running).toBe(true);

    // Away mid-training, at once (a quiet machine runs the 400 steps in seconds): the job ends
    // with the slide; back: it resumes from the kept weights.
    const away = (await demoState(page, id)) as RaceState;
    await goto(page, target.url, slide - 2);
    await expect.poll(() => trainingWorkers(page), { timeout: 20_000 }).toBe(0);
    await goto(page, target.url, slide);
    await waitRunning(page);
    // Resumed from the weights kept at or before the step it had reached, not from the start.
    const resumed = await waitState<RaceState>(page, id, (s) => s.step >= Math.min(400, away.step + 10));
    expect(resumed.weightsStep).toBeGreaterThanOrEqual(25);
    // Accuracy is measured every 5 steps; a state kept on leaving may fall between two measurements.
    expect(resumed.rnn.length).toBe(Math.floor(resumed.step / 5) + 1);
    // The metric is written when the state is drawn, a frame after it changes.
    await expect.poll(async () => (await metricOf<RaceMetric>(page)).step).toBeGreaterThanOrEqual(resumed.step);
    const metric = await metricOf<RaceMetric>(page);
    expect(metric.lag).toBe(5);
    for (const v of Object.values(metric.accuracy)) expect(v).toBeGreaterThanOrEqual(0);

    const done = await waitState<RaceState>(page, id, (s) => !s.running, 300_000);
    expect(done.step).toBe(400);
    expect(done.rnn).toHaveLength(400 / 5 + 1);
    const final = await metricOf<RaceMetric>(page);
    for (const v of Object.values(final.accuracy)) expect(v).toBeGreaterThan(0.9);
    expect(await trainingWorkers(page)).toBe(0);

    // At rest, the clone holds and draws the same state.
    await expect.poll(() => atRest(page, id), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => JSON.stringify(await demoState(clone, id)), { timeout: 20_000 }).toBe(JSON.stringify(await demoState(page, id)));
    await expect.poll(() => atRest(clone, id), { timeout: 20_000 }).toBe(true);
    expect(await liveRoot(clone).getAttribute('data-demo-metric')).toBe(await root.getAttribute('data-demo-metric'));
    expect(await allCanvases(clone)).toBe(await allCanvases(page));
    expect(await trainingWorkers(clone)).toBe(0);
  }, 400_000);

  it('unmounts with no worker left and no error in either window', async () => {
    const { page, id, slide, target } = l;
    await liveRoot(page).locator('button', { hasText: /train again/ }).click();
    await waitState<RaceState>(page, id, (s) => s.running && s.step > 0);
    await goto(page, target.url, slide > 5 ? slide - 5 : slide + 5);
    await page.waitForFunction((i) => !document.querySelector(`.remark-slides-area .demo-root[data-demo-id="${i}"]`), id, { timeout: 20_000 });
    await expect.poll(() => trainingWorkers(page), { timeout: 20_000 }).toBe(0);
    expect(l.watch.errors).toEqual([]);
    expect(l.watch.foreignRequests).toEqual([]);
    expect(l.cloneWatch.errors).toEqual([]);
  }, 120_000);
});
