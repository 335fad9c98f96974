/**
 * Long-time-lag tasks from Hochreiter & Schmidhuber (1997), as seeded batch generators:
 * the answer depends on inputs far back, which is what vanilla RNNs fail to learn.
 */
import type { Batch } from '../batch.ts';
import type { Rng } from '../random.ts';
import { checkInt } from '../validate.ts';

/**
 * Adding problem: input [B, T, 2] = (value in [0, 1), marker); exactly two markers, one in
 * each half; target [B, 1] = sum of the two marked values. Linear head at the last step.
 */
export function addingProblem(rng: Rng, steps: number, batchSize: number): Batch {
  checkInt('steps (sequence length)', steps, 2, 1 << 16);
  checkInt('batchSize', batchSize, 1, 1 << 16);
  const x = new Float64Array(batchSize * steps * 2);
  const y = new Float64Array(batchSize);
  const half = Math.floor(steps / 2);
  for (let b = 0; b < batchSize; b++) {
    for (let t = 0; t < steps; t++) x[(b * steps + t) * 2] = rng.uniform();
    const i = rng.int(half);
    const j = half + rng.int(steps - half);
    x[(b * steps + i) * 2 + 1] = 1;
    x[(b * steps + j) * 2 + 1] = 1;
    y[b] = x[(b * steps + i) * 2]! + x[(b * steps + j) * 2]!;
  }
  return { batchSize, steps, inputValues: x, targetValues: y };
}

/** Symbols of the temporal-order task: distractors a–d, relevant X and Y, start B, end E. */
export const TEMPORAL_ORDER_SYMBOLS = ['a', 'b', 'c', 'd', 'X', 'Y', 'B', 'E'] as const;

/**
 * Temporal order: a sequence of distractors with X or Y at one position in [T/10, 2T/10]
 * and another in [5T/10, 6T/10]; class 0–3 = XX, XY, YX, YY. Token input
 * (vocabulary TEMPORAL_ORDER_SYMBOLS), softmax head at the last step.
 */
export function temporalOrder(rng: Rng, steps: number, batchSize: number): Batch {
  checkInt('steps (sequence length)', steps, 10, 1 << 16);
  checkInt('batchSize', batchSize, 1, 1 << 16);
  const x = new Int32Array(batchSize * steps);
  const y = new Int32Array(batchSize);
  for (let b = 0; b < batchSize; b++) {
    const row = x.subarray(b * steps, (b + 1) * steps);
    for (let t = 0; t < steps; t++) row[t] = rng.int(4);
    row[0] = 6;
    row[steps - 1] = 7;
    const lo1 = Math.max(1, Math.floor(steps / 10)), hi1 = Math.max(lo1 + 1, Math.floor((2 * steps) / 10));
    const lo2 = Math.max(hi1, Math.floor((5 * steps) / 10)), hi2 = Math.max(lo2 + 1, Math.floor((6 * steps) / 10));
    const p1 = lo1 + rng.int(hi1 - lo1), p2 = Math.min(steps - 2, lo2 + rng.int(hi2 - lo2));
    const s1 = rng.int(2), s2 = rng.int(2);
    row[p1] = 4 + s1;
    row[p2] = 4 + s2;
    y[b] = 2 * s1 + s2;
  }
  return { batchSize, steps, inputIndices: x, targetIndices: y };
}

/**
 * Remember the first symbol: a symbol from [0, symbols) followed by `lag` noise tokens,
 * drawn uniformly from `noise` distractors (indices symbols … symbols + noise − 1); the class
 * is the first symbol. Token input with vocabulary symbols + noise, softmax head over
 * `symbols` classes at the last step. With one distractor the noise is constant.
 */
export function rememberFirst(rng: Rng, lag: number, symbols: number, batchSize: number, noise = 1): Batch {
  checkInt('lag', lag, 0, 1 << 16);
  checkInt('symbols', symbols, 2, 1 << 12);
  checkInt('batchSize', batchSize, 1, 1 << 16);
  checkInt('noise', noise, 1, 1 << 12);
  const steps = lag + 1;
  const x = new Int32Array(batchSize * steps).fill(symbols);
  const y = new Int32Array(batchSize);
  for (let b = 0; b < batchSize; b++) {
    const s = rng.int(symbols);
    x[b * steps] = s;
    y[b] = s;
    // One distractor needs no draws, so the constant-noise stream is what it always was.
    if (noise > 1) for (let t = 1; t < steps; t++) x[b * steps + t] = symbols + rng.int(noise);
  }
  return { batchSize, steps, inputIndices: x, targetIndices: y };
}
