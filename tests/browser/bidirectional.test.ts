import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoState, liveRoot, metricOf } from './demo-helpers.ts';
import { openPresenterSession, type LectureSession } from './presenter-session.ts';
import { awayAndBack, cloneMatchesAtRest, leaveAndCheckFreed, metricStep, press, slideOf, stopTraining } from './training-demo-check.ts';

const ID = 'bidirectional-live';

describe('bidirectional demo', () => {
  let s: LectureSession;
  let slide: number;

  beforeAll(async () => {
    s = await openPresenterSession();
    slide = await slideOf(s.page, ID);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('trains both models in the worker, resumes after moving away, shows the gap, matches in the clone and unmounts clean', async () => {
    expect(slide).toBeGreaterThan(0);
    await s.show(slide);
    expect(await liveRoot(s.page).getAttribute('data-demo')).toBe('bidirectional');
    expect(await metricOf(s.page)).toMatchObject({ step: 0, training: false });
    await press(s.page, /^train both$/);
    // The metric follows training step by step: each report is a new state.
    await expect.poll(() => metricStep(s.page), { timeout: 120_000 }).toBeGreaterThan(0);
    const m = (await metricOf(s.page)) as { uni: { loss: number; accuracy: number }; bi: { loss: number; accuracy: number } };
    for (const model of [m.uni, m.bi]) {
      expect(Number.isFinite(model.loss)).toBe(true);
      expect(model.accuracy).toBeGreaterThan(0);
    }
    await awayAndBack(s, ID, slide, 40);
    await expect.poll(() => metricStep(s.page), { timeout: 120_000 }).toBeGreaterThanOrEqual(160);
    await stopTraining(s.page);
    await cloneMatchesAtRest(s, ID);
    const rest = (await metricOf(s.page)) as { step: number; training: boolean; uni: { accuracy: number; firstAccuracy: number }; bi: { accuracy: number; firstAccuracy: number } };
    expect(rest.training).toBe(false);
    expect(rest.bi.accuracy - rest.uni.accuracy).toBeGreaterThan(0.15);
    expect(rest.bi.firstAccuracy).toBeGreaterThan(0.9);
    expect(((await demoState(s.page, ID)) as { step: number }).step).toBe(rest.step);
    await leaveAndCheckFreed(s, ID, slide);
  });
});
