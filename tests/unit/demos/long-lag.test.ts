import { describe, expect, it } from 'vitest';
import { Rng, rememberFirst } from '../../../src/rnn/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';
import { EVAL_STEP_KEY, accuracyKey, initialAccuracyKey, longLagRaceTrainer, raceBatch, readRaceConfig } from '../../../src/training/trainers/long-lag-race.ts';
import manifest from '../../../demos/long-lag/schema.ts';
import { afterReport, flattenWeights, paramsOf, raceConfig, raceJob, resumePoint, seededParams } from '../../../demos/long-lag/model.ts';
import { CHANCE, EVAL_EVERY, RACE_CELLS, RACE_TASK, WEIGHTS_EVERY, hiddenSize, modelSize, weightCount } from '../../../demos/long-lag/race.ts';

type Params = Parameters<typeof manifest.initialState>[0];
const params = validateParams(manifest, '').values as Params;

/** Held-out accuracies after `steps` steps of the race from `seed` (the trainer the worker runs). */
function race(lag: number, steps: number, seed = 1): Record<string, number> {
  const session = longLagRaceTrainer.create(raceConfig(lag), seed, undefined);
  for (let i = 0; i < steps; i++) session.step();
  const extra = session.state().extra;
  expect(extra[EVAL_STEP_KEY]).toBe(steps);
  return Object.fromEntries(RACE_CELLS.map((c) => [c, extra[accuracyKey(c)]!]));
}

describe('long-lag race: the teaching claim', () => {
  it('at lag 50 the vanilla RNN stays near chance while the LSTM and the GRU learn (seed 1, 250 steps)', () => {
    const acc = race(50, 250);
    expect(acc.rnn).toBeLessThan(CHANCE + 0.15);
    expect(acc.lstm).toBeGreaterThan(0.9);
    expect(acc.gru).toBeGreaterThan(0.9);
  }, 120_000);
  it('at lag 5 all three learn (seed 1, 100 steps)', () => {
    const acc = race(5, 100);
    for (const cell of RACE_CELLS) expect(acc[cell]).toBeGreaterThan(0.9);
  }, 60_000);
});

describe('long-lag race: models and data', () => {
  it('gives every cell nearly the same parameter budget', () => {
    for (const cell of RACE_CELLS) {
      expect(modelSize(cell)).toBeLessThanOrEqual(RACE_TASK.budget);
      expect(modelSize(cell)).toBeGreaterThan(0.9 * RACE_TASK.budget);
    }
    expect([hiddenSize('rnn'), hiddenSize('lstm'), hiddenSize('gru')]).toEqual([28, 11, 13]);
    const ps = seededParams(1, 50);
    expect(Object.values(ps).reduce((n, p) => n + p.data.length, 0)).toBe(weightCount(RACE_TASK));
  });
  it('draws each step’s batch from (seed, step) alone, with distractors after the symbol', () => {
    const c = raceConfig(50);
    expect(raceBatch(c, 1, 7)).toEqual(raceBatch(c, 1, 7));
    expect(raceBatch(c, 1, 7).inputIndices).not.toEqual(raceBatch(c, 1, 8).inputIndices);
    const b = rememberFirst(new Rng(3), 12, 4, 10, 16);
    for (let s = 0; s < 10; s++) {
      expect(b.inputIndices![s * 13]).toBe(b.targetIndices![s]);
      const noise = Array.from(b.inputIndices!.subarray(s * 13 + 1, s * 13 + 13));
      expect(noise.every((v) => v >= 4 && v < 20)).toBe(true);
    }
  });
  it('refuses a bad config with the field named', () => {
    expect(() => readRaceConfig({ ...raceConfig(50), lag: 0 })).toThrow(/config\.lag/);
    expect(() => readRaceConfig({ ...raceConfig(50), learningRate: Number.NaN })).toThrow(/config\.learningRate/);
    expect(() => longLagRaceTrainer.create(null, 1, undefined)).toThrow(/config/);
  });
  it('is deterministic: the same seed and steps give the same weights', () => {
    const a = longLagRaceTrainer.create(raceConfig(10), 3, undefined);
    const b = longLagRaceTrainer.create(raceConfig(10), 3, undefined);
    for (let i = 0; i < 5; i++) expect(a.step()).toBe(b.step());
    expect(a.state()).toEqual(b.state());
  });
});

describe('long-lag demo: states', () => {
  it('has defaults within their own schema', () => {
    const s = manifest.initialState(params);
    expect(check(manifest.state(params), s)).toEqual(s);
    expect(s.lag).toBe(50);
  });
  it('builds curves and kept weights from the worker’s reports, and resumes from the kept weights', () => {
    const total = params.steps;
    let s = { ...manifest.initialState({ ...params, lag: 8 }), running: true };
    const session = longLagRaceTrainer.create(raceJob(s, total).config, s.seed, undefined);
    const initial = session.state().extra;
    for (let step = 1; step <= WEIGHTS_EVERY + 2 * EVAL_EVERY; step++) {
      session.step();
      if (step % EVAL_EVERY === 0) s = afterReport(s, { step, jobStep: step, loss: 0, state: session.state() }, total);
    }
    expect(check(manifest.state(params), s)).toEqual(s);
    expect(s.step).toBe(WEIGHTS_EVERY + 2 * EVAL_EVERY);
    for (const cell of RACE_CELLS) {
      expect(s[cell]).toHaveLength(s.step / EVAL_EVERY + 1);
      expect(s[cell][0]).toBe(Math.round(initial[initialAccuracyKey(cell)]! * 100) / 100);
    }
    expect(s.weightsStep).toBe(WEIGHTS_EVERY);
    const back = resumePoint(s);
    expect(back.step).toBe(WEIGHTS_EVERY);
    expect(back.rnn).toHaveLength(WEIGHTS_EVERY / EVAL_EVERY + 1);
    const job = raceJob(back, total);
    expect(job.initial?.step).toBe(WEIGHTS_EVERY);
    expect(job.steps).toBe(total - WEIGHTS_EVERY);
    // A report between evaluations moves only the step counter.
    const between = afterReport(s, { step: s.step + 1, jobStep: 1, loss: 0 }, total);
    expect(between).toEqual({ ...s, step: s.step + 1 });
    // The kept weights round-trip through the state unchanged.
    expect(flattenWeights(paramsOf(back), back.seed, back.lag)).toEqual(back.weights);
  });
});
