import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCanvases, atRest, demoState, goto, liveRoot, metricOf, waitRunning } from './demo-helpers.ts';
import { trainingWorkers } from './presenter-session.ts';
import { openLecture, waitState, type Lecture } from './race-demo-page.ts';

interface HighwayState {
  keepBias: number;
  trained: boolean;
  raceStep: number;
  weights: number[] | null;
}
interface HighwayMetric {
  trained: boolean;
  raceStep: number;
  keepBias: number;
  atHorizon: Record<'rnn' | 'lstm' | 'gru', number>;
}

describe('gradient-highway demo in the lecture', () => {
  let l: Lecture;
  beforeAll(async () => {
    l = await openLecture('gradient-highway');
  });
  afterAll(async () => {
    await l?.close();
  });

  const sameInClone = async () => {
    const { page, clone, id } = l;
    await expect.poll(() => atRest(page, id), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => JSON.stringify(await demoState(clone, id)), { timeout: 20_000 }).toBe(JSON.stringify(await demoState(page, id)));
    await expect.poll(() => atRest(clone, id), { timeout: 20_000 }).toBe(true);
    expect(await liveRoot(clone).getAttribute('data-demo-metric')).toBe(await liveRoot(page).getAttribute('data-demo-metric'));
    expect(await allCanvases(clone)).toBe(await allCanvases(page));
  };

  it('the keep bias moves the gated curves, and the clone draws the same', async () => {
    const { page, id } = l;
    const before = await metricOf<HighwayMetric>(page);
    await liveRoot(page).locator('input[type=range]').fill('0');
    await waitState<HighwayState>(page, id, (s) => s.keepBias === 0);
    await expect.poll(async () => (await metricOf<HighwayMetric>(page)).keepBias).toBe(0);
    const after = await metricOf<HighwayMetric>(page);
    expect(after.atHorizon.lstm).toBeLessThan(before.atHorizon.lstm);
    expect(after.atHorizon.rnn).toBe(before.atHorizon.rnn);
    await sameInClone();
  });

  it('retrains the long-lag race in the worker for its trained weights, across leaving the slide, and ends equal in the clone', async () => {
    const { page, id, slide, target } = l;
    await liveRoot(page).locator('button', { hasText: 'trained weights' }).click();
    await waitState<HighwayState>(page, id, (s) => s.trained && s.raceStep > 0);
    await goto(page, target.url, slide - 2);
    await expect.poll(() => trainingWorkers(page), { timeout: 20_000 }).toBe(0);
    await goto(page, target.url, slide);
    await waitRunning(page);
    const done = await waitState<HighwayState>(page, id, (s) => s.weights !== null, 300_000);
    expect(done.raceStep).toBe(250);
    expect(await trainingWorkers(page)).toBe(0);
    const m = await metricOf<HighwayMetric>(page);
    expect(m.trained).toBe(true);
    for (const v of Object.values(m.atHorizon)) expect(Number.isFinite(v)).toBe(true);
    await sameInClone();
  }, 400_000);

  it('unmounts with no worker left and no error in either window', async () => {
    const { page, id, slide, target } = l;
    await goto(page, target.url, slide > 5 ? slide - 5 : slide + 5);
    await page.waitForFunction((i) => !document.querySelector(`.remark-slides-area .demo-root[data-demo-id="${i}"]`), id, { timeout: 20_000 });
    expect(await trainingWorkers(page)).toBe(0);
    expect(l.watch.errors).toEqual([]);
    expect(l.watch.foreignRequests).toEqual([]);
    expect(l.cloneWatch.errors).toEqual([]);
  });
});
