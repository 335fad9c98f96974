/**
 * The task: tag every letter of a line with whether the line holds an "x" anywhere, before
 * or after it. Half the lines hold exactly one x, at a uniform position; the rest are
 * letters a–d only. A model that reads left to right knows the answer only once it has
 * passed the x, so its best possible accuracy at step t is 1 − ½·(T−1−t)/T; reading in both
 * directions, every step can know.
 */
import { Rng, type Batch } from '../../src/rnn/index.ts';
import { VOCAB } from './sizes.ts';

export const LETTERS = ['a', 'b', 'c', 'd', 'x'] as const;
/** The letter the task asks about. */
export const MARK = VOCAB - 1;

export interface Lines {
  /** Letter indices per line, [B][T]. */
  inputs: number[][];
  /** 1 where the line holds an x, per position, [B][T]. */
  tags: number[][];
}

/** `count` lines of `length` letters drawn from `seed`. */
export function makeLines(seed: number, count: number, length: number): Lines {
  const rng = new Rng(seed);
  const inputs: number[][] = [];
  const tags: number[][] = [];
  for (let b = 0; b < count; b++) {
    const line = Array.from({ length }, () => rng.int(MARK));
    const marked = rng.uniform() < 0.5;
    if (marked) line[rng.int(length)] = MARK;
    inputs.push(line);
    tags.push(line.map(() => (marked ? 1 : 0)));
  }
  return { inputs, tags };
}

/** The lines as the core's batch: one-hot letters in, a tag per step out. */
export function linesBatch(lines: Lines): Batch {
  const T = lines.inputs[0]?.length ?? 0;
  return {
    batchSize: lines.inputs.length,
    steps: T,
    inputIndices: Int32Array.from(lines.inputs.flat()),
    targetIndices: Int32Array.from(lines.tags.flat()),
  };
}

/** The best accuracy any left-to-right reader can reach at step t of T: it cannot know of an x still ahead. */
export function causalCeiling(t: number, T: number): number {
  return 1 - (0.5 * (T - 1 - t)) / T;
}
