import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeck, visibleIndex, waitForIndex } from './deck-page.ts';
import { atRest, demoState, goto, liveRoot, metricOf, waitRunning, waitUnmounted } from './demo-helpers.ts';
import { openPresenterSession, trainingWorkers, type LectureSession } from './presenter-session.ts';

const ID = 'char-lm-live';
interface Metric {
  step: number;
  loss: number | null;
  chance: number;
  charsPerSec: number;
  training: boolean;
}
interface State {
  text: string;
  step: number;
  training: boolean;
}

const state = async (s: LectureSession, which: 'page' | 'clone' = 'page') => (await demoState(s[which], ID)) as State;
const canvases = (s: LectureSession, which: 'page' | 'clone') =>
  s[which].locator('.remark-slides-area .remark-visible .demo-root canvas').first().evaluate((c) => (c as HTMLCanvasElement).toDataURL());

describe('char-lm in the lecture', () => {
  let s: LectureSession;
  let slide: number;

  beforeAll(async () => {
    s = await openPresenterSession();
    slide = await s.slideOf('char-lm');
    expect(slide).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('trains without pause, its metric moving, and the clone shows the same at rest', async () => {
    await s.show(slide);
    const button = liveRoot(s.page).locator('button', { hasText: /^(train|pause)$/ });
    await button.click();
    await expect.poll(async () => (await metricOf<Metric>(s.page, ID)).step, { timeout: 30_000 }).toBeGreaterThan(0);
    const first = await metricOf<Metric>(s.page, ID);
    expect(first.training).toBe(true);
    expect(first.loss).not.toBeNull();
    await expect.poll(async () => (await metricOf<Metric>(s.page, ID)).step, { timeout: 30_000 }).toBeGreaterThan(first.step);
    await expect.poll(async () => (await metricOf<Metric>(s.page, ID)).loss!, { timeout: 60_000 }).toBeLessThan(first.chance - 0.5);
    expect((await metricOf<Metric>(s.page, ID)).charsPerSec).toBeGreaterThan(0);

    await button.click();
    await expect.poll(() => atRest(s.page, ID), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => trainingWorkers(s.page)).toBe(0);
    await expect.poll(async () => JSON.stringify(await demoState(s.clone, ID)), { timeout: 20_000 }).toBe(JSON.stringify(await demoState(s.page, ID)));
    await expect.poll(() => atRest(s.clone, ID), { timeout: 20_000 }).toBe(true);
    expect(await metricOf<Metric>(s.clone, ID)).toEqual(await metricOf<Metric>(s.page, ID));
    expect(await canvases(s, 'clone')).toBe(await canvases(s, 'page'));
  });

  it('resumes from where it stood after the slide is left mid-training, and frees its worker meanwhile', async () => {
    await s.show(slide);
    await liveRoot(s.page).locator('button', { hasText: /^train$/ }).click();
    const before = (await state(s)).step;
    await expect.poll(async () => (await state(s)).step, { timeout: 30_000 }).toBeGreaterThan(before);
    await goto(s.page, s.target.url, slide + 3);
    await waitUnmounted(s.page, ID);
    await expect.poll(() => trainingWorkers(s.page)).toBe(0);
    expect(await demoState(s.page, ID)).toBeNull();
    await goto(s.page, s.target.url, slide);
    await waitRunning(s.page);
    const back = await state(s);
    expect(back.training).toBe(true);
    expect(back.step).toBeGreaterThan(before);
    await expect.poll(async () => (await state(s)).step, { timeout: 30_000 }).toBeGreaterThan(back.step);
    await liveRoot(s.page).locator('button', { hasText: /^pause$/ }).click();
    await expect.poll(() => atRest(s.page, ID), { timeout: 30_000 }).toBe(true);
  });

  it('takes typed text in a textarea without moving the slides, refuses a too-long text, and keeps the text across a reload', async () => {
    await s.show(slide);
    const area = liveRoot(s.page).locator('textarea');
    await area.click();
    await area.press('Control+a');
    await s.page.keyboard.type('the cat sat on the mat. the dog sat on the log. ');
    await s.page.keyboard.press('ArrowRight');
    await s.page.keyboard.press('ArrowLeft');
    await s.page.keyboard.press('Space');
    expect(await visibleIndex(s.page)).toBe(slide - 1);
    await expect.poll(async () => (await state(s)).text, { timeout: 20_000 }).toBe('the cat sat on the mat. the dog sat on the log.  ');
    await expect.poll(async () => (await state(s, 'clone')).text, { timeout: 20_000 }).toBe('the cat sat on the mat. the dog sat on the log.  ');

    const long = 'abc '.repeat(1100);
    await area.fill(long);
    const message = liveRoot(s.page).locator('[role="alert"]', { hasText: 'Nothing was cut' });
    await expect.poll(() => message.textContent()).toContain('4400 characters');
    expect(await area.inputValue()).toBe(long);
    await area.press('Escape');
    // The too-long text was never applied, and Escape gave the keys back to the deck.
    expect((await state(s)).text).toBe('the cat sat on the mat. the dog sat on the log.  ');
    await s.page.keyboard.press('ArrowRight');
    await waitForIndex(s.page, slide);
    await goto(s.page, s.target.url, slide);

    const reloaded = await s.context.newPage();
    await openDeck(reloaded, `${s.target.url}#${slide}`);
    await waitRunning(reloaded);
    await expect.poll(async () => ((await demoState(reloaded, ID)) as State).text).toBe('the cat sat on the mat. the dog sat on the log.  ');
    expect(await reloaded.locator('.remark-slides-area .remark-visible textarea').inputValue()).toBe('the cat sat on the mat. the dog sat on the log.  ');
    await reloaded.close();
  });

  it('unmounts with no worker left, and no error in either window', async () => {
    await goto(s.page, s.target.url, slide > 3 ? slide - 3 : slide + 3);
    await waitUnmounted(s.page, ID);
    expect(await trainingWorkers(s.page)).toBe(0);
    expect(s.watch.errors).toEqual([]);
    expect(s.watch.foreignRequests).toEqual([]);
    expect(s.cloneWatch.errors).toEqual([]);
  });
});
