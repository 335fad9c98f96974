/**
 * The race's fixed task and the sizes that follow from it (no heavy imports: the schema,
 * bundled eagerly, needs the weight count).
 */
import { RACE_CELLS, hiddenSizeFor, parameterCount, type RaceCell, type RaceConfig } from '../../src/training/trainers/long-lag-sizes.ts';

export { RACE_CELLS, type RaceCell };

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

export function hiddenSize(cell: RaceCell, task: Omit<RaceConfig, 'lag'> = RACE_TASK): number {
  return hiddenSizeFor(cell, task);
}

export function modelSize(cell: RaceCell, task: Omit<RaceConfig, 'lag'> = RACE_TASK): number {
  return parameterCount(cell, hiddenSize(cell, task), task.symbols + task.noise, task.symbols);
}

/** Weights of all three models together: the length of the state's weights. */
export function weightCount(task: Omit<RaceConfig, 'lag'>): number {
  return RACE_CELLS.reduce((n, cell) => n + modelSize(cell, task), 0);
}
