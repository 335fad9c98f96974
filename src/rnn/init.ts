/**
 * Seeded initialisers built on the plain PRNG in random.ts. They return float64 arrays;
 * the tfjs path turns them into tensors, so every backend starts from the same numbers.
 */
import type { Array64 } from './params.ts';
import type { Rng } from './random.ts';
import { orthonormalise } from './linalg.ts';

/** Normal(0, scale²) entries, shape [rows, cols]. */
export function normalInit(rng: Rng, rows: number, cols: number, scale: number): Array64 {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = scale * rng.normal();
  return { shape: [rows, cols], data };
}

/** Glorot (Xavier) uniform, limit √(6 / (fanIn + fanOut)), as tf.layers' default kernel initialiser. */
export function glorotUniform(rng: Rng, rows: number, cols: number): Array64 {
  const limit = Math.sqrt(6 / (rows + cols));
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.range(-limit, limit);
  return { shape: [rows, cols], data };
}

/**
 * Orthogonal [n, n·blocks]: each n×n block is an independent orthogonal matrix (the
 * recurrent kernels of LSTM/GRU hold one block per gate), times gain.
 */
export function orthogonalInit(rng: Rng, n: number, blocks = 1, gain = 1): Array64 {
  const cols = n * blocks;
  const data = new Float64Array(n * cols);
  for (let b = 0; b < blocks; b++) {
    const g = new Float64Array(n * n);
    for (let i = 0; i < g.length; i++) g[i] = rng.normal();
    const q = orthonormalise(g, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * cols + b * n + j] = gain * q[i * n + j]!;
  }
  return { shape: [n, cols], data };
}

export function zerosInit(shape: number[]): Array64 {
  return { shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)) };
}
