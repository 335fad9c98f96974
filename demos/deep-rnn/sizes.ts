/**
 * The three stacks' sizes, by arithmetic alone (schema.ts is bundled with the page and
 * must not pull in the RNN core): one, two and three tanh layers, the deeper ones as wide as
 * the one-layer model's weight count allows.
 */

/** Bits in, one-hot. */
export const VOCAB = 2;
/** The tag: 0 or 1. */
export const CLASSES = 2;
export const DEPTHS = [1, 2, 3] as const;

/** Weights of `depth` stacked tanh layers of `width` units and a softmax at every step. */
export function stackWeightCount(depth: number, width: number): number {
  const first = VOCAB * width + width * width + width;
  const upper = 2 * width * width + width;
  return first + (depth - 1) * upper + width * CLASSES + CLASSES;
}

/** The widest `depth`-layer stack with no more weights than one layer of `hidden` units: a deeper stack never gets more. */
export function matchedWidth(depth: number, hidden: number): number {
  let w = 1;
  while (stackWeightCount(depth, w + 1) <= stackWeightCount(1, hidden)) w++;
  return w;
}
