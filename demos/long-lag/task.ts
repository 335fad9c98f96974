/**
 * The race's fixed task, as plain constants.
 */
import type { RaceConfig } from '../../src/training/trainers/long-lag-sizes.ts';

/** Held-out accuracy is measured every this many steps. */
export const EVAL_EVERY = 5;
/** The state keeps the weights every this many steps: a slide that comes back resumes from there. */
export const WEIGHTS_EVERY = 25;

/**
 * Four symbols (chance 25 %) behind sixteen kinds of noise token; each model may have 1,500
 * parameters; Adam at 0.01 on batches of 16; forget and update gates start at bias 2 (keep).
 * The lag is the state's; everything else is fixed so the three columns stay comparable.
 */
export const RACE_TASK: Omit<RaceConfig, 'lag'> = {
  symbols: 4,
  noise: 16,
  budget: 1500,
  batchSize: 16,
  learningRate: 0.01,
  keepBias: 2,
  evalEvery: EVAL_EVERY,
  evalSize: 100,
};

export const CHANCE = 1 / RACE_TASK.symbols;

/** Evaluations in a run of `steps` steps, the one at step 0 included. */
export const evalPoints = (steps: number): number => Math.floor(steps / EVAL_EVERY) + 1;
