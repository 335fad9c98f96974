/**
 * The sequence task of demos/sliding-window: a sequence of symbols whose class is the key
 * symbol (A or B) sitting `lag` steps before the last one; every other symbol is noise
 * (c, d, e). An MLP reading the last `window` symbols sees the key only when lag < window;
 * an RNN reads the whole sequence.
 */
import { Rng } from '../../src/rnn/index.ts';
import { CLASSES, TEST_SIZE, TRAIN_SIZE, VOCAB } from './sizes.ts';

export { CLASSES, SYMBOLS, TEST_SIZE, TRAIN_SIZE, VOCAB } from './sizes.ts';

export interface TaskSet {
  /** Symbol indices, [N][T]. */
  inputs: number[][];
  /** Class per sequence, [N]: 0 = A, 1 = B. */
  labels: number[];
}

/** Sequences are at least one window long, and long enough to hold the key `lag` steps back. */
export const sequenceLength = (window: number, lag: number): number => Math.max(lag + 1, window);

/** N seeded sequences of length T with the key at position T − 1 − lag. */
export function keyTask(seed: number, window: number, lag: number, n: number): TaskSet {
  const rng = new Rng(seed);
  const T = sequenceLength(window, lag);
  const inputs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: T }, () => CLASSES + rng.int(VOCAB - CLASSES));
    const key = rng.int(CLASSES);
    row[T - 1 - lag] = key;
    inputs.push(row);
    labels.push(key);
  }
  return { inputs, labels };
}

/** Training and held-out sets: different seeds, so the held-out sequences were never trained on. */
export function taskSets(seed: number, window: number, lag: number): { train: TaskSet; test: TaskSet } {
  return { train: keyTask(2 * seed + 1, window, lag, TRAIN_SIZE), test: keyTask(2 * seed + 2, window, lag, TEST_SIZE) };
}

/** The last `window` symbols of a sequence: what the MLP reads. */
export const windowOf = (row: readonly number[], window: number): number[] => row.slice(row.length - window);
