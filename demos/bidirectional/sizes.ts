/**
 * The two models' sizes, by arithmetic alone: the page bundles schema.ts eagerly, so the
 * state's weight counts must not pull in the RNN core.
 */

/** Letters a–d and x, one-hot. */
export const VOCAB = 5;
/** Tags: no x in the line, an x in the line. */
export const CLASSES = 2;

/** Weights of a one-layer tanh RNN with a softmax at every step: W [V, H], U [H, H], b [H] per direction, V_head [dirs·H, C], c [C]. */
export function rnnWeightCount(hidden: number, bidirectional: boolean): number {
  const dirs = bidirectional ? 2 : 1;
  return dirs * (VOCAB * hidden + hidden * hidden + hidden) + dirs * hidden * CLASSES + CLASSES;
}

/** The one-direction width whose weight count is closest to the bidirectional model's (ties: the smaller). */
export function matchedHidden(hidden: number): number {
  const target = rnnWeightCount(hidden, true);
  let best = 1;
  for (let h = 2; h <= 4 * hidden; h++) if (Math.abs(rnnWeightCount(h, false) - target) < Math.abs(rnnWeightCount(best, false) - target)) best = h;
  return best;
}
