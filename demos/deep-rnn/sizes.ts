/**
 * The three stacks' sizes, by arithmetic alone (schema.ts is bundled with the page and
 * must not pull in the RNN core): one, two and three tanh layers of the same width, so each
 * added layer brings one more nonlinear step per time step and its own weights.
 */

/** Digits per step: 0, 1, 2 (the task is in task.ts). */
export const SYMBOLS = 3;
/** The answer: 0, 1 or 2. */
export const CLASSES = 3;

export const DEPTHS = [1, 2, 3] as const;

/** Weights of `depth` stacked tanh layers of `width` units reading one-hot digits, and a softmax at every step. */
export function stackWeightCount(depth: number, width: number): number {
  const first = SYMBOLS * width + width * width + width;
  const upper = 2 * width * width + width;
  return first + (depth - 1) * upper + width * CLASSES + CLASSES;
}
