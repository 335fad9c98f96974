/**
 * The task: a stream of digits 0, 1, 2; at every step, answer (x_t + x_{t−1} + x_{t−2}) mod 3
 * (digits before the start count as 0). The answer is due at the very step its last digit
 * arrives, so every nonlinear step of the computation (keep the last two digits, add three
 * of them, wrap around 3) has to happen between reading x_t and answering: one layer has a
 * single tanh there, a stack of L layers has L of them.
 */
import { Rng, type Batch } from '../../src/rnn/index.ts';
import { CLASSES, SYMBOLS } from './sizes.ts';

/** Digits summed: the current one and the two before it. */
export const WINDOW = 3;
/** The answer's rule, as the view prints it. */
export const RULE = 'answer at every step: (this digit + the two before) mod 3';

export interface Streams {
  /** Digits per stream, [B][T]. */
  inputs: number[][];
  /** The answer per step, [B][T]. */
  tags: number[][];
}

/** The answer at every step of one stream. */
export function windowAnswers(digits: readonly number[]): number[] {
  return digits.map((_, t) => {
    let sum = 0;
    for (let k = Math.max(0, t - WINDOW + 1); k <= t; k++) sum += digits[k]!;
    return sum % CLASSES;
  });
}

/** `count` streams of `length` digits drawn from `seed`. */
export function makeStreams(seed: number, count: number, length: number): Streams {
  const rng = new Rng(seed);
  const inputs = Array.from({ length: count }, () => Array.from({ length }, () => rng.int(SYMBOLS)));
  return { inputs, tags: inputs.map(windowAnswers) };
}

/** The streams as the core's batch: one-hot digits in, an answer per step out. */
export function streamsBatch(s: Streams): Batch {
  return {
    batchSize: s.inputs.length,
    steps: s.inputs[0]?.length ?? 0,
    inputIndices: Int32Array.from(s.inputs.flat()),
    targetIndices: Int32Array.from(s.tags.flat()),
  };
}
