import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atRest, demoState, goto, liveRoot, metricOf, tfMemory, waitRunning, waitUnmounted } from './demo-helpers.ts';
import { openPresenterSession, trainingWorkers, type LectureSession } from './presenter-session.ts';

const ID = 'char-hello-live';
interface Metric {
  step: number;
  loss: number | null;
  loss0: number;
  predicted: string;
  sample: string | null;
}
interface State {
  step: number;
  trainUntil: number;
}

const canvases = (s: LectureSession, which: 'page' | 'clone') =>
  s[which].locator('.remark-slides-area .remark-visible .demo-root canvas').first().evaluate((c) => (c as HTMLCanvasElement).toDataURL());

describe('char-hello in the lecture', () => {
  let s: LectureSession;
  let slide: number;

  beforeAll(async () => {
    s = await openPresenterSession();
    slide = await s.slideOf('char-hello');
    expect(slide).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the loss at step 0 beside ln 4, learns "ello" when trained, and the clone shows the same', async () => {
    await s.show(slide);
    const start = await metricOf<Metric>(s.page, ID);
    expect(start).toMatchObject({ step: 0, loss: 1.3803, loss0: 1.3803 });
    expect(start.predicted).not.toBe('ello');
    await liveRoot(s.page).locator('button', { hasText: /^train \d+ steps$/ }).click();
    await expect.poll(async () => (await metricOf<Metric>(s.page, ID)).predicted, { timeout: 30_000 }).toBe('ello');
    await expect.poll(() => atRest(s.page, ID), { timeout: 60_000 }).toBe(true);
    const trained = await metricOf<Metric>(s.page, ID);
    expect(trained.step).toBe(200);
    expect(trained.loss).toBeLessThan(0.05);
    await expect.poll(async () => JSON.stringify(await demoState(s.clone, ID)), { timeout: 20_000 }).toBe(JSON.stringify(await demoState(s.page, ID)));
    await expect.poll(() => atRest(s.clone, ID), { timeout: 20_000 }).toBe(true);
    expect(await metricOf<Metric>(s.clone, ID)).toEqual(trained);
    expect(await canvases(s, 'clone')).toBe(await canvases(s, 'page'));

    await liveRoot(s.page).locator('button', { hasText: /^sample$/ }).click();
    await expect.poll(async () => (await metricOf<Metric>(s.page, ID)).sample, { timeout: 30_000 }).toMatch(/^h[helo]{4}$/);
    await expect.poll(() => atRest(s.page, ID), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await metricOf<Metric>(s.clone, ID)).sample, { timeout: 20_000 }).toBe((await metricOf<Metric>(s.page, ID)).sample);
  });

  it('goes on training after the slide is left and shown again mid-training, and frees its worker', async () => {
    await s.show(slide);
    await liveRoot(s.page).locator('button', { hasText: /^train \d+ steps$/ }).click();
    await expect.poll(async () => ((await demoState(s.page, ID)) as State).step, { timeout: 30_000 }).toBeGreaterThan(205);
    const mid = (await demoState(s.page, ID)) as State;
    expect(mid.step).toBeLessThan(mid.trainUntil);
    await goto(s.page, s.target.url, slide + 3);
    await waitUnmounted(s.page, ID);
    await expect.poll(() => trainingWorkers(s.page)).toBe(0);
    await goto(s.page, s.target.url, slide);
    await waitRunning(s.page);
    await expect.poll(() => atRest(s.page, ID), { timeout: 60_000 }).toBe(true);
    expect(((await demoState(s.page, ID)) as State).step).toBe(mid.trainUntil);
  });

  it('unmounts with no worker and no tensor left, and no error in either window', async () => {
    const before = await tfMemory(s.page);
    await goto(s.page, s.target.url, slide > 3 ? slide - 3 : slide + 3);
    await waitUnmounted(s.page, ID);
    expect(await trainingWorkers(s.page)).toBe(0);
    expect(await tfMemory(s.page)).toBe(before);
    expect(s.watch.errors).toEqual([]);
    expect(s.watch.foreignRequests).toEqual([]);
    expect(s.cloneWatch.errors).toEqual([]);
  });
});
