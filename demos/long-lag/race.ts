/**
 * The sizes that follow from the race's task: hidden sizes and parameter counts.
 */
import { RACE_CELLS, hiddenSizeFor, parameterCount, type RaceCell, type RaceConfig } from '../../src/training/trainers/long-lag-sizes.ts';

export { RACE_CELLS, type RaceCell };
export { CHANCE, EVAL_EVERY, RACE_TASK, WEIGHTS_EVERY, evalPoints } from './task.ts';
import { RACE_TASK } from './task.ts';

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
