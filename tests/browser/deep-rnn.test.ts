import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoState, liveRoot, metricOf } from './demo-helpers.ts';
import { openPresenterSession, type LectureSession } from './presenter-session.ts';
import { awayAndBack, cloneMatchesAtRest, leaveAndCheckFreed, metricStep, press, slideOf, stopTraining } from './training-demo-check.ts';

const ID = 'deep-rnn-live';
type StackMetric = { trainLoss: number | null; loss: number | null; accuracy: number | null };

describe('deep-rnn demo', () => {
  let s: LectureSession;
  let slide: number;

  beforeAll(async () => {
    s = await openPresenterSession();
    slide = await slideOf(s.page, ID);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('trains the three stacks in the worker with a loss curve each, resumes after moving away, matches in the clone and unmounts clean', async () => {
    expect(slide).toBeGreaterThan(0);
    await s.show(slide);
    expect(await liveRoot(s.page).getAttribute('data-demo')).toBe('deep-rnn');
    expect(await metricOf(s.page)).toMatchObject({ step: 0, training: false });
    await press(s.page, /^train all three$/);
    await expect.poll(() => metricStep(s.page), { timeout: 120_000 }).toBeGreaterThan(0);
    const m = (await metricOf(s.page)) as Record<'layers1' | 'layers2' | 'layers3', StackMetric>;
    for (const k of ['layers1', 'layers2', 'layers3'] as const) {
      expect(Number.isFinite(m[k].trainLoss)).toBe(true);
      // Held-out figures measured by the worker's trainer and carried by the report.
      expect(Number.isFinite(m[k].loss)).toBe(true);
      expect(m[k].accuracy).toBeGreaterThanOrEqual(0);
      expect(m[k].accuracy).toBeLessThanOrEqual(1);
    }
    await awayAndBack(s, ID, slide, 40);
    await stopTraining(s.page);
    await cloneMatchesAtRest(s, ID);
    const state = (await demoState(s.page, ID)) as { step: number; curves: number[][] };
    // One point per report on every curve, the steps increasing: nothing lost across the move away and back.
    expect(state.curves.map((c) => c[0])).toEqual(Array.from({ length: state.step / 20 }, (_, i) => 20 * (i + 1)));
    // The clone follows the driver's choice of stack to show.
    await s.page.bringToFront();
    await liveRoot(s.page).locator('select').selectOption('3');
    await cloneMatchesAtRest(s, ID);
    await leaveAndCheckFreed(s, ID, slide);
  });
});
