/** Sliding windows over a token sequence (the fixed-window MLP language model), and a many-to-one classification task. */
import type { Batch } from '../batch.ts';
import type { Rng } from '../random.ts';
import { checkIndices, checkInt } from '../validate.ts';

export interface WindowDataset {
  /** Window contents, [N][window]. */
  inputs: number[][];
  /** Next token after each window, [N]. */
  targets: number[];
}

/** Every window of `window` consecutive tokens with the token that follows it. */
export function slidingWindows(ids: ArrayLike<number>, window: number, vocab: number): WindowDataset {
  checkIndices('ids', ids, vocab);
  checkInt('window', window, 1, Math.max(1, ids.length - 1));
  const inputs: number[][] = [], targets: number[] = [];
  for (let s = 0; s + window < ids.length; s++) {
    inputs.push(Array.from({ length: window }, (_, k) => ids[s + k]!));
    targets.push(ids[s + window]!);
  }
  return { inputs, targets };
}

/** One-hot encodes windows into flat MLP inputs, [N, window·vocab]. */
export function oneHotWindows(ds: WindowDataset, vocab: number): Float64Array {
  const w = ds.inputs[0]?.length ?? 0;
  const out = new Float64Array(ds.inputs.length * w * vocab);
  ds.inputs.forEach((row, n) => row.forEach((id, k) => (out[(n * w + k) * vocab + id] = 1)));
  return out;
}

/**
 * Many-to-one classification: binary token sequences (vocabulary 2), class 1 when ones
 * outnumber zeros (odd length avoids ties). Softmax head over 2 classes at the last step.
 */
export function majorityTask(rng: Rng, steps: number, batchSize: number): Batch {
  checkInt('steps (sequence length)', steps, 1, 1 << 16);
  checkInt('batchSize', batchSize, 1, 1 << 16);
  const x = new Int32Array(batchSize * steps);
  const y = new Int32Array(batchSize);
  for (let b = 0; b < batchSize; b++) {
    let ones = 0;
    for (let t = 0; t < steps; t++) {
      const v = rng.int(2);
      x[b * steps + t] = v;
      ones += v;
    }
    y[b] = 2 * ones > steps ? 1 : 0;
  }
  return { batchSize, steps, inputIndices: x, targetIndices: y };
}
